//! The installable app: the service worker and quick-note shell are served for offline use
//! with no one's data in them, and a quick note sent with the same key twice is one entry.

use diesel::prelude::*;
use praxis::platform::db::schema::entries;
use rocket::http::Status;
use serde_json::Value;

use crate::common::{Browser, TestApp};

const KEY: &str = "3b241101-e2bb-4255-8caf-4136c566a962";

fn send(browser: &Browser<'_>, key: &str, note: &str) -> (Status, Value) {
    let reply = browser.post("/quick-note/notes", &[("key", key), ("note", note)]);
    let json = reply.json();
    (reply.status, json)
}

/// How many stored entries say `text`, whoever wrote them.
fn entries_saying(app: &TestApp, text: &str) -> i64 {
    let mut conn = app.db().conn().expect("a connection");
    entries::table
        .filter(entries::body.like(format!("%{text}%")))
        .count()
        .get_result(&mut conn)
        .expect("a count")
}

/// `username` signed in on the dashboard, holding its form token as the shell would.
fn home<'a>(app: &'a TestApp, username: &str) -> Browser<'a> {
    let browser = app.signed_in(username);
    browser.get("/").expect(Status::Ok);
    browser
}

#[test]
fn a_note_sent_twice_with_one_key_is_saved_once() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = home(&app, "sam");

    let (first, saved) = send(&sam, KEY, "Car after visit FAM-031: school to call back");
    assert_eq!(first, Status::Created, "{saved}");
    assert_eq!(saved["status"], "saved");
    assert_eq!(saved["repeated"], false);
    let id = saved["entry"]["id"].as_i64().expect("an entry id");

    let (again, repeated) = send(&sam, KEY, "Car after visit FAM-031: school to call back");
    assert_eq!(again, Status::Ok, "{repeated}");
    assert_eq!(repeated["repeated"], true);
    assert_eq!(
        repeated["entry"]["id"].as_i64(),
        Some(id),
        "the first entry is returned"
    );
    assert_eq!(entries_saying(&app, "school to call back"), 1);

    let (other, fresh) = send(&sam, "9f1c2d3e-0000-4000-8000-000000000001", "Second note");
    assert_eq!(other, Status::Created, "{fresh}");
    assert_ne!(fresh["entry"]["id"].as_i64(), Some(id));
}

#[test]
fn keys_are_per_person() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("kim", "practitioner");
    let sam = home(&app, "sam");
    let kim = home(&app, "kim");
    let (_, by_sam) = send(&sam, KEY, "Sam's own note");
    let (status, by_kim) = send(&kim, KEY, "Kim's own note");
    assert_eq!(status, Status::Created, "{by_kim}");
    assert_ne!(by_kim["entry"]["id"], by_sam["entry"]["id"]);
    assert_eq!(
        entries_saying(&app, "own note"),
        2,
        "each person's note is saved"
    );
}

#[test]
fn the_confidentiality_guard_holds_a_note_until_confirmed() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = home(&app, "sam");
    let note = "Rang mum on 07700 900123 after the visit";
    let (held, review) = send(&sam, KEY, note);
    assert_eq!(held, Status::UnprocessableEntity, "{review}");
    assert_eq!(review["status"], "review");
    assert!(
        review["findings"][0]["found"]
            .as_str()
            .is_some_and(|found| found.contains("07700")),
        "{review}"
    );
    assert_eq!(
        entries_saying(&app, "Rang mum"),
        0,
        "nothing saved before the check"
    );

    let confirmed = sam.post(
        "/quick-note/notes",
        &[("key", KEY), ("note", note), ("confirm_privacy", "true")],
    );
    assert_eq!(confirmed.status, Status::Created, "{}", confirmed.body);
    let saved = confirmed.json();
    assert!(
        saved["findings"][0]["what"].as_str().is_some(),
        "the findings confirmed are shown with the saved note: {saved}"
    );
    assert_eq!(entries_saying(&app, "Rang mum"), 1);
}

#[test]
fn sending_needs_a_session_a_token_and_a_sound_key() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let stranger = app.browser();
    stranger.get("/sign-in");
    assert_eq!(
        stranger.get("/quick-note/session").status,
        Status::Unauthorized
    );
    let (status, _) = send(&stranger, KEY, "Not signed in");
    assert_eq!(status, Status::Unauthorized);

    let sam = home(&app, "sam");
    let session = sam.get("/quick-note/session").expect(Status::Ok).json();
    assert_eq!(session["csrf"].as_str(), Some(sam.csrf().as_str()));
    let forged = sam.post_raw(
        "/quick-note/notes",
        &[
            ("csrf", "0".repeat(64)),
            ("key", KEY.into()),
            ("note", "Forged".into()),
        ],
    );
    assert_ne!(forged.status, Status::Created);
    assert_eq!(entries_saying(&app, "Forged"), 0);
    let (bad_key, problem) = send(&sam, "not a key!", "Odd key");
    assert_eq!(bad_key, Status::UnprocessableEntity);
    assert_eq!(problem["errors"][0]["field"], "key");
}

#[test]
fn the_offline_shell_and_worker_hold_no_ones_data() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.signed_in("sam");
    let worker = sam.get("/sw.js").expect(Status::Ok);
    assert!(
        worker
            .header("Content-Type")
            .is_some_and(|kind| kind.contains("javascript"))
    );
    assert_eq!(worker.header("Service-Worker-Allowed"), Some("/"));
    let shell = sam.get("/quick-note").expect(Status::Ok);
    assert!(!shell.body.contains("sam"), "the shell names nobody");
    assert!(
        !shell.body.contains("name=\"csrf\""),
        "the shell carries no token"
    );
    let manifest = sam
        .get("/static/manifest.webmanifest")
        .expect(Status::Ok)
        .json();
    assert_eq!(manifest["start_url"], "/");
    assert!(
        manifest["icons"]
            .as_array()
            .is_some_and(|icons| icons.iter().any(|icon| icon["sizes"] == "512x512"))
    );
}

#[test]
fn signing_out_clears_what_the_device_kept() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = home(&app, "sam");
    let reply = sam.post("/sign-out", &[]).expect(Status::SeeOther);
    let cleared = reply.header("Clear-Site-Data").unwrap_or_default();
    assert!(
        cleared.contains("\"storage\"") && cleared.contains("\"cache\""),
        "{cleared}"
    );

    // Signing out everywhere clears this device too.
    let again = app.signed_in("sam");
    again.get("/account").expect(Status::Ok);
    let everywhere = again
        .post("/account/sign-out-everywhere", &[])
        .expect(Status::SeeOther);
    let cleared = everywhere.header("Clear-Site-Data").unwrap_or_default();
    assert!(
        cleared.contains("\"storage\"") && cleared.contains("\"cache\""),
        "{cleared}"
    );
}
