//! In the pocket between visits: a refused form redirects to its page, which shows what was
//! typed (also on reload, to its writer only), keeps it as a server draft without any
//! password, and a submission sent again after signing in says it was saved.

use diesel::prelude::*;
use rocket::http::Status;
use serde_json::json;

use crate::common::{Browser, PASSWORD, TestApp};
use praxis::platform::db::schema::drafts;

const TYPED: &str = "The plan had drifted from what the children said";

fn kept_drafts(app: &TestApp) -> Vec<(String, String)> {
    let mut conn = app.db().conn().expect("connection");
    drafts::table
        .select((drafts::form_key, drafts::fields))
        .load(&mut conn)
        .expect("drafts")
}

/// Sam's reflection with no title, which the entry form refuses.
fn untitled(browser: &Browser<'_>) -> Vec<(&'static str, String)> {
    vec![
        ("csrf", browser.csrf()),
        ("kind", "reflection".into()),
        ("title", String::new()),
        ("body", TYPED.into()),
    ]
}

#[test]
fn a_refused_entry_redirects_to_its_form_which_shows_the_text_until_the_writer_moves_on() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.signed_in("sam");
    let refused = sam.post_raw_once("/entries", &untitled(&sam));
    assert_eq!(refused.status, Status::SeeOther, "{}", refused.body);
    assert_eq!(refused.location(), Some("/entries/new"));
    assert!(refused.body.is_empty());
    for attempt in ["after the redirect", "on reload"] {
        let page = sam.get("/entries/new");
        assert_eq!(page.status, Status::UnprocessableEntity, "{attempt}");
        assert!(page.body.contains(TYPED), "{attempt}: {}", page.body);
        assert!(page.body.contains("error-summary"), "{attempt}");
        assert!(page.body.contains(r#"aria-invalid="true""#), "{attempt}");
    }
    let kept = kept_drafts(&app);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].0, "/entries");
    assert!(kept[0].1.contains(TYPED) && !kept[0].1.contains("csrf"));

    // Gone elsewhere and back, the form opens afresh (its script puts the draft back).
    sam.get("/entries").expect(Status::Ok);
    let fresh = sam.get("/entries/new").expect(Status::Ok);
    assert!(!fresh.body.contains(TYPED));

    let mut fields = untitled(&sam);
    fields[2].1 = "Core group".into();
    let saved = sam.post_raw_once("/entries", &fields);
    assert_eq!(saved.status, Status::SeeOther, "{}", saved.body);
    assert!(
        saved
            .location()
            .is_some_and(|to| to.starts_with("/entries/"))
    );
    assert!(kept_drafts(&app).is_empty(), "a saved form's draft is gone");
}

#[test]
fn a_refused_page_is_shown_to_its_writer_alone() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("pat", "supervisor");
    let shared = app.signed_in("sam");
    let refused = shared.post_raw_once("/entries", &untitled(&shared));
    assert_eq!(refused.status, Status::SeeOther);
    // Sam walks away without signing out; pat signs in on the same browser.
    shared.sign_in("pat", PASSWORD);
    let page = shared.get("/entries/new").expect(Status::Ok);
    assert!(page.body.contains("New entry"));
    assert!(!page.body.contains(TYPED));
}

#[test]
fn a_refused_password_change_keeps_no_password_anywhere() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.signed_in("sam");
    let secret = "my new secret phrase";
    let refused = sam.post_raw_once(
        "/account/password",
        &[
            ("csrf", sam.csrf()),
            ("current_password", "not my password".into()),
            ("new_password", secret.into()),
        ],
    );
    assert_eq!(refused.status, Status::SeeOther, "{}", refused.body);
    assert_eq!(refused.location(), Some("/account"));
    let page = sam.get("/account");
    assert_eq!(page.status, Status::UnprocessableEntity);
    assert!(!page.body.contains(secret) && !page.body.contains("not my password"));
    for (_, fields) in kept_drafts(&app) {
        assert!(!fields.contains("password"), "{fields}");
    }
}

#[test]
fn a_submission_sent_again_after_signing_in_says_it_was_saved() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.signed_in("sam");
    let mut fields = untitled(&sam);
    fields[2].1 = "After the visit".into();
    let saved = sam.post_raw_once("/entries?resumed=1", &fields);
    assert_eq!(saved.status, Status::SeeOther, "{}", saved.body);
    let entry = sam
        .get(saved.location().expect("the saved entry"))
        .expect(Status::Ok);
    assert!(
        entry
            .body
            .contains("Your reflection was saved after you signed in again."),
        "{}",
        entry.body
    );
    // An ordinary save says only that it saved.
    fields[0].1 = sam.csrf();
    let again = sam.post_raw_once("/entries", &fields);
    let entry = sam.get(again.location().expect("saved")).expect(Status::Ok);
    assert!(!entry.body.contains("signed in again"));
}

#[test]
fn the_api_still_answers_a_refusal_with_a_problem_document() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let refused = app.post_json(
        &token,
        "/api/v1/entries",
        json!({"kind": "reflection", "title": "", "body": TYPED}),
    );
    assert_eq!(refused.status, Status::UnprocessableEntity);
    assert_eq!(
        refused.header("Content-Type"),
        Some("application/problem+json")
    );
    assert!(refused.body.contains("title"), "{}", refused.body);
    assert!(kept_drafts(&app).is_empty(), "the API keeps no drafts");
}
