//! Times shown in Europe/London, the `timezone` setting, and JSON that says its times are UTC.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rocket::http::Status;
use serde_json::json;

use crate::common::TestApp;

fn stamp(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// Sets when an entry was written and last changed, as if it had been then.
fn written_at(app: &TestApp, id: i64, at: NaiveDateTime) {
    use praxis::platform::db::schema::entries;
    let mut conn = app.db().conn().unwrap();
    diesel::update(entries::table.find(id as i32))
        .set((entries::created_at.eq(at), entries::updated_at.eq(at)))
        .execute(&mut conn)
        .unwrap();
}

#[test]
fn a_time_written_in_summer_is_shown_in_british_summer_time() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    let id = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "Late visit."}),
        )
        .expect(Status::Created)
        .json()["id"]
        .as_i64()
        .unwrap();

    // 23:30 UTC on 14 July is half past midnight on the 15th in London.
    written_at(&app, id, stamp("2026-07-14 23:30"));
    let page = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Written 15 Jul 2026 00:30 BST"), "{page}");
    assert!(!page.contains("UTC"), "no time on the page is left in UTC");
    // The API keeps the stored UTC time, marked as UTC.
    let entry = app
        .get_json(&token, &format!("/api/v1/entries/{id}"))
        .json();
    assert_eq!(entry["created_at"], "2026-07-14T23:30:00Z");

    // In winter London keeps Greenwich time.
    written_at(&app, id, stamp("2026-01-14 23:30"));
    let page = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Written 14 Jan 2026 23:30 GMT"), "{page}");
}

#[test]
fn a_zone_that_does_not_exist_stops_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = praxis::config::Config::new(dir.path())
        .quiet()
        .with_setting("timezone", json!("Europe/Londinium"));
    let Err(error) = praxis::build(config) else {
        panic!("start-up went ahead with an unknown zone");
    };
    let message = error.to_string();
    assert!(message.contains("timezone"), "{message}");
    assert!(message.contains("Europe/Londinium"), "{message}");

    // Naming the default explicitly is fine.
    TestApp::with_config(|config| config.with_setting("timezone", json!("Europe/London")));
}

#[test]
fn account_and_administration_pages_show_times_in_the_service_zone() {
    use praxis::platform::db::schema::{api_tokens, audit_events, supervision_links};
    let app = TestApp::new();
    app.user("root", "admin");
    app.user("ann", "practitioner");
    app.user("pat", "supervisor");
    app.link("pat", "ann", praxis::accounts::model::LinkKind::Line);
    app.token("ann");
    let summer = stamp("2026-07-14 23:30");
    {
        let mut conn = app.db().conn().unwrap();
        diesel::update(api_tokens::table)
            .set((
                api_tokens::created_at.eq(summer),
                api_tokens::last_used_at.eq(Some(summer)),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(audit_events::table)
            .set(audit_events::occurred_at.eq(summer))
            .execute(&mut conn)
            .unwrap();
        diesel::update(supervision_links::table)
            .set(supervision_links::created_at.eq(summer))
            .execute(&mut conn)
            .unwrap();
    }
    let account = app.signed_in("ann").get("/account").expect(Status::Ok).body;
    assert!(account.contains("15 Jul 2026 00:30 BST"), "{account}");
    assert!(!account.contains("UTC"), "{account}");

    let admin = app.signed_in("root");
    let audit = admin.get("/admin/audit").expect(Status::Ok).body;
    assert!(audit.contains("15 Jul 2026 00:30:00 BST"), "{audit}");
    assert!(!audit.contains("UTC"), "{audit}");
    let links = admin.get("/admin/links").expect(Status::Ok).body;
    assert!(links.contains("<td>15 Jul 2026</td>"), "{links}");
}
