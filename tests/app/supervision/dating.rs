//! When a record is dated: today by default, in the past in any order, and never signed
//! before its date.

use rocket::http::Status;

use super::{create, days_ago, days_ahead, draft, get, id, pair, session_path, sign};
use crate::common::TestApp;
use crate::forms::sign_as_shown;

#[test]
fn a_record_dated_ahead_is_refused_a_signature_until_its_day() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let ahead = id(&create(&app, &sue, "ann", draft(days_ahead(3))));
    let refused = app.sign_as_read(&ann, &format!("{}/sign", session_path(ahead)));
    assert_eq!(
        refused.status,
        Status::UnprocessableEntity,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("still to come"), "{}", refused.body);
    assert_eq!(
        get(&app, &sue, ahead)["supervisee_signed_at"],
        serde_json::Value::Null
    );

    let page_path = session_path(ahead).replace("/api/v1", "");
    let browser = app.signed_in("sue");
    let pressed = sign_as_shown(&browser, &format!("{page_path}/sign"));
    assert_eq!(pressed.status, Status::UnprocessableEntity);
    assert!(pressed.body.contains("still to come"), "{}", pressed.body);

    // A record typed up later, dated before the pair's last one, is saved and signed.
    let late = id(&create(&app, &sue, "ann", draft(days_ago(30))));
    assert!(sign(&app, &ann, late)["supervisee_signed_at"].is_string());
}

#[test]
fn the_pack_shows_the_sections_of_a_structured_reflection_brought() {
    let app = TestApp::new();
    let (_sue, ann) = pair(&app, "sue", "ann");
    crate::supervision::entry(
        &app,
        &ann,
        serde_json::json!({"kind": "reflection", "model": "gibbs", "title": "The core group",
               "occurred_on": days_ago(1).to_string(), "visibility": "supervisor",
               "for_supervision": true,
               "sections": {"feelings": "Anxious before the meeting.",
                            "analysis": "The plan had drifted from the child."}}),
    );
    let page = app
        .signed_in("sue")
        .get("/supervision/with/ann/pack")
        .expect(Status::Ok)
        .body;
    assert!(page.contains("The core group"), "{page}");
    assert!(page.contains("Anxious before the meeting."), "{page}");
    assert!(
        page.contains("The plan had drifted from the child."),
        "{page}"
    );
    assert!(page.contains("Feelings"), "the stage is not named: {page}");
}
