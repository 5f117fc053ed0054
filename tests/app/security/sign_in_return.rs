//! Where signing in leads (only to a path on this site) and how long its cookies last (no
//! longer than the browser session, `Secure` when configured).

use rocket::http::Status;
use serde_json::json;

use crate::common::{PASSWORD, Reply, TestApp};

/// Where a correct sign-in with `next` leads.
#[track_caller]
fn lands_on(app: &TestApp, next: &str) -> String {
    let reply = app
        .browser()
        .post(
            "/sign-in",
            &[("username", "sam"), ("password", PASSWORD), ("next", next)],
        )
        .expect(Status::SeeOther);
    reply.location().expect("a redirect").to_string()
}

#[test]
fn a_return_path_with_a_space_lands_on_the_dashboard_not_an_error() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.browser();
    let page = browser.get("/sign-in?next=%2Fa%20b").expect(Status::Ok);
    assert!(
        page.body.contains(r#"name="next" value="/""#),
        "{}",
        page.body
    );
    assert_eq!(lands_on(&app, "/a b"), "/");
}

#[test]
fn only_local_paths_are_followed_after_signing_in() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    for kept in [
        "/entries",
        "/entries/4?tab=history",
        "/search?q=s47%20meeting",
        "/a/b/",
    ] {
        assert_eq!(lands_on(&app, kept), kept);
    }
    // The unit tests of `safe_return_path` enumerate every shape; these go end to end.
    for hostile in [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example/entries",
        "javascript:alert(1)",
        "\t//evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "%2F%2Fevil.example",
        "@evil.example",
        "/ /evil.example",
        "",
    ] {
        let landed = lands_on(&app, hostile);
        assert_eq!(landed, "/", "{hostile:?} led to {landed:?}");
    }
    // A control character is refused like in any other field: no sign-in, no redirect.
    app.browser()
        .post(
            "/sign-in",
            &[
                ("username", "sam"),
                ("password", PASSWORD),
                ("next", "/\u{0}/evil"),
            ],
        )
        .expect(Status::UnprocessableEntity);
}

/// The `Set-Cookie` header of the cookie called `name`.
fn set_cookie<'a>(reply: &'a Reply, name: &str) -> &'a str {
    reply
        .headers
        .iter()
        .find(|(key, value)| {
            key.eq_ignore_ascii_case("Set-Cookie") && value.starts_with(&format!("{name}="))
        })
        .map(|(_, value)| value.as_str())
        .unwrap_or_else(|| panic!("no {name} cookie set: {:?}", reply.headers))
}

fn signed_in_reply(app: &TestApp) -> Reply {
    app.user("sam", "practitioner");
    app.browser()
        .sign_in("sam", PASSWORD)
        .expect(Status::SeeOther)
}

#[test]
fn session_and_form_cookies_last_only_as_long_as_the_browser_session() {
    let app = TestApp::new();
    let reply = signed_in_reply(&app);
    for name in ["praxis_session", "praxis_csrf"] {
        let cookie = set_cookie(&reply, name);
        assert!(
            !cookie.contains("Expires") && !cookie.contains("Max-Age"),
            "{cookie}"
        );
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(
            !cookie.contains("Secure"),
            "not Secure unless configured: {cookie}"
        );
    }
}

#[test]
fn cookies_are_secure_when_configured() {
    let app = TestApp::with_config(|config| config.with_setting("cookie_secure", json!(true)));
    let first_page = app.browser().get("/sign-in").expect(Status::Ok);
    assert!(set_cookie(&first_page, "praxis_csrf").contains("Secure"));
    let reply = signed_in_reply(&app);
    for name in ["praxis_session", "praxis_csrf"] {
        assert!(set_cookie(&reply, name).contains("Secure"), "{name}");
    }
}
