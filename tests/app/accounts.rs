//! Setup, signing in and out, sessions, throttling, passwords, tokens and administration.

use rocket::http::{Method, Status};

use crate::common::{PASSWORD, TestApp};

mod access_indirect;
mod access_log;
mod access_records;
mod reset;
pub(crate) mod throttle;
mod tokens;

#[test]
fn first_run_setup_creates_the_first_admin_once() {
    let app = TestApp::new();
    let token = app
        .client
        .rocket()
        .state::<praxis::accounts::setup::SetupToken>()
        .and_then(|setup| setup.peek())
        .expect("a setup token on first run");
    let browser = app.browser();
    browser.get("/setup?token=wrong").expect(Status::NotFound);
    let page = browser
        .get(&format!("/setup?token={token}"))
        .expect(Status::Ok);
    assert!(page.body.contains("Create administrator"));

    let short = browser.post(
        "/setup",
        &[
            ("token", &token),
            ("username", "ada"),
            ("password", "short"),
        ],
    );
    assert_eq!(short.status, Status::UnprocessableEntity);
    assert!(short.body.contains("at least 10 characters"));

    let done = browser
        .post(
            "/setup",
            &[
                ("token", &token),
                ("username", "ada"),
                ("display_name", "Ada"),
                ("password", PASSWORD),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(done.location(), Some("/admin"));
    browser.get("/admin").expect(Status::Ok);
    // The token is spent: the page is gone for everyone.
    app.browser()
        .get(&format!("/setup?token={token}"))
        .expect(Status::NotFound);
}

#[test]
fn sign_in_uses_one_message_for_unknown_users_and_wrong_passwords() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    let wrong_password = browser
        .sign_in("sam", "not the password")
        .expect(Status::Unauthorized);
    let unknown_user = browser
        .sign_in("nobody", "not the password")
        .expect(Status::Unauthorized);
    let message = "The username or password is not right.";
    assert!(wrong_password.body.contains(message));
    assert!(unknown_user.body.contains(message));
    browser.get("/").expect(Status::SeeOther);
}

#[test]
fn signed_out_visitors_are_sent_to_sign_in_and_back() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    let redirect = browser.get("/entries?kind=diary").expect(Status::SeeOther);
    assert_eq!(
        redirect.location(),
        Some("/sign-in?next=%2Fentries%3Fkind%3Ddiary")
    );
    let signed_in = browser
        .post(
            "/sign-in",
            &[
                ("username", "sam"),
                ("password", PASSWORD),
                ("next", "/entries?kind=diary"),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(signed_in.location(), Some("/entries?kind=diary"));
    // A next pointing at another site is ignored.
    let other = app.browser();
    let reply = other
        .post(
            "/sign-in",
            &[
                ("username", "sam"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(reply.location(), Some("/"));
}

#[test]
fn the_session_cookie_is_private_http_only_and_lax() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    let reply = browser.sign_in("sam", PASSWORD).expect(Status::SeeOther);
    let cookie = reply
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, value)| value.clone())
        .find(|value| value.starts_with("praxis_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    // The cookie is encrypted: the stored session fingerprint is not in it.
    assert!(!cookie.contains("user"), "{cookie}");
}

#[test]
fn sign_out_ends_the_session_and_a_new_sign_in_gets_a_new_id() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let first = browser.cookies();
    browser.post("/sign-out", &[]).expect(Status::SeeOther);
    browser.get("/").expect(Status::SeeOther);
    // The old cookie no longer works either.
    let replay = app.browser();
    replay.adopt(first.clone());
    replay.get("/").expect(Status::SeeOther);
    browser.sign_in("sam", PASSWORD).expect(Status::SeeOther);
    let second = browser.cookies();
    let session = |cookies: &[rocket::http::Cookie<'static>]| {
        cookies
            .iter()
            .find(|c| c.name() == "praxis_session")
            .map(|c| c.value().to_string())
    };
    assert_ne!(session(&first), session(&second));
}

#[test]
fn repeated_failures_are_throttled_even_with_the_right_password() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    for _ in 0..5 {
        browser
            .sign_in("sam", "wrong password!")
            .expect(Status::Unauthorized);
    }
    let refused = browser
        .sign_in("sam", PASSWORD)
        .expect(Status::TooManyRequests);
    assert!(refused.body.contains("try again in"), "{}", refused.body);
    // Someone else is not affected.
    app.user("alex", "practitioner");
    app.browser()
        .sign_in("alex", PASSWORD)
        .expect(Status::SeeOther);
}

#[test]
fn forms_without_a_valid_csrf_token_change_nothing() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let missing = browser.post_raw("/capture", &[("note", "A note".to_string())]);
    assert_eq!(missing.status, Status::Forbidden);
    assert!(missing.body.contains("A note"), "what was typed is kept");
    let forged = browser.post_raw(
        "/capture",
        &[("csrf", "0".repeat(64)), ("note", "A note".to_string())],
    );
    assert_eq!(forged.status, Status::Forbidden);
    let token = app.token("sam");
    let entries = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json();
    assert_eq!(entries["items"].as_array().unwrap().len(), 0);
}

#[test]
fn a_token_from_before_sign_in_is_stale_afterwards() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    let before = browser.csrf();
    browser.sign_in("sam", PASSWORD).expect(Status::SeeOther);
    let stale = browser.post_raw("/capture", &[("csrf", before), ("note", "text".into())]);
    assert_eq!(stale.status, Status::Forbidden);
}

#[test]
fn sessions_and_data_survive_a_restart() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    browser
        .post("/capture", &[("note", "Visited FAM-1 before the restart")])
        .expect(Status::SeeOther);
    let cookies = browser.cookies();
    let app = app.restart();
    let again = app.browser();
    again.adopt(cookies);
    let home = again.get("/").expect(Status::Ok);
    assert!(home.body.contains("Visited FAM-1 before the restart"));
}

#[test]
fn changing_the_password_checks_the_old_one_and_signs_out_elsewhere() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let laptop = app.signed_in("sam");
    let phone = app.signed_in("sam");
    let wrong = laptop.post(
        "/account/password",
        &[
            ("current_password", "nope"),
            ("new_password", "a brand new passphrase"),
        ],
    );
    assert_eq!(wrong.status, Status::UnprocessableEntity);
    assert!(wrong.body.contains("not your current password"));
    laptop
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new passphrase"),
            ],
        )
        .expect(Status::SeeOther);
    laptop.get("/account").expect(Status::Ok);
    phone.get("/account").expect(Status::SeeOther);
    app.browser()
        .sign_in("sam", "a brand new passphrase")
        .expect(Status::SeeOther);
}

#[test]
fn api_tokens_are_issued_listed_and_revoked() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let bad = app.api(
        Method::Post,
        None,
        "/api/v1/tokens",
        Some(serde_json::json!({"username": "sam", "password": "nope"})),
    );
    assert_eq!(bad.status, Status::Unauthorized);
    assert_eq!(bad.header("Content-Type"), Some("application/problem+json"));
    let token = app.token("sam");
    assert!(token.starts_with("prx_"));
    let me = app.get_json(&token, "/api/v1/me").expect(Status::Ok).json();
    assert_eq!(me["username"], "sam");

    let browser = app.signed_in("sam");
    let account = browser.get("/account").expect(Status::Ok);
    assert!(account.body.contains("API token"));
    assert!(
        !account.body.contains(&token),
        "the token itself is never shown again"
    );
    let created = browser
        .post("/account/tokens", &[("name", "phone")])
        .expect(Status::Created);
    assert!(created.body.contains("prx_"));
    let id = regex::Regex::new(r"/account/tokens/(\d+)/revoke")
        .unwrap()
        .captures(&account.body)
        .unwrap()[1]
        .to_string();
    browser
        .post(&format!("/account/tokens/{id}/revoke"), &[])
        .expect(Status::SeeOther);
    app.get_json(&token, "/api/v1/me")
        .expect(Status::Unauthorized);
    app.get_json("prx_made_up", "/api/v1/me")
        .expect(Status::Unauthorized);
}

#[test]
fn tokens_are_stored_only_as_fingerprints() {
    use diesel::prelude::*;
    use praxis::platform::db::schema::api_tokens;
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let mut conn = app.db().conn().unwrap();
    let stored: Vec<String> = api_tokens::table
        .select(api_tokens::token_hash)
        .load(&mut conn)
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    assert!(!stored[0].contains(&token[4..]));
}

#[test]
fn admins_manage_accounts_and_links_and_everything_is_audited() {
    let app = TestApp::new();
    app.user("root", "admin");
    let admin = app.signed_in("root");
    admin
        .post(
            "/admin/users",
            &[
                ("username", "pat"),
                ("display_name", "Pat"),
                ("role", "supervisor"),
                ("password", PASSWORD),
            ],
        )
        .expect(Status::SeeOther);
    admin
        .post(
            "/admin/users",
            &[
                ("username", "sam"),
                ("role", "practitioner"),
                ("password", PASSWORD),
            ],
        )
        .expect(Status::SeeOther);
    let taken = admin.post(
        "/admin/users",
        &[
            ("username", "SAM"),
            ("role", "practitioner"),
            ("password", PASSWORD),
        ],
    );
    assert_eq!(taken.status, Status::UnprocessableEntity);
    assert!(taken.body.contains("already taken"));

    let wrong_kind = admin.post(
        "/admin/links",
        &[
            ("supervisor", "sam"),
            ("supervisee", "pat"),
            ("kind", "line"),
        ],
    );
    assert_eq!(wrong_kind.status, Status::UnprocessableEntity);
    admin
        .post(
            "/admin/links",
            &[
                ("supervisor", "pat"),
                ("supervisee", "sam"),
                ("kind", "line"),
            ],
        )
        .expect(Status::SeeOther);
    assert!(admin.get("/admin/links").body.contains("supervises"));

    let users = admin.get("/admin").body;
    let sam_id = regex::Regex::new(r"/admin/users/(\d+)/disable")
        .unwrap()
        .captures_iter(&users)
        .last()
        .unwrap()[1]
        .to_string();
    let sam = app.signed_in("sam");
    admin
        .post(&format!("/admin/users/{sam_id}/disable"), &[])
        .expect(Status::SeeOther);
    sam.get("/").expect(Status::SeeOther);
    app.browser()
        .sign_in("sam", PASSWORD)
        .expect(Status::Unauthorized);
    admin
        .post(&format!("/admin/users/{sam_id}/enable"), &[])
        .expect(Status::SeeOther);
    admin
        .post(&format!("/admin/users/{sam_id}/reset"), &[])
        .expect(Status::Created);
    app.browser()
        .sign_in("sam", PASSWORD)
        .expect(Status::Unauthorized);

    let audit = admin.get("/admin/audit").expect(Status::Ok).body;
    for action in [
        "user_created",
        "link_created",
        "user_disabled",
        "user_enabled",
        "password_reset",
        "sign_in",
        "sign_in_failed",
    ] {
        assert!(
            audit.contains(action),
            "{action} missing from the audit log"
        );
    }
}

#[test]
fn admin_pages_do_not_exist_for_others() {
    let app = TestApp::new();
    app.user("sam", "supervisor");
    let browser = app.signed_in("sam");
    for path in ["/admin", "/admin/links", "/admin/audit"] {
        browser.get(path).expect(Status::NotFound);
    }
    browser
        .post(
            "/admin/users",
            &[
                ("username", "x1"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        )
        .expect(Status::NotFound);
}
