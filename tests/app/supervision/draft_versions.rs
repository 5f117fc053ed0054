//! A record's draft is shared by its two parties, and the API replaces it whole: a change
//! names the version its author read, so neither overwrites the other unknowingly and a body
//! that forgot the record blanks nothing.

use rocket::http::Status;
use serde_json::json;

use super::{create, days_ago, days_ahead, draft, get, id, pair, session_path, with_actions};
use crate::common::TestApp;

#[test]
fn a_change_on_a_version_someone_else_replaced_is_refused_and_changes_nothing() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let first = with_actions(
        days_ago(3),
        &[(
            "Book the legal planning meeting",
            "ann",
            days_ahead(14).to_string(),
        )],
    );
    let record_id = id(&create(&app, &sue, "ann", first));
    let path = session_path(record_id);
    let read_by_ann = get(&app, &ann, record_id);

    // Sue saves a change; Ann then saves hers on the version she read before it.
    let mut by_sue = draft(days_ago(3));
    by_sue["wellbeing"] = json!("Agreed a lighter week.");
    by_sue["actions"] = read_by_ann["actions"].clone();
    app.put_as_read(&sue, &path, by_sue).expect(Status::Ok);
    let after_sue = get(&app, &sue, record_id);
    let mut by_ann = draft(days_ago(3));
    by_ann["wellbeing"] = json!("Nothing to add.");
    by_ann["version"] = read_by_ann["version"].clone();
    let stale = app.put_json(&ann, &path, by_ann);
    assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
    assert!(stale.body.contains("Nothing was saved"), "{}", stale.body);
    assert_eq!(get(&app, &sue, record_id), after_sue);
}

#[test]
fn a_body_without_the_version_blanks_nothing() {
    let app = TestApp::new();
    let (sue, _ann) = pair(&app, "sue", "ann");
    let first = with_actions(
        days_ago(2),
        &[("Read the chronology", "sue", days_ahead(7).to_string())],
    );
    let record_id = id(&create(&app, &sue, "ann", first));
    let before = get(&app, &sue, record_id);
    assert_eq!(before["actions"].as_array().map(Vec::len), Some(1));
    for body in [json!({}), draft(days_ago(2))] {
        let reply = app.put_json(&sue, &session_path(record_id), body);
        assert_eq!(reply.status, Status::UnprocessableEntity, "{}", reply.body);
        assert!(reply.body.contains("version"), "{}", reply.body);
    }
    assert_eq!(get(&app, &sue, record_id), before);
}

#[test]
fn the_edit_form_keeps_what_was_typed_when_the_other_party_saved_first() {
    let app = TestApp::new();
    let (sue, _ann) = pair(&app, "sue", "ann");
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(3))));
    let browser = app.signed_in("ann");
    let form = browser
        .get(&format!("/supervision/sessions/{record_id}/edit"))
        .expect(Status::Ok)
        .body;
    let opened_on = hidden_version(&form);

    // Sue saves while Ann's form is open; Ann's save on the old version is not taken, and
    // her text comes back on the form, which now carries the current version.
    let mut by_sue = draft(days_ago(3));
    by_sue["agenda"] = json!("Sue's agenda.");
    app.put_as_read(&sue, &session_path(record_id), by_sue)
        .expect(Status::Ok);
    let after_sue = get(&app, &sue, record_id);
    let fields = [
        ("held_on", days_ago(3).to_string()),
        ("session_type", "individual".to_string()),
        ("agenda", "Agenda typed with care by Ann.".to_string()),
        ("version", opened_on.clone()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = browser.post(&format!("/supervision/sessions/{record_id}"), &fields);
    assert_eq!(reply.status, Status::Conflict, "{}", reply.body);
    assert!(
        reply.body.contains("Agenda typed with care by Ann."),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("changed since you opened it"),
        "{}",
        reply.body
    );
    assert_ne!(hidden_version(&reply.body), opened_on);
    assert_eq!(get(&app, &sue, record_id), after_sue);

    // Saved again from that form, on the version it now shows, the change is taken.
    let current = hidden_version(&reply.body);
    let mut again = fields.clone();
    again.retain(|(name, _)| *name != "version");
    again.push(("version", current.as_str()));
    let saved = browser.post(&format!("/supervision/sessions/{record_id}"), &again);
    assert_eq!(saved.status, Status::SeeOther, "{}", saved.body);
    assert_eq!(
        get(&app, &sue, record_id)["agenda"]["text"],
        "Agenda typed with care by Ann."
    );
}

fn hidden_version(html: &str) -> String {
    let pattern = regex::Regex::new(r#"name="version" value="([^"]+)""#).unwrap();
    pattern.captures(html).expect("a version on the form")[1].to_string()
}
