//! The journal through its JSON API (`/api/v1/entries`) and the exports, from the API and
//! from the account page.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use praxis::platform::db::schema::audit_events;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

fn days_ago(days: u64) -> NaiveDate {
    praxis::platform::clock::today()
        .checked_sub_days(Days::new(days))
        .unwrap()
}

/// Creates an entry through the API and returns its JSON.
#[track_caller]
fn create(app: &TestApp, token: &str, body: Value) -> Value {
    app.post_json(token, "/api/v1/entries", body)
        .expect(Status::Created)
        .json()
}

/// The ids of a list's items, in order.
fn ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect()
}

/// The fields a problem response names.
fn problem_fields(reply: &Reply) -> Vec<String> {
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/problem+json")
    );
    reply.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| error["field"].as_str().unwrap().to_string())
        .collect()
}

/// How many exports the audit log holds for this user.
fn exports_audited(app: &TestApp, user: i32) -> i64 {
    let mut conn = app.db().conn().unwrap();
    audit_events::table
        .filter(audit_events::action.eq("export"))
        .filter(audit_events::actor_id.eq(user))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

#[test]
fn creating_an_entry_answers_201_with_its_location_and_every_field() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "category": "child_in_need"}),
    )
    .expect(Status::Created);
    let on = days_ago(2).to_string();
    let reply = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({
                "kind": "reflection",
                "title": "Visit reflection",
                "occurred_on": on,
                "body": "**Went well.** <script>alert(1)</script> [x](javascript:alert(2))",
                "model": "gibbs",
                "sections": {"description": "We met.", "feelings": "Nervous."},
                "mood": 4,
                "visibility": "private",
                "for_supervision": true,
                "cases": ["FAM-1"],
                "tags": ["PCF-6"]
            }),
        )
        .expect(Status::Created);
    let entry = reply.json();
    let id = entry["id"].as_i64().expect("a numeric id");
    assert_eq!(
        reply.location(),
        Some(format!("/api/v1/entries/{id}").as_str())
    );
    assert_eq!(entry["kind"], "reflection");
    assert_eq!(entry["title"], "Visit reflection");
    assert_eq!(entry["occurred_on"], on.as_str());
    assert_eq!(
        entry["body"],
        "**Went well.** <script>alert(1)</script> [x](javascript:alert(2))"
    );
    let html = entry["body_html"].as_str().unwrap();
    assert!(html.contains("<strong>Went well.</strong>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert_eq!(entry["model"], "gibbs");
    assert_eq!(
        entry["sections"],
        json!({"description": "We met.", "feelings": "Nervous."})
    );
    assert_eq!(entry["cpd"], Value::Null);
    assert_eq!(entry["mood"], 4);
    assert_eq!(entry["visibility"], "private");
    assert_eq!(entry["for_supervision"], true);
    assert_eq!(entry["cases"], json!(["FAM-1"]));
    assert_eq!(entry["tags"], json!(["PCF-6"]));
    assert_eq!(entry["suggested_tags"], json!([]));
    assert_eq!(entry["privacy_warnings"], json!([]));
    for stamp in ["created_at", "updated_at"] {
        let text = entry[stamp].as_str().expect(stamp);
        assert!(
            chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
            "{stamp}: {text}"
        );
    }
    // What was created is what is read back.
    let read = app
        .get_json(&token, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok)
        .json();
    assert_eq!(read, entry);

    let cpd = create(
        &app,
        &token,
        json!({
            "kind": "cpd",
            "title": "Course",
            "body": "",
            "cpd": {
                "activity_type": "Course or training",
                "description": "Neglect course.",
                "learning": "Cumulative harm.",
                "impact": "Better chronologies.",
                "peer_role": "senior practitioner",
                "peer_reflection": "Talked it through.",
                "hours": 3.5
            }
        }),
    );
    assert_eq!(
        cpd["cpd"],
        json!({
            "activity": "course",
            "activity_type": "Course or training",
            "description": "Neglect course.",
            "learning": "Cumulative harm.",
            "impact": "Better chronologies.",
            "peer_role": "senior practitioner",
            "peer_reflection": "Talked it through.",
            "hours": 3.5
        })
    );
    assert_eq!(cpd["model"], Value::Null);
    assert_eq!(cpd["sections"], json!({}));
    assert_eq!(cpd["mood"], Value::Null);
}

#[test]
fn the_api_suggests_legislation_and_reports_identifiers_but_saves() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let body = "The s47 enquiry overlapped with a Care Act s42 enquiry for gran.\n\
                Gran asked us to use gran.smith@example.com or 07700 900123.";
    let entry = create(
        &app,
        &token,
        json!({"kind": "diary", "title": "Two enquiries", "body": body}),
    );
    let suggested = entry["suggested_tags"].as_array().unwrap();
    assert!(suggested.contains(&json!("CA1989-s47")), "{suggested:?}");
    assert!(
        suggested.contains(&json!("CareAct2014-s42")),
        "{suggested:?}"
    );

    let warnings = entry["privacy_warnings"].as_array().unwrap();
    let found: Vec<(&str, &str, &str)> = warnings
        .iter()
        .map(|warning| {
            (
                warning["field"].as_str().unwrap(),
                warning["kind"].as_str().unwrap(),
                warning["found"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        found.contains(&("body", "email", "gran.smith@example.com")),
        "{found:?}"
    );
    assert!(
        found.contains(&("body", "phone_number", "07700 900123")),
        "{found:?}"
    );
    assert!(warnings.iter().all(|warning| warning["line"] == 2));

    // Saved anyway.
    let id = entry["id"].as_i64().unwrap();
    let read = app
        .get_json(&token, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok)
        .json();
    assert_eq!(read["body"], body);

    // Once tagged, a law is no longer suggested.
    let tagged = app
        .put_json(
            &token,
            &format!("/api/v1/entries/{id}"),
            json!({"kind": "diary", "title": "Two enquiries", "body": body, "tags": ["CA1989-s47"]}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(tagged["tags"], json!(["CA1989-s47"]));
    let suggested = tagged["suggested_tags"].as_array().unwrap();
    assert!(!suggested.contains(&json!("CA1989-s47")), "{suggested:?}");
    assert!(
        suggested.contains(&json!("CareAct2014-s42")),
        "{suggested:?}"
    );
}

#[test]
fn put_replaces_an_entry_and_delete_bins_it() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-2", "category": "other"}),
    )
    .expect(Status::Created);
    let entry = create(
        &app,
        &token,
        json!({
            "kind": "reflection",
            "title": "Before",
            "body": "Old text",
            "mood": 2,
            "for_supervision": true,
            "cases": ["FAM-2"],
            "tags": ["PCF-6"]
        }),
    );
    let path = format!("/api/v1/entries/{}", entry["id"]);
    let replaced = app
        .put_json(
            &token,
            &path,
            json!({"kind": "reflection", "title": "After", "body": "New text"}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(replaced["id"], entry["id"]);
    assert_eq!(replaced["title"], "After");
    assert_eq!(replaced["body"], "New text");
    // Everything not sent is reset, not kept.
    assert_eq!(replaced["mood"], Value::Null);
    assert_eq!(replaced["for_supervision"], false);
    assert_eq!(replaced["cases"], json!([]));
    assert_eq!(replaced["tags"], json!([]));
    assert_eq!(replaced["created_at"], entry["created_at"]);
    assert_eq!(
        app.get_json(&token, &path).expect(Status::Ok).json(),
        replaced
    );

    // A bad replacement changes nothing.
    let refused = app
        .put_json(&token, &path, json!({"kind": "reflection", "title": ""}))
        .expect(Status::UnprocessableEntity);
    assert!(problem_fields(&refused).contains(&"title".to_string()));
    assert_eq!(app.get_json(&token, &path).json()["title"], "After");

    let deleted = app
        .api(Method::Delete, Some(&token), &path, None)
        .expect(Status::NoContent);
    assert!(deleted.body.is_empty());
    let gone = app.get_json(&token, &path).expect(Status::NotFound);
    assert_eq!(
        gone.header("Content-Type"),
        Some("application/problem+json")
    );
    app.api(Method::Delete, Some(&token), &path, None)
        .expect(Status::NotFound);
    app.put_json(&token, &path, json!({"title": "Back?", "body": "x"}))
        .expect(Status::NotFound);
    let list = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json();
    assert_eq!(ids(&list), Vec::<i64>::new());
}

#[test]
fn the_list_filters_by_kind_case_tags_and_dates() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    let token = app.token("sam");
    let other = app.token("alex");
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "category": "child_in_need"}),
    )
    .expect(Status::Created);
    let diary = create(
        &app,
        &token,
        json!({"kind": "diary", "body": "Visit", "occurred_on": days_ago(10).to_string(),
               "cases": ["FAM-1"], "tags": ["CA1989-s47"]}),
    )["id"]
        .as_i64()
        .unwrap();
    let reflection = create(
        &app,
        &token,
        json!({"kind": "reflection", "title": "Thinking", "body": "About it",
               "occurred_on": days_ago(5).to_string(), "tags": ["CA1989-s47", "PCF-6"]}),
    )["id"]
        .as_i64()
        .unwrap();
    let cpd = create(
        &app,
        &token,
        json!({"kind": "cpd", "title": "Course", "occurred_on": days_ago(1).to_string(),
               "tags": ["PCF-6"],
               "cpd": {"activity_type": "Course", "description": "d", "learning": "l",
                       "impact": "i", "hours": 1}}),
    )["id"]
        .as_i64()
        .unwrap();
    create(
        &app,
        &other,
        json!({"kind": "reflection", "title": "Not sam's", "body": "x", "tags": ["PCF-6"]}),
    );

    let list = |query: &str| {
        ids(&app
            .get_json(&token, &format!("/api/v1/entries{query}"))
            .expect(Status::Ok)
            .json())
    };
    assert_eq!(list(""), vec![cpd, reflection, diary]);
    assert_eq!(list("?kind=diary"), vec![diary]);
    assert_eq!(list("?kind=reflection"), vec![reflection]);
    assert_eq!(list("?kind=cpd"), vec![cpd]);
    assert_eq!(list("?case=FAM-1"), vec![diary]);
    assert_eq!(list("?tag=CA1989-s47"), vec![reflection, diary]);
    assert_eq!(list("?tag=PCF-6"), vec![cpd, reflection]);
    assert_eq!(list("?tag=CA1989-s47&tag=PCF-6"), vec![reflection]);
    let (six, two) = (days_ago(6), days_ago(2));
    assert_eq!(list(&format!("?from={six}")), vec![cpd, reflection]);
    assert_eq!(list(&format!("?to={six}")), vec![diary]);
    assert_eq!(list(&format!("?from={six}&to={two}")), vec![reflection]);
    assert_eq!(
        list(&format!("?from={}&to={}", days_ago(5), days_ago(5))),
        vec![reflection],
        "both ends are inclusive"
    );
    assert_eq!(list(&format!("?kind=diary&from={six}")), Vec::<i64>::new());

    for (query, field) in [
        ("?kind=memo", "kind"),
        ("?case=NOPE-1", "case"),
        ("?tag=XYZ-99", "tag"),
        ("?from=2026-13-01", "from"),
        ("?to=yesterday", "to"),
        ("?limit=0", "limit"),
    ] {
        let refused = app
            .get_json(&token, &format!("/api/v1/entries{query}"))
            .expect(Status::UnprocessableEntity);
        assert!(
            problem_fields(&refused).contains(&field.to_string()),
            "{query}: {}",
            refused.body
        );
    }
}

#[test]
fn the_list_pages_newest_first_with_a_cursor() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    // Created out of date order; two on the same day.
    let mut expected: Vec<(NaiveDate, i64)> = Vec::new();
    for days in [3, 1, 5, 2, 4, 3] {
        let on = days_ago(days);
        let entry = create(
            &app,
            &token,
            json!({"body": format!("{days} days ago"), "occurred_on": on.to_string()}),
        );
        assert_eq!(entry["occurred_on"], on.to_string());
        expected.push((on, entry["id"].as_i64().unwrap()));
    }
    expected.sort_by(|a, b| b.cmp(a));

    let mut seen: Vec<(NaiveDate, i64)> = Vec::new();
    let mut sizes = Vec::new();
    let mut path = "/api/v1/entries?limit=2".to_string();
    loop {
        let page = app.get_json(&token, &path).expect(Status::Ok).json();
        let items = page["items"].as_array().unwrap();
        sizes.push(items.len());
        for item in items {
            let on = item["occurred_on"].as_str().unwrap().parse().unwrap();
            seen.push((on, item["id"].as_i64().unwrap()));
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/entries?limit=2&cursor={cursor}"),
            None => break,
        }
        assert!(sizes.len() < 10, "the pages never end");
    }
    assert_eq!(sizes, vec![2, 2, 2]);
    assert_eq!(seen, expected, "newest first, none missing or repeated");
    let unique: HashSet<i64> = seen.iter().map(|(_, id)| *id).collect();
    assert_eq!(unique.len(), 6);
}

#[test]
fn a_cursor_the_api_did_not_give_is_refused_by_name() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    create(&app, &token, json!({"body": "One note"}));
    for cursor in ["garbage", "2026-01-01", "2026-01-01_x", "x_1"] {
        let refused = app
            .get_json(&token, &format!("/api/v1/entries?cursor={cursor}"))
            .expect(Status::UnprocessableEntity);
        assert_eq!(problem_fields(&refused), vec!["cursor"], "{cursor}");
        assert_eq!(refused.json()["status"], 422);
    }
}

#[test]
fn the_api_exports_all_own_entries_as_json_and_audits_it() {
    let app = TestApp::new();
    let sam = app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    let token = app.token("sam");
    let older = create(
        &app,
        &token,
        json!({"title": "Older", "body": "First", "occurred_on": days_ago(3).to_string()}),
    );
    let newer = create(&app, &token, json!({"title": "Newer", "body": "Second"}));
    let binned = create(&app, &token, json!({"title": "Binned", "body": "Third"}));
    app.api(
        Method::Delete,
        Some(&token),
        &format!("/api/v1/entries/{}", binned["id"]),
        None,
    )
    .expect(Status::NoContent);
    let other = app.token("alex");
    create(&app, &other, json!({"title": "Not sam's", "body": "x"}));
    assert_eq!(exports_audited(&app, sam), 0);

    let export = app
        .get_bytes(&token, "/api/v1/export?format=json")
        .expect(Status::Ok);
    assert_eq!(export.header("Content-Type"), Some("application/json"));
    assert!(
        export
            .header("Content-Disposition")
            .is_some_and(|value| value.starts_with("attachment;") && value.contains(".json")),
        "{:?}",
        export.headers
    );
    let document: Value = serde_json::from_slice(&export.bytes).expect("JSON");
    assert_eq!(document["format_version"], 1);
    let entries = &document["entries"];
    let titles: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, vec!["Older", "Newer"]);
    assert_eq!(entries[0]["id"], older["id"]);
    assert_eq!(entries[1]["body"], newer["body"]);
    assert_eq!(exports_audited(&app, sam), 1);

    let bad = app
        .get_bytes(&token, "/api/v1/export?format=pdf")
        .expect(Status::UnprocessableEntity);
    assert!(String::from_utf8_lossy(&bad.bytes).contains("format"));
    assert_eq!(exports_audited(&app, sam), 1, "a refused export is not one");
}

#[test]
fn the_markdown_export_is_a_zip_of_one_file_per_entry() {
    let app = TestApp::new();
    let sam = app.user("sam", "practitioner");
    let token = app.token("sam");
    let on = days_ago(1);
    let visit = create(
        &app,
        &token,
        json!({"title": "Home visit", "body": "Children seen.", "occurred_on": on.to_string(),
               "tags": ["PCF-6"]}),
    );
    let gibbs = create(
        &app,
        &token,
        json!({"kind": "reflection", "title": "Core group", "model": "gibbs",
               "sections": {"feelings": "Anxious at first."}}),
    );
    let export = app
        .get_bytes(&token, "/api/v1/export?format=markdown")
        .expect(Status::Ok);
    assert_eq!(export.header("Content-Type"), Some("application/zip"));
    assert!(export.bytes.starts_with(b"PK\x03\x04"), "a zip file");

    let mut archive = zip::ZipArchive::new(Cursor::new(export.bytes)).expect("a readable zip");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|name| name.expect("a file name").into_owned())
        .filter(|name| name.starts_with("praxis-export/journal/"))
        .collect();
    names.sort();
    let today = praxis::platform::clock::today();
    assert_eq!(
        names,
        vec![
            format!("praxis-export/journal/{on}-{}-home-visit.md", visit["id"]),
            format!(
                "praxis-export/journal/{today}-{}-core-group.md",
                gibbs["id"]
            ),
        ]
    );
    let mut text = String::new();
    archive
        .by_name(&names[0])
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert!(text.starts_with("# Home visit\n"), "{text}");
    assert!(text.contains("Children seen."));
    assert!(text.contains("PCF-6"));
    let mut text = String::new();
    archive
        .by_name(&names[1])
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert!(text.contains("## Feelings\n\nAnxious at first."), "{text}");
    assert_eq!(exports_audited(&app, sam), 1);
}

#[test]
fn the_account_page_downloads_the_export_and_audits_it() {
    let app = TestApp::new();
    let sam = app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    browser
        .post("/capture", &[("note", "Exported from the account page")])
        .expect(Status::SeeOther);
    let account = browser.get("/account").expect(Status::Ok).body;
    assert!(account.contains(r#"href="/account/export?format=json""#));
    assert!(account.contains(r#"href="/account/export?format=markdown""#));

    let export = browser
        .get_bytes("/account/export?format=json")
        .expect(Status::Ok);
    assert_eq!(export.header("Content-Type"), Some("application/json"));
    assert!(
        export
            .header("Content-Disposition")
            .is_some_and(|value| value.starts_with("attachment;"))
    );
    let document: Value = serde_json::from_slice(&export.bytes).expect("JSON");
    let entries = &document["entries"];
    assert_eq!(entries.as_array().unwrap().len(), 1);
    assert_eq!(entries[0]["body"], "Exported from the account page");
    assert_eq!(exports_audited(&app, sam), 1);

    let zip = browser
        .get_bytes("/account/export?format=markdown")
        .expect(Status::Ok);
    assert!(zip.bytes.starts_with(b"PK"));
    assert_eq!(exports_audited(&app, sam), 2);

    // Signed out, there is nothing to download.
    let stranger = app.browser().get_bytes("/account/export?format=json");
    assert_eq!(stranger.status, Status::SeeOther);
    assert_eq!(exports_audited(&app, sam), 2);
}
