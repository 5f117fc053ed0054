//! Personal API tokens expire after their lifetime and stop working when the password
//! changes, an administrator resets it or disables the account, or their owner signs out
//! everywhere.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use praxis::platform::db::schema::api_tokens;
use rocket::http::Status;
use serde_json::json;

use crate::common::{Browser, PASSWORD, TestApp};

const NEW_PASSWORD: &str = "a different long passphrase";

fn works(app: &TestApp, token: &str) -> bool {
    let status = app.get_json(token, "/api/v1/me").status;
    assert!(
        status == Status::Ok || status == Status::Unauthorized,
        "unexpected {status}"
    );
    status == Status::Ok
}

/// Moves every stored token time back by `days`, as if that much time had passed.
fn let_days_pass(app: &TestApp, days: i64) {
    let mut conn = app.db().conn().unwrap();
    let rows: Vec<(i32, NaiveDateTime, NaiveDateTime)> = api_tokens::table
        .select((
            api_tokens::id,
            api_tokens::created_at,
            api_tokens::expires_at,
        ))
        .load(&mut conn)
        .unwrap();
    for (id, created, expires) in rows {
        diesel::update(api_tokens::table.find(id))
            .set((
                api_tokens::created_at.eq(created - Duration::days(days)),
                api_tokens::expires_at.eq(expires - Duration::days(days)),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    // Time passing would also age out the app's remembered sign-ins.
    praxis::platform::auth::credential_cache::forget_all();
}

#[test]
fn a_token_works_for_the_configured_lifetime_and_then_stops() {
    let app = TestApp::with_config(|config| config.with_setting("api_token_days", json!(2)));
    app.user("sam", "practitioner");
    let issued = app
        .api(
            rocket::http::Method::Post,
            None,
            "/api/v1/tokens",
            Some(json!({"username": "sam", "password": PASSWORD})),
        )
        .expect(Status::Created)
        .json();
    let token = issued["token"].as_str().unwrap().to_string();
    let expires_text = issued["expires_at"].as_str().unwrap();
    assert!(
        expires_text.ends_with('Z'),
        "the expiry is marked as UTC: {expires_text}"
    );
    let expires = NaiveDateTime::parse_from_str(expires_text, "%Y-%m-%dT%H:%M:%SZ").unwrap();
    let lifetime = expires - praxis::platform::clock::now();
    assert!(
        lifetime > Duration::days(2) - Duration::minutes(1) && lifetime <= Duration::days(2),
        "expires in {lifetime}"
    );
    let browser = app.signed_in("sam");
    let page = browser.get("/account").expect(Status::Ok).body;
    assert!(
        page.contains(
            &praxis::platform::clock::local(expires)
                .format("%d %b %Y %H:%M %Z")
                .to_string()
        ),
        "the account page shows the expiry"
    );

    let_days_pass(&app, 1);
    assert!(works(&app, &token), "one day in, the token still works");
    let_days_pass(&app, 1);
    assert!(!works(&app, &token), "after two days it has expired");
    let page = browser.get("/account").expect(Status::Ok).body;
    assert!(
        page.contains("You have no tokens."),
        "an expired token is not listed"
    );
    assert!(works(&app, &app.token("sam")), "a new token works");
}

#[test]
fn the_default_lifetime_is_ninety_days_and_nonsense_is_refused() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let_days_pass(&app, 89);
    assert!(works(&app, &token));
    let_days_pass(&app, 1);
    assert!(!works(&app, &token));
    for days in [json!(0), json!(100_000), json!("soon")] {
        let dir = tempfile::tempdir().unwrap();
        let config = praxis::config::Config::new(dir.path())
            .quiet()
            .with_setting("api_token_days", days.clone());
        match praxis::build(config) {
            Err(error) => assert!(error.to_string().contains("api_token_days"), "{error}"),
            Ok(_) => panic!("api_token_days = {days} was accepted"),
        }
    }
}

#[test]
fn last_use_is_shown_on_the_account_page() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let browser = app.signed_in("sam");
    let before = browser.get("/account").expect(Status::Ok).body;
    assert!(before.contains("<td>never</td>"), "not used yet");
    assert!(works(&app, &token));
    let after = browser.get("/account").expect(Status::Ok).body;
    let cells: Vec<String> = regex::Regex::new(r"<td>([^<]*)</td>")
        .unwrap()
        .captures_iter(&after)
        .map(|cell| cell[1].to_string())
        .collect();
    let today = praxis::platform::clock::now()
        .format("%d %b %Y")
        .to_string();
    // Name, created, last used, expires.
    assert!(
        cells.get(2).is_some_and(|used| used.starts_with(&today)),
        "last used today: {cells:?}"
    );
}

#[test]
fn changing_the_password_revokes_every_token() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let (first, second) = (app.token("sam"), app.token("sam"));
    let browser = app.signed_in("sam");
    browser.get("/account").expect(Status::Ok);
    browser
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
            ],
        )
        .expect(Status::SeeOther);
    assert!(!works(&app, &first));
    assert!(!works(&app, &second));
    let page = browser.get("/account").expect(Status::Ok).body;
    assert!(page.contains("You have no tokens."));
}

/// An app with an administrator signed in on the admin page, and sam holding a token;
/// returns sam's id and token.
fn admin_and_sams_token(app: &TestApp) -> (Browser<'_>, i32, String) {
    app.user("root", "admin");
    let sam = app.user("sam", "practitioner");
    let token = app.token("sam");
    assert!(works(app, &token));
    let admin = app.signed_in("root");
    admin.get("/admin").expect(Status::Ok);
    (admin, sam, token)
}

#[test]
fn an_administrators_password_reset_revokes_every_token() {
    let app = TestApp::new();
    let (admin, sam, token) = admin_and_sams_token(&app);
    admin
        .post(&format!("/admin/users/{sam}/reset"), &[])
        .expect(Status::Created);
    assert!(!works(&app, &token));
}

#[test]
fn disabling_an_account_revokes_its_tokens_for_good() {
    let app = TestApp::new();
    let (admin, sam, token) = admin_and_sams_token(&app);
    admin
        .post(&format!("/admin/users/{sam}/disable"), &[])
        .expect(Status::SeeOther);
    assert!(!works(&app, &token));
    admin
        .post(&format!("/admin/users/{sam}/enable"), &[])
        .expect(Status::SeeOther);
    assert!(
        !works(&app, &token),
        "re-enabling does not bring tokens back"
    );
    assert!(works(&app, &app.token("sam")));
}

#[test]
fn signing_out_everywhere_ends_every_session_and_revokes_every_token() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    let token = app.token("sam");
    let others_token = app.token("alex");
    let laptop = app.signed_in("sam");
    let phone = app.signed_in("sam");
    laptop.get("/account").expect(Status::Ok);
    let signed_out = laptop
        .post("/account/sign-out-everywhere", &[])
        .expect(Status::SeeOther);
    assert_eq!(signed_out.location(), Some("/sign-in"));
    assert!(!works(&app, &token));
    laptop.get("/account").expect(Status::SeeOther);
    phone.get("/account").expect(Status::SeeOther);
    assert!(works(&app, &others_token), "nobody else is affected");
    app.user("root", "admin");
    let admin = app.signed_in("root");
    let audit = admin.get("/admin/audit").expect(Status::Ok).body;
    assert!(
        audit.contains("signed_out_everywhere"),
        "the audit log says so"
    );
}
