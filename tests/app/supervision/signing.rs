//! Signing what was read: a record and an agreement carry a version (a fingerprint of the text); a signature naming a
//! version saved over since is refused (409) and signs nothing, through the API and the
//! pages, whose sign buttons always name the version they show.

use rocket::http::Status;
use serde_json::json;

use super::{agree, create, days_ago, draft, get, id, pair, pair_path, session_path};
use crate::common::TestApp;
use crate::forms::{form_values, submit};

#[test]
fn a_record_changed_after_it_was_read_is_not_signed_on_the_old_version() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let record = create(&app, &sue, "ann", draft(days_ago(2)));
    let record_id = id(&record);
    let sign = |token: &str, body: &str| {
        app.api_raw(
            rocket::http::Method::Post,
            token,
            &format!("{}/sign", session_path(record_id)),
            body,
        )
    };
    let read = get(&app, &ann, record_id)["version"]
        .as_str()
        .unwrap()
        .to_string();
    // Sue changes the wellbeing part after Ann read the record.
    let mut changed = draft(days_ago(2));
    changed["wellbeing"] = json!("Struggling after a heavy week; agreed a lighter rota.");
    app.put_json(&sue, &session_path(record_id), changed)
        .expect(Status::Ok);
    let before = get(&app, &sue, record_id);
    assert_ne!(before["version"], read.as_str());
    let stale = sign(&ann, &json!({"version": read}).to_string());
    assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
    assert!(
        stale.body.contains("changed since you opened it"),
        "{}",
        stale.body
    );
    assert_eq!(
        get(&app, &sue, record_id),
        before,
        "the stale signature signed"
    );
    // A malformed body is refused, not taken as a signature.
    let odd = sign(&ann, r#"{"version": 5}"#);
    assert_eq!(odd.status, Status::UnprocessableEntity, "{}", odd.body);
    assert_eq!(get(&app, &sue, record_id), before);

    // Signing the version now shown works, and so does a signature that names none.
    let current = before["version"].as_str().unwrap().to_string();
    let signed = sign(&ann, &json!({"version": current}).to_string())
        .expect(Status::Ok)
        .json();
    assert_ne!(signed["supervisee_signed_at"], serde_json::Value::Null);
    let locked = sign(&sue, "").expect(Status::Ok).json();
    assert_eq!(locked["locked"], true);
}

#[test]
fn the_sign_buttons_name_the_version_shown_and_a_stale_one_signs_nothing() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    agree(&app, &sue, "ann", "monthly", days_ago(30));
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(2))));
    let browser = app.signed_in("ann");

    let path = format!("/supervision/sessions/{record_id}");
    let page = browser.get(&path).expect(Status::Ok).body;
    let sign_form = form_values(&page, &format!("{path}/sign"));
    let version = get(&app, &ann, record_id)["version"].clone();
    assert!(
        sign_form.contains(&("version".to_string(), version.as_str().unwrap().to_string())),
        "{sign_form:?}"
    );
    // The supervisor saves the record again while Ann's page is open.
    app.put_json(&sue, &session_path(record_id), draft(days_ago(1)))
        .expect(Status::Ok);
    let before = get(&app, &sue, record_id);
    let stale = submit(&browser, &format!("{path}/sign"), &sign_form);
    assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
    assert!(
        stale.body.contains("changed since you opened it"),
        "{}",
        stale.body
    );
    assert_eq!(get(&app, &sue, record_id), before);

    // The agreement likewise.
    let agreement_path = "/supervision/with/sue/agreement";
    let page = browser.get(agreement_path).expect(Status::Ok).body;
    let sign_form = form_values(&page, &format!("{agreement_path}/sign"));
    agree(&app, &sue, "ann", "fortnightly", days_ago(30));
    let before = app
        .get_json(&ann, &format!("{}/agreement", pair_path("sue")))
        .expect(Status::Ok)
        .json();
    let stale = submit(&browser, &format!("{agreement_path}/sign"), &sign_form);
    assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
    let after = app
        .get_json(&ann, &format!("{}/agreement", pair_path("sue")))
        .expect(Status::Ok)
        .json();
    assert_eq!(after, before);
    assert_eq!(after["supervisee_signed_at"], serde_json::Value::Null);
    // Signed from the page as it now stands.
    let page = browser.get(agreement_path).expect(Status::Ok).body;
    let fresh: Vec<(String, String)> = form_values(&page, &format!("{agreement_path}/sign"));
    submit(&browser, &format!("{agreement_path}/sign"), &fresh).expect(Status::SeeOther);
    let signed = app
        .get_json(&ann, &format!("{}/agreement", pair_path("sue")))
        .expect(Status::Ok)
        .json();
    assert_ne!(signed["supervisee_signed_at"], serde_json::Value::Null);
}
