//! Your own access log: a read of your shared entry by someone else is listed for you (page
//! and JSON), once an hour per reader, without any of the entry's text; your own reads, refused
//! reads and other people's logs are not.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text, Timestamp};
use praxis::accounts::model::LinkKind;
use praxis::platform::clock;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;

const TITLE: &str = "Core group reflections";
const BODY: &str = "Worried about the Lomax household after the home visit.";

/// Ann (practitioner) supervised by Pat, with one entry shared with Pat; returns its id.
fn shared_entry(app: &TestApp) -> i64 {
    app.user("ann", "practitioner");
    app.user("pat", "supervisor");
    app.link("pat", "ann", LinkKind::Line);
    app.post_json(
        &app.token("ann"),
        "/api/v1/entries",
        json!({"kind": "diary", "title": TITLE, "body": BODY, "visibility": "supervisor"}),
    )
    .expect(Status::Created)
    .json()["id"]
        .as_i64()
        .unwrap()
}

fn reads(app: &TestApp, token: &str) -> Vec<Value> {
    let log = app
        .get_json(token, "/api/v1/account/access")
        .expect(Status::Ok)
        .json();
    log["accesses"].as_array().cloned().unwrap_or_default()
}

fn row_count(app: &TestApp) -> i64 {
    use praxis::platform::db::schema::access_log;
    let mut conn = app.db().conn().unwrap();
    access_log::table.count().get_result(&mut conn).unwrap()
}

#[test]
fn a_supervisor_opening_a_shared_entry_appears_in_the_authors_log() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    let before = clock::now();
    app.signed_in("pat")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    let after = clock::now();

    let ann = app.token("ann");
    let reads = reads(&app, &ann);
    assert_eq!(reads.len(), 1, "{reads:?}");
    let read = &reads[0];
    assert_eq!(read["person"], "pat");
    assert_eq!(read["person_role"], "Supervisor");
    assert_eq!(read["act"], "read");
    assert_eq!(read["kind"], "entry");
    assert_eq!(read["record_id"], id);
    assert_eq!(read["title"], TITLE);
    let text = read["occurred_at"].as_str().unwrap();
    let read_at = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ").unwrap();
    assert!(before <= read_at && read_at <= after, "{text}");

    let page = app
        .signed_in("ann")
        .get("/account/access")
        .expect(Status::Ok)
        .body;
    let shown = clock::local(read_at)
        .format("%d %b %Y %H:%M %Z")
        .to_string();
    assert!(
        page.contains(&shown),
        "the time is shown in local time: {page}"
    );
    assert!(page.contains("pat (supervisor)"), "{page}");
    assert!(
        page.contains(&format!(
            r#"Opened your entry: <a href="/entries/{id}">{TITLE}</a>"#
        )),
        "{page}"
    );
    assert!(
        app.signed_in("ann")
            .get("/account")
            .body
            .contains(r#"href="/account/access""#),
        "the account page links to the log"
    );
}

#[test]
fn the_author_opening_their_own_entry_is_not_logged() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    let ann = app.token("ann");
    app.signed_in("ann")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    app.get_json(&ann, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok);
    assert_eq!(row_count(&app), 0);
    assert!(reads(&app, &ann).is_empty());
}

#[test]
fn opening_an_entry_again_within_the_hour_is_one_read() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    let pat = app.signed_in("pat");
    pat.get(&format!("/entries/{id}")).expect(Status::Ok);
    pat.get(&format!("/entries/{id}")).expect(Status::Ok);
    app.get_json(&app.token("pat"), &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok);
    assert_eq!(row_count(&app), 1);
    assert_eq!(reads(&app, &app.token("ann")).len(), 1);
}

#[test]
fn a_refused_attempt_is_not_a_read_and_nobody_sees_anothers_log() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    app.user("una", "practitioner");
    let una = app.signed_in("una");
    una.get(&format!("/entries/{id}")).expect(Status::NotFound);
    app.get_json(&app.token("una"), &format!("/api/v1/entries/{id}"))
        .expect(Status::NotFound);
    assert_eq!(row_count(&app), 0, "a 404 is not logged as a read");

    app.signed_in("pat")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    // Una and Pat each have a log of their own, and neither holds Ann's row.
    for (name, token) in [("una", app.token("una")), ("pat", app.token("pat"))] {
        assert!(reads(&app, &token).is_empty(), "{name} sees no reads");
        let page = app.signed_in(name).get("/account/access").body;
        assert!(
            !page.contains(TITLE) && !page.contains("pat (supervisor)"),
            "{page}"
        );
    }
    assert_eq!(reads(&app, &app.token("ann")).len(), 1);
}

#[derive(QueryableByName, Debug)]
struct RawRow {
    #[diesel(sql_type = Integer)]
    owner_id: i32,
    #[diesel(sql_type = Integer)]
    actor_id: i32,
    #[diesel(sql_type = Text)]
    act: String,
    #[diesel(sql_type = Text)]
    record_kind: String,
    #[diesel(sql_type = Integer)]
    record_id: i32,
    #[diesel(sql_type = Timestamp)]
    hour: NaiveDateTime,
    #[diesel(sql_type = Timestamp)]
    occurred_at: NaiveDateTime,
}

#[test]
fn the_log_holds_ids_and_never_the_entrys_text() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    app.signed_in("pat")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    let mut conn = app.db().conn().unwrap();
    let rows: Vec<RawRow> = diesel::sql_query("SELECT * FROM access_log")
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row.record_kind, "entry");
    assert_eq!(i64::from(row.record_id), id);
    assert_eq!(row.act, "read");
    assert_ne!(row.owner_id, row.actor_id);
    assert!(row.hour <= row.occurred_at);
    let dump = format!("{row:?}");
    for words in [TITLE, "Core group", BODY, "Lomax"] {
        assert!(!dump.contains(words), "{dump}");
    }
}

#[test]
fn a_record_the_owner_can_no_longer_see_is_named_by_kind_and_number() {
    let app = TestApp::new();
    let id = shared_entry(&app);
    app.signed_in("pat")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    let ann = app.token("ann");
    app.api(
        rocket::http::Method::Delete,
        Some(&ann),
        &format!("/api/v1/entries/{id}"),
        None,
    )
    .expect(Status::NoContent);

    let reads = reads(&app, &ann);
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0]["title"], Value::Null);
    assert_eq!(reads[0]["record_id"], id);
    let page = app.signed_in("ann").get("/account/access").body;
    assert!(
        page.contains(&format!(
            "Opened your entry: number {id} (no longer open to you)"
        )),
        "{page}"
    );
    assert!(!page.contains(TITLE), "{page}");
}

#[test]
fn the_log_pages_newest_first() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("pat", "supervisor");
    app.link("pat", "ann", LinkKind::Line);
    let (ann, pat) = (app.token("ann"), app.token("pat"));
    let ids: Vec<i64> = (0..51)
        .map(|n| {
            app.post_json(
                &ann,
                "/api/v1/entries",
                json!({"kind": "diary", "title": format!("Note {n}"), "body": "A note.",
                       "visibility": "supervisor"}),
            )
            .expect(Status::Created)
            .json()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    for id in &ids {
        app.get_json(&pat, &format!("/api/v1/entries/{id}"))
            .expect(Status::Ok);
    }
    let first = app
        .get_json(&ann, "/api/v1/account/access")
        .expect(Status::Ok)
        .json();
    assert_eq!(first["accesses"].as_array().unwrap().len(), 50);
    assert_eq!(first["has_more"], true);
    assert_eq!(first["accesses"][0]["record_id"], ids[50], "newest first");
    let second = app
        .get_json(&ann, "/api/v1/account/access?page=2")
        .expect(Status::Ok)
        .json();
    assert_eq!(second["accesses"].as_array().unwrap().len(), 1);
    assert_eq!(second["accesses"][0]["record_id"], ids[0]);
    assert_eq!(second["has_more"], false);
    let page = app.signed_in("ann").get("/account/access").body;
    assert!(
        page.contains(r#"href="/account/access?page=2" rel="next""#),
        "{page}"
    );
}
