//! The tag catalogue: the API by kind, the catalogue page's filters, topics users add, and
//! loading at start-up without duplicates.

use diesel::prelude::*;
use rocket::http::Status;
use serde_json::{Value, json};

use super::names_field;
use crate::common::TestApp;

fn tags(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    app.get_json(token, &format!("/api/v1/tags?kind={kind}"))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of tags")
        .clone()
}

fn codes(tags: &[Value]) -> Vec<String> {
    tags.iter()
        .map(|tag| tag["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_tag_api_lists_the_catalogue_by_kind() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");

    let legislation = tags(&app, &token, "legislation");
    assert!(
        legislation.len() >= 40,
        "{} legislation items",
        legislation.len()
    );
    for tag in &legislation {
        let object = tag.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "kind", "summary", "title", "url"], "{tag}");
        assert_eq!(tag["kind"], "legislation");
        assert!(!tag["title"].as_str().unwrap().is_empty(), "{tag}");
        assert!(!tag["summary"].as_str().unwrap().is_empty(), "{tag}");
        match &tag["url"] {
            Value::Null => {}
            Value::String(url) => assert!(url.starts_with("https://"), "{tag}"),
            other => panic!("url {other} in {tag}"),
        }
    }
    let legislation_codes = codes(&legislation);
    for code in [
        "CA1989-s7",
        "CA1989-s8",
        "CA1989-s17",
        "CA1989-s20",
        "CA1989-s31",
        "CA1989-s47",
        "CA2004-s11",
        "CareAct2014-s42",
        "MCA2005",
        "HRA1998-art8",
        "WT2023",
    ] {
        assert!(
            legislation_codes.iter().any(|c| c == code),
            "{code} missing"
        );
    }

    let pcf = codes(&tags(&app, &token, "pcf"));
    let expected: Vec<String> = (1..=9).map(|n| format!("PCF-{n}")).collect();
    assert_eq!(sorted_codes(pcf), sorted_codes(expected));
    let sws = codes(&tags(&app, &token, "sws"));
    let expected: Vec<String> = (1..=6).map(|n| format!("SWE-{n}")).collect();
    assert_eq!(sorted_codes(sws), sorted_codes(expected));
    assert!(tags(&app, &token, "topic").is_empty());

    let all = app
        .get_json(&token, "/api/v1/tags")
        .expect(Status::Ok)
        .json();
    assert_eq!(all.as_array().unwrap().len(), legislation.len() + 15);
    let bad = app.get_json(&token, "/api/v1/tags?kind=statute");
    assert_eq!(bad.status, Status::UnprocessableEntity);
    assert!(names_field(&bad, "kind"));
}

fn sorted_codes(mut codes: Vec<String>) -> Vec<String> {
    codes.sort();
    codes
}

#[test]
fn the_catalogue_page_filters_by_words_and_kind() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let browser = app.signed_in("ann");
    let shows = |body: &str, code: &str| body.contains(&format!("href=\"/tags/{code}\""));

    let everything = browser.get("/tags").expect(Status::Ok).body;
    for code in ["CA1989-s47", "MCA2005", "PCF-1", "SWE-6"] {
        assert!(shows(&everything, code), "{code}");
    }
    let capacity = browser.get("/tags?q=capacity").expect(Status::Ok).body;
    assert!(shows(&capacity, "MCA2005"));
    assert!(!shows(&capacity, "CA1989-s47"));
    assert!(
        capacity.contains("value=\"capacity\""),
        "the words stay in the box"
    );
    let pcf = browser.get("/tags?kind=pcf").expect(Status::Ok).body;
    for n in 1..=9 {
        assert!(shows(&pcf, &format!("PCF-{n}")));
    }
    assert!(!shows(&pcf, "MCA2005"));
    assert!(!shows(&pcf, "SWE-1"));
    let none = browser
        .get("/tags?q=capacity&kind=sws")
        .expect(Status::Ok)
        .body;
    assert!(none.contains("No tags match."));

    let tag = browser.get("/tags/MCA2005").expect(Status::Ok).body;
    assert!(tag.contains("Mental Capacity Act 2005"));
    browser.get("/tags/NOT-A-TAG").expect(Status::NotFound);
}

#[test]
fn anyone_can_add_a_topic_of_their_own_but_not_one_that_identifies_someone() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    let added = browser
        .post(
            "/tags",
            &[
                ("title", "Attachment theory"),
                ("summary", "Bowlby, Ainsworth and after"),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(added.location(), Some("/tags/attachment-theory"));
    let page = browser.get("/tags/attachment-theory").expect(Status::Ok);
    assert!(page.body.contains("Attachment theory"));

    let topics = tags(&app, &token, "topic");
    assert_eq!(
        topics,
        vec![
            json!({"code": "attachment-theory", "kind": "topic", "title": "Attachment theory",
                    "summary": "Bowlby, Ainsworth and after", "url": null})
        ]
    );
    // Its maker tags with it.
    app.post_json(
        &token,
        "/api/v1/entries",
        json!({"kind": "diary", "body": "Read about it.", "tags": ["attachment-theory"]}),
    )
    .expect(Status::Created);

    let duplicate = browser.post("/tags", &[("title", "attachment THEORY!")]);
    assert_eq!(duplicate.status, Status::UnprocessableEntity);
    assert!(duplicate.body.contains("already have a tag"));
    // A catalogue code cannot be taken for a topic either.
    let catalogue = browser.post("/tags", &[("title", "PCF 6")]);
    assert_eq!(catalogue.status, Status::UnprocessableEntity);
    for (title, summary) in [
        ("Ask jo.bloggs@example.com", ""),
        ("Family work", "call 07700 900123"),
        ("", ""),
        ("!!", ""),
    ] {
        let refused = browser.post("/tags", &[("title", title), ("summary", summary)]);
        assert_eq!(
            refused.status,
            Status::UnprocessableEntity,
            "{title} {summary}"
        );
    }
    let identifying = browser.post("/tags", &[("title", "Ask jo.bloggs@example.com")]);
    assert!(
        identifying
            .body
            .contains("Topic names show on entries you share")
    );
    assert_eq!(tags(&app, &token, "topic").len(), 1);
}

fn tag_rows(app: &TestApp) -> Vec<(i32, String, String)> {
    use praxis::platform::db::schema::tags;
    let mut conn = app.db().conn().unwrap();
    tags::table
        .select((tags::id, tags::code, tags::title))
        .order(tags::id)
        .load(&mut conn)
        .unwrap()
}

#[test]
fn the_catalogue_is_loaded_at_start_up_once_and_upgraded_in_place() {
    use praxis::platform::db::schema::{app_meta, tags};
    let app = TestApp::new();
    // Loaded before anyone asked for it.
    let loaded = tag_rows(&app);
    assert!(loaded.len() >= 40 + 9 + 6, "{} tags", loaded.len());
    app.user("ann", "practitioner");
    let browser = app.signed_in("ann");
    browser
        .post("/tags", &[("title", "Signs of Safety")])
        .expect(Status::SeeOther);
    let token = app.token("ann");
    let entry = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "Strategy meeting.", "tags": ["CA1989-s47", "signs-of-safety"]}),
        )
        .expect(Status::Created)
        .json();
    let before = tag_rows(&app);

    let app = app.restart();
    assert_eq!(tag_rows(&app), before, "a restart changes no tag");

    // An older catalogue in the database (as after an upgrade of the app) is brought up to
    // date in place: same rows, same ids, links kept.
    {
        let mut conn = app.db().conn().unwrap();
        diesel::update(tags::table.filter(tags::code.eq("CA1989-s47")))
            .set(tags::title.eq("An outdated title"))
            .execute(&mut conn)
            .unwrap();
        diesel::delete(app_meta::table).execute(&mut conn).unwrap();
    }
    let app = app.restart();
    assert_eq!(
        tag_rows(&app),
        before,
        "the catalogue was reloaded in place"
    );
    let entry = app
        .get_json(&token, &format!("/api/v1/entries/{}", entry["id"]))
        .expect(Status::Ok)
        .json();
    assert_eq!(entry["tags"], json!(["CA1989-s47", "signs-of-safety"]));
}
