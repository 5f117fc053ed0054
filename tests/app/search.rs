//! Search through its routes. This module holds the shared helpers and the shape of the
//! API's answer; filters, sorting and pages, freshness and snippets, permissions, the
//! language of the field, recovery of the index, the page and related entries have their
//! own modules.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod fallback;
mod filters;
mod freshness;
mod language;
mod page;
mod permissions;
mod recovery;
mod related;

pub(crate) fn days_ago(days: u64) -> NaiveDate {
    praxis::platform::clock::today()
        .checked_sub_days(Days::new(days))
        .unwrap()
}

/// Percent-encodes a query-string value (everything but unreserved characters).
pub(crate) fn encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A query string from pairs, each value encoded.
pub(crate) fn query_string(params: &[(&str, &str)]) -> String {
    params
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `GET /api/v1/search` with these parameters, whatever it answers.
pub(crate) fn search_reply(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Reply {
    app.get_json(token, &format!("/api/v1/search?{}", query_string(params)))
}

/// `GET /api/v1/search`, which must answer 200; its JSON.
#[track_caller]
pub(crate) fn search(app: &TestApp, token: &str, params: &[(&str, &str)]) -> Value {
    search_reply(app, token, params).expect(Status::Ok).json()
}

/// A search for words alone, up to 100 results.
#[track_caller]
pub(crate) fn find(app: &TestApp, token: &str, words: &str) -> Value {
    search(app, token, &[("q", words), ("limit", "100")])
}

/// The ids of a result's hits, in order.
pub(crate) fn hit_ids(result: &Value) -> Vec<i64> {
    result["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("hits in {result}"))
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect()
}

/// The ids of a result's hits, as a set.
pub(crate) fn hit_set(result: &Value) -> BTreeSet<i64> {
    hit_ids(result).into_iter().collect()
}

/// One group of facet counts (`kind`, `case`, `tag`) as a map.
pub(crate) fn facet(result: &Value, name: &str) -> BTreeMap<String, u64> {
    result["facets"][name]
        .as_object()
        .unwrap_or_else(|| panic!("facets.{name} in {result}"))
        .iter()
        .map(|(key, count)| (key.clone(), count.as_u64().unwrap()))
        .collect()
}

/// Creates an entry through the API; returns its id.
#[track_caller]
pub(crate) fn create(app: &TestApp, token: &str, body: Value) -> i64 {
    app.post_json(token, "/api/v1/entries", body)
        .expect(Status::Created)
        .json()["id"]
        .as_i64()
        .unwrap()
}

/// Creates a private diary note with this title and text; returns its id.
#[track_caller]
pub(crate) fn note(app: &TestApp, token: &str, title: &str, body: &str) -> i64 {
    create(
        app,
        token,
        json!({"kind": "diary", "title": title, "body": body}),
    )
}

/// Creates a case through the API.
#[track_caller]
pub(crate) fn case(app: &TestApp, token: &str, reference: &str) {
    app.post_json(
        token,
        "/api/v1/cases",
        json!({"reference": reference, "category": "child_in_need"}),
    )
    .expect(Status::Created);
}

/// The fields a problem response names.
pub(crate) fn problem_fields(reply: &Reply) -> Vec<String> {
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/problem+json"),
        "{}",
        reply.body
    );
    reply.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors in {}", reply.body))
        .iter()
        .map(|error| error["field"].as_str().unwrap().to_string())
        .collect()
}
#[test]
fn the_api_answers_total_hits_facets_and_a_cursor() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    case(&app, &token, "FAM-017");
    let id = create(
        &app,
        &token,
        json!({"kind": "reflection", "title": "Core group reflection", "model": "gibbs",
               "body": "The core group agreed the plan after the s47 enquiry.",
               "sections": {"feelings": "Anxious before the core group."},
               "occurred_on": days_ago(4).to_string(), "cases": ["FAM-017"],
               "tags": ["CA1989-s47"]}),
    );
    note(&app, &token, "Unrelated", "Nothing to see.");

    let result = search(&app, &token, &[("q", "core group")]);
    let keys: BTreeSet<&str> = result
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["total", "hits", "facets", "next_cursor"]),
        "{result}"
    );
    assert_eq!(result["total"], 1, "{result}");
    assert_eq!(result["next_cursor"], Value::Null);
    let hit = &result["hits"][0];
    let hit_keys: BTreeSet<&str> = hit
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        hit_keys,
        BTreeSet::from([
            "id",
            "type",
            "kind",
            "title",
            "occurred_on",
            "snippet_html",
            "score",
            "cases",
            "tags"
        ]),
        "{hit}"
    );
    assert_eq!(hit["id"], id);
    assert_eq!(hit["type"], "entry");
    assert_eq!(hit["kind"], "reflection");
    assert_eq!(hit["title"], "Core group reflection");
    assert_eq!(hit["occurred_on"], days_ago(4).to_string());
    assert_eq!(hit["cases"], json!(["FAM-017"]));
    assert_eq!(hit["tags"], json!(["CA1989-s47"]));
    assert!(hit["score"].as_f64().unwrap() > 0.0, "{hit}");
    let snippet = hit["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("<mark>core</mark>"), "{snippet}");
    assert_eq!(
        facet(&result, "kind"),
        BTreeMap::from([("reflection".into(), 1)])
    );
    assert_eq!(
        facet(&result, "case"),
        BTreeMap::from([("FAM-017".into(), 1)])
    );
    assert_eq!(
        facet(&result, "tag"),
        BTreeMap::from([("CA1989-s47".into(), 1)])
    );

    // No words: everything the caller may read, each with the opening of its text.
    let all = search(&app, &token, &[]);
    assert_eq!(all["total"], 2, "{all}");
    assert_eq!(
        facet(&all, "kind"),
        BTreeMap::from([("diary".into(), 1), ("reflection".into(), 1)])
    );
    // Without a token there is no search at all.
    let anonymous = app.api(
        rocket::http::Method::Get,
        None,
        "/api/v1/search?q=core",
        None,
    );
    assert_eq!(anonymous.status, Status::Unauthorized, "{}", anonymous.body);
}
