//! Signing what was read: a record and an agreement carry a version (a hash of their signed
//! text); a signature naming a version saved over since is refused (409) and signs nothing, one
//! naming none is refused (422), through the API and the pages, whose sign buttons always name
//! the version they show. Once both have signed, an edit is refused and the signatures stay.

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
    app.put_as_read(&sue, &session_path(record_id), changed)
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

    // A signature that names no version is refused and names the field.
    for unnamed in ["", "{}", r#"{"version": " "}"#] {
        let refused = sign(&sue, unnamed);
        assert_eq!(
            refused.status,
            Status::UnprocessableEntity,
            "{}",
            refused.body
        );
        assert!(refused.body.contains("version"), "{}", refused.body);
    }
    assert_eq!(get(&app, &sue, record_id), before);

    // Signing the version now shown works.
    let current = before["version"].as_str().unwrap().to_string();
    let signed = sign(&ann, &json!({"version": current}).to_string())
        .expect(Status::Ok)
        .json();
    assert_ne!(signed["supervisee_signed_at"], serde_json::Value::Null);
    let locked = sign(&sue, &json!({"version": current}).to_string())
        .expect(Status::Ok)
        .json();
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
    app.put_as_read(&sue, &session_path(record_id), draft(days_ago(1)))
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

#[test]
fn an_agreement_is_signed_on_the_version_read_and_once_both_sign_it_keeps_its_signatures() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let path = format!("{}/agreement", pair_path("sue"));
    agree(&app, &sue, "ann", "monthly", days_ago(30));
    let seen = app.get_json(&ann, &path).expect(Status::Ok).json()["version"].clone();
    // Sue changes it while Ann reads it.
    agree(&app, &sue, "ann", "fortnightly", days_ago(30));
    let before = app.get_json(&ann, &path).expect(Status::Ok).json();
    let stale = app.post_json(&ann, &format!("{path}/sign"), json!({"version": seen}));
    assert_eq!(stale.status, Status::Conflict, "{}", stale.body);
    assert!(
        stale.body.contains("changed since you opened it"),
        "{}",
        stale.body
    );
    let unnamed = app.post_json(&ann, &format!("{path}/sign"), json!({}));
    assert_eq!(
        unnamed.status,
        Status::UnprocessableEntity,
        "{}",
        unnamed.body
    );
    assert_eq!(unnamed.json()["errors"][0]["field"], "version");
    assert_eq!(app.get_json(&ann, &path).json(), before);

    // Both sign the version shown: it is locked.
    app.sign_as_read(&ann, &format!("{path}/sign"))
        .expect(Status::Ok);
    app.sign_as_read(&sue, &format!("{}/agreement/sign", pair_path("ann")))
        .expect(Status::Ok);
    let signed = app.get_json(&ann, &path).expect(Status::Ok).json();
    assert!(signed["supervisor_signed_at"].is_string(), "{signed}");
    assert!(signed["supervisee_signed_at"].is_string(), "{signed}");

    // An edit through the API or the page is refused, pointing to a new version, and the
    // signatures stay.
    let edit = app.put_json(
        &ann,
        &path,
        json!({"frequency": "weekly", "starts_on": days_ago(30).to_string(),
               "usual_minutes": 60, "cancellation": "Rebook."}),
    );
    assert_eq!(edit.status, Status::Conflict, "{}", edit.body);
    assert!(edit.body.contains("new version"), "{}", edit.body);
    let browser = app.signed_in("ann");
    let page_path = "/supervision/with/sue/agreement";
    let page = browser.get(page_path).expect(Status::Ok).body;
    assert!(page.contains("As signed by both"), "{page}");
    assert!(!page.contains(&format!("action=\"{page_path}\"")), "{page}");
    assert!(
        !page.contains(&format!("action=\"{page_path}/sign\"")),
        "{page}"
    );
    let posted = browser.post(
        page_path,
        &[
            ("frequency", "weekly"),
            ("starts_on", &days_ago(30).to_string()),
            ("usual_minutes", "60"),
            ("cancellation", "Rebook."),
        ],
    );
    assert_eq!(posted.status, Status::Conflict, "{}", posted.body);
    assert_eq!(app.get_json(&ann, &path).json(), signed);
}

#[test]
fn a_locked_record_refuses_edits_keeps_its_signatures_and_takes_amendments() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(2))));
    let sign_path = format!("{}/sign", session_path(record_id));
    app.sign_as_read(&sue, &sign_path).expect(Status::Ok);
    let locked = app.sign_as_read(&ann, &sign_path).expect(Status::Ok).json();
    assert_eq!(locked["locked"], true);
    let edit = app.put_as_read(&sue, &session_path(record_id), draft(days_ago(1)));
    assert_eq!(edit.status, Status::Conflict, "{}", edit.body);
    assert!(edit.body.contains("amendment"), "{}", edit.body);
    assert_eq!(get(&app, &sue, record_id), locked);
    app.post_json(
        &sue,
        &format!("{}/amendments", session_path(record_id)),
        json!({"field": "agenda", "text": "Caseload only.", "reason": "Wellbeing moved"}),
    )
    .expect(Status::Created);
    let amended = get(&app, &sue, record_id);
    assert_eq!(
        amended["supervisor_signed_at"],
        locked["supervisor_signed_at"]
    );
    assert_eq!(
        amended["supervisee_signed_at"],
        locked["supervisee_signed_at"]
    );
    assert_eq!(
        amended["version"], locked["version"],
        "amendments are not re-signed"
    );
    assert_eq!(amended["amendments"][0]["field_label"], "Agenda");
}
