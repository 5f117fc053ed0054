//! The record's particulars: every session type is kept and shown; attendees can be
//! corrected by amendment after the lock, the signed list staying readable; and a record
//! reviews only actions agreed at sessions held before it.

use rocket::http::Status;
use serde_json::json;

use super::{
    create, days_ago, days_ahead, draft, get, id, lock, pair, pair_path, refused, session_path,
    with_actions,
};
use crate::common::TestApp;

#[test]
fn group_peer_and_ad_hoc_sessions_are_kept_and_shown() {
    let app = TestApp::new();
    let (sue, _) = pair(&app, "sue", "ann");
    for (at, (kind, label)) in [("group", "Group"), ("peer", "Peer"), ("ad_hoc", "Ad hoc")]
        .into_iter()
        .enumerate()
    {
        let mut body = draft(days_ago(10 - at as u64));
        body["session_type"] = json!(kind);
        body["attendees"] = json!("Team members of the duty rota");
        let record = create(&app, &sue, "ann", body);
        assert_eq!(record["session_type"], kind);
        let page = app
            .signed_in("ann")
            .get(&session_path(id(&record)).replace("/api/v1", ""))
            .expect(Status::Ok)
            .body;
        assert!(page.contains(label), "{kind}: {page}");
    }
    let mut odd = draft(days_ago(2));
    odd["session_type"] = json!("workshop");
    refused(
        &app.post_json(&sue, &format!("{}/sessions", pair_path("ann")), odd),
        &["session_type"],
    );
}

#[test]
fn attendees_are_corrected_by_amendment_after_the_lock() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let mut body = draft(days_ago(3));
    body["attendees"] = json!("Sue (supervisor), Ann");
    let record_id = id(&create(&app, &sue, "ann", body));
    lock(&app, &sue, &ann, record_id);
    let amended = app
        .post_json(
            &ann,
            &format!("{}/amendments", session_path(record_id)),
            json!({"field": "attendees", "text": "Sue (supervisor), Ann, a student observing",
                   "reason": "The observing student was left off"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(
        amended["attendees"],
        "Sue (supervisor), Ann, a student observing"
    );
    assert_eq!(
        amended["amendments"][0]["previous_text"],
        "Sue (supervisor), Ann"
    );
    let page = app
        .signed_in("sue")
        .get(&session_path(record_id).replace("/api/v1", ""))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("a student observing"), "{page}");
    let markdown = app
        .signed_in("sue")
        .get_bytes(&format!("/supervision/sessions/{record_id}/record.md"));
    let markdown = String::from_utf8(markdown.bytes).unwrap();
    assert!(
        markdown.contains("- **Attendees:** Sue (supervisor), Ann, a student observing"),
        "{markdown}"
    );
}

/// Records are typed up in any order: one dated before the pair's last session may review
/// an action agreed at that later session.
#[test]
fn a_record_dated_earlier_may_review_an_action_of_a_later_session() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let earlier = id(&create(&app, &sue, "ann", draft(days_ago(20))));
    let later = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(5),
            &[("Chase the school", "ann", days_ahead(5).to_string())],
        ),
    );
    let action = id(&later["actions"][0]);
    let mut reviewing = draft(days_ago(20));
    reviewing["action_reviews"] = json!([{"action_id": action, "outcome": "done"}]);
    app.put_as_read(&ann, &session_path(earlier), reviewing)
        .expect(Status::Ok);
    let saved = get(&app, &sue, earlier);
    assert_eq!(
        saved["action_reviews"][0]["description"],
        "Chase the school"
    );
    assert_eq!(saved["action_reviews"][0]["outcome"], "done");
}
