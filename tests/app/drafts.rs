//! Drafts kept on the server for the page's script, a form sent after the session ended,
//! and staying signed in.

use diesel::prelude::*;
use rocket::http::{ContentType, Header, Status};
use serde_json::{Value, json};

use crate::common::{Browser, TestApp};
use crate::forms::{form_values, submit};
use praxis::platform::auth::credential_cache;
use praxis::platform::db::schema::sessions;

/// Sends what the page's script sends: JSON (or nothing) with the page's CSRF token in the
/// `X-CSRF-Token` header (left out when `token` is `None`).
fn script(
    app: &TestApp,
    browser: &Browser<'_>,
    path: &str,
    body: Option<Value>,
    token: Option<String>,
) -> (Status, String) {
    let mut request = match &body {
        Some(_) => app.client.post(path.to_string()),
        None => app.client.get(path.to_string()),
    };
    for cookie in browser.cookies() {
        request = request.cookie(cookie);
    }
    if let Some(token) = token {
        request = request.header(Header::new("X-CSRF-Token", token));
    }
    if let Some(body) = body {
        request = request.header(ContentType::JSON).body(body.to_string());
    }
    let response = request.dispatch();
    let status = response.status();
    (status, response.into_string().unwrap_or_default())
}

fn app_with_sam() -> TestApp {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("pat", "supervisor");
    app
}

#[test]
fn a_draft_is_kept_for_its_writer_alone_until_discarded() {
    let app = app_with_sam();
    let sam = app.signed_in("sam");
    let token = Some(sam.csrf());
    let draft = json!({"fields": {"title": "Home visit", "body": "Felt rushed at the door.", "tags": ["CA1989-s47"]}});
    let (status, _) = script(
        &app,
        &sam,
        "/drafts?form=/entries",
        Some(draft),
        token.clone(),
    );
    assert_eq!(status, Status::Ok);

    let (status, body) = script(&app, &sam, "/drafts?form=/entries", None, None);
    assert_eq!(status, Status::Ok);
    let kept: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(kept["writer"], "sam");
    assert_eq!(kept["fields"]["body"], "Felt rushed at the door.");
    assert_eq!(kept["fields"]["tags"][0], "CA1989-s47");

    let pat = app.signed_in("pat");
    let (status, body) = script(&app, &pat, "/drafts?form=/entries", None, None);
    assert_eq!(status, Status::Ok);
    assert!(!body.contains("rushed"), "pat read sam's draft: {body}");

    let (status, _) = script(
        &app,
        &sam,
        "/drafts/discard?form=/entries",
        Some(json!({})),
        token,
    );
    assert_eq!(status, Status::Ok);
    let (_, body) = script(&app, &sam, "/drafts?form=/entries", None, None);
    assert!(
        !body.contains("rushed"),
        "the discarded draft came back: {body}"
    );
}

#[test]
fn drafts_refuse_a_missing_token_a_foreign_key_and_passwords() {
    let app = app_with_sam();
    let sam = app.signed_in("sam");
    let draft = json!({"fields": {"body": "text"}});
    let (status, _) = script(
        &app,
        &sam,
        "/drafts?form=/entries",
        Some(draft.clone()),
        None,
    );
    assert_eq!(
        status,
        Status::Forbidden,
        "a draft without the page's token"
    );
    let token = Some(sam.csrf());
    let (status, body) = script(
        &app,
        &sam,
        "/drafts?form=https://evil.example/x",
        Some(draft),
        token.clone(),
    );
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    let (status, body) = script(
        &app,
        &sam,
        "/drafts?form=/account/password",
        Some(json!({"fields": {"password": "correct horse"}})),
        token,
    );
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    let stranger = app.browser();
    let (status, _) = script(&app, &stranger, "/drafts?form=/entries", None, None);
    assert_eq!(
        status,
        Status::SeeOther,
        "a draft asked for without signing in"
    );
}

#[test]
fn a_form_sent_after_the_session_ended_returns_to_its_page_after_signing_in() {
    let app = app_with_sam();
    let sam = app.signed_in("sam");
    sam.get("/entries/new").expect(Status::Ok);
    {
        let mut conn = app.db().conn().unwrap();
        diesel::delete(sessions::table).execute(&mut conn).unwrap();
        credential_cache::forget_all();
    }
    let sent = sam.post(
        "/entries",
        &[("title", "After the visit"), ("body", "Notes")],
    );
    assert_eq!(sent.status, Status::SeeOther);
    let to_sign_in = sent.location().unwrap_or_default().to_string();
    assert_eq!(to_sign_in, "/sign-in?next=%2Fentries%2Fnew&ended=true");
    let page = sam.get(&to_sign_in).expect(Status::Ok);
    assert!(
        page.body.contains("What you"),
        "no word that the text is kept: {}",
        page.body
    );
    assert!(page.body.contains("name=\"next\" value=\"/entries/new\""));
    let mut fields = form_values(&page.body, "/sign-in");
    for (name, value) in &mut fields {
        match name.as_str() {
            "username" => *value = "sam".into(),
            "password" => *value = crate::common::PASSWORD.into(),
            _ => {}
        }
    }
    let back = submit(&sam, "/sign-in", &fields);
    assert_eq!(back.location(), Some("/entries/new"));
    let form = sam.get("/entries/new").expect(Status::Ok);
    assert!(form.body.contains("data-draft"), "the form keeps no draft");
}

#[test]
fn staying_signed_in_needs_the_page_token() {
    let app = app_with_sam();
    let anyone = app.browser();
    let (status, body) = script(&app, &anyone, "/session/idle-limit", None, None);
    assert_eq!(status, Status::Ok);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["idle_minutes"],
        60
    );
    let sam = app.signed_in("sam");
    let (status, _) = script(&app, &sam, "/session/stay", Some(json!({})), None);
    assert_eq!(status, Status::Forbidden);
    let token = Some(sam.csrf());
    let (status, _) = script(&app, &sam, "/session/stay", Some(json!({})), token);
    assert_eq!(status, Status::Ok);
}
