//! Security headers, script injection through everything a user can type, bad input that
//! changes nothing, and no request a client can send answering 500.

use chrono::Duration;
use diesel::prelude::*;
use rocket::http::{ContentType, Header, Method, Status};
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod client_address;
mod csrf;
mod file_modes;
mod inputs;
mod markup;
mod odd_requests;
mod sign_in_return;

/// The headers every response carries; `Cache-Control` is checked separately.
fn assert_security_headers(reply: &Reply, what: &str) {
    let csp = reply
        .header("Content-Security-Policy")
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find(|part| part.split_whitespace().next() == Some(name))
            .map(str::to_string)
    };
    let scripts = directive("script-src")
        .or_else(|| directive("default-src"))
        .unwrap_or_else(|| panic!("{what}: the CSP does not limit scripts: {csp}"));
    assert!(scripts.contains("'self'"), "{what}: {csp}");
    assert!(!scripts.contains("'unsafe-inline'"), "{what}: {csp}");
    assert!(!scripts.contains("'unsafe-eval'"), "{what}: {csp}");
    assert!(!scripts.contains('*'), "{what}: {csp}");
    assert!(!csp.contains("'unsafe-inline'"), "{what}: {csp}");
    assert_eq!(reply.header("X-Frame-Options"), Some("DENY"), "{what}");
    assert_eq!(
        reply.header("X-Content-Type-Options"),
        Some("nosniff"),
        "{what}"
    );
    let referrer = reply
        .header("Referrer-Policy")
        .unwrap_or_else(|| panic!("{what}: no Referrer-Policy"));
    assert!(
        [
            "no-referrer",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin"
        ]
        .contains(&referrer),
        "{what}: Referrer-Policy {referrer}"
    );
}

fn no_store(reply: &Reply) -> bool {
    reply
        .header("Cache-Control")
        .is_some_and(|value| value.contains("no-store"))
}

#[test]
fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let token = app.token("sam");

    for path in ["/", "/entries", "/cases", "/tags", "/account"] {
        let page = browser.get(path).expect(Status::Ok);
        assert_security_headers(&page, path);
        assert!(no_store(&page), "{path} is a signed-in page");
        // The pages' only script is the app's own file: nothing inline.
        for script in page.body.match_indices("<script") {
            let tag = &page.body[script.0..];
            let tag = &tag[..tag.find('>').unwrap()];
            assert!(
                tag.contains("src=\"/static/"),
                "{path}: inline script {tag}"
            );
        }
    }
    let api = app.get_json(&token, "/api/v1/me").expect(Status::Ok);
    assert_security_headers(&api, "the API");
    assert!(no_store(&api), "API answers hold journal content");
    let problem = app.get_json(&token, "/api/v1/entries/0");
    assert_security_headers(&problem, "an API error");

    let css = browser.get("/static/app.css").expect(Status::Ok);
    assert_security_headers(&css, "a static file");
    assert!(!no_store(&css), "static files may be cached");
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));

    let signed_out = app.browser().get("/sign-in").expect(Status::Ok);
    assert_security_headers(&signed_out, "the sign-in page");
    let missing = browser.get("/no-such-page").expect(Status::NotFound);
    assert_security_headers(&missing, "an error page");
}

/// Counts of every table an entry or case write touches.
fn snapshot(app: &TestApp) -> Vec<i64> {
    use praxis::platform::db::schema::{
        cases, entries, entry_cases, entry_revisions, entry_sections, entry_tags, tags,
    };
    let mut conn = app.db().conn().unwrap();
    let conn = &mut *conn;
    vec![
        entries::table.count().get_result(conn).unwrap(),
        entry_revisions::table.count().get_result(conn).unwrap(),
        entry_sections::table.count().get_result(conn).unwrap(),
        entry_cases::table.count().get_result(conn).unwrap(),
        entry_tags::table.count().get_result(conn).unwrap(),
        cases::table.count().get_result(conn).unwrap(),
        tags::table.count().get_result(conn).unwrap(),
    ]
}

/// Whether a problem document names `field` among its errors.
fn names_field(problem: &Value, field: &str) -> bool {
    problem["errors"]
        .as_array()
        .is_some_and(|errors| errors.iter().any(|error| error["field"] == field))
}

#[test]
fn bad_api_input_gets_a_clear_answer_and_changes_nothing() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "category": "other"}),
    )
    .expect(Status::Created);
    let existing = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": "Kept as it is", "body": "Unchanged.", "cases": ["FAM-1"], "tags": ["MCA2005"]}),
        )
        .expect(Status::Created)
        .json();
    let entry_path = format!("/api/v1/entries/{}", existing["id"]);
    let before = snapshot(&app);

    let long_title = "t".repeat(201);
    let long_title_multibyte = "é".repeat(201);
    let long_body = "b".repeat(100_001);
    let cases: Vec<(String, u16, Option<&str>)> = vec![
        (r#"{"kind": "diary", "body": "#.into(), 400, None),
        ("not json at all".into(), 400, None),
        (r#"{"kind": "diary", "body": "x"} trailing"#.into(), 400, None),
        (r#"{"kind": "diary", "body": "x", "mood": "happy"}"#.into(), 422, Some("mood")),
        (r#"{"kind": "diary", "body": "x", "mood": 9}"#.into(), 422, Some("mood")),
        (r#"{"kind": "diary", "body": "x", "mood": 99999999999}"#.into(), 422, Some("mood")),
        (r#"{"kind": "diary", "body": "x", "cases": "FAM-1"}"#.into(), 422, Some("cases")),
        (r#"{"kind": "diary", "body": "x", "cases": ["NOPE-9"]}"#.into(), 422, Some("cases")),
        (r#"{"kind": "diary", "body": "x", "tags": ["NOT-A-TAG"]}"#.into(), 422, Some("tags")),
        (r#"{"kind": "diary", "body": "x", "occurred_on": "2026-02-30"}"#.into(), 422, Some("occurred_on")),
        (r#"{"kind": "diary", "body": "x", "occurred_on": "30/01/2026"}"#.into(), 422, Some("occurred_on")),
        (r#"{"kind": "diary", "body": "x", "occurred_on": "9999-12-31"}"#.into(), 422, Some("occurred_on")),
        (r#"{"kind": "diary", "body": "x", "occurred_at": "25:61"}"#.into(), 422, Some("occurred_at")),
        (json!({"kind": "diary", "title": long_title, "body": "x"}).to_string(), 422, Some("title")),
        (json!({"kind": "diary", "title": long_title_multibyte, "body": "x"}).to_string(), 422, Some("title")),
        (json!({"kind": "diary", "body": long_body}).to_string(), 422, Some("body")),
        (r#"{"kind": "poem", "body": "x"}"#.into(), 422, Some("kind")),
        (r#"{"kind": "diary", "body": "x", "visibility": "public"}"#.into(), 422, Some("visibility")),
        (r#"{"kind": "diary", "body": "x", "for_supervision": "yes"}"#.into(), 422, Some("for_supervision")),
        (r#"{"kind": "reflection", "title": "t", "model": "gibbs", "sections": {"nonsense": "x"}}"#.into(), 422, Some("sections.nonsense")),
        (r#"{"kind": "diary", "body": "   "}"#.into(), 422, Some("body")),
        // Out of range for any number type: serde reports it as unreadable JSON.
        (r#"{"kind": "cpd", "title": "t", "cpd": {"hours": 1e400}}"#.into(), 400, None),
        (r#"[1, 2, 3]"#.into(), 422, None),
    ];
    for (body, status, field) in &cases {
        for (method, path) in [
            (Method::Post, "/api/v1/entries"),
            (Method::Put, entry_path.as_str()),
        ] {
            let reply = app.api_raw(method, &token, path, body);
            let shown: String = body.chars().take(80).collect();
            assert_eq!(
                reply.status.code, *status,
                "{method} {shown}: {}",
                reply.body
            );
            assert_eq!(
                reply.header("Content-Type"),
                Some("application/problem+json"),
                "{method} {shown}"
            );
            let problem = reply.json();
            assert_eq!(problem["status"], *status);
            assert!(!problem["detail"].as_str().unwrap_or("").is_empty());
            if let Some(field) = field {
                assert!(
                    names_field(&problem, field),
                    "{method} {shown}: {}",
                    reply.body
                );
            }
            assert_eq!(snapshot(&app), before, "{method} {shown} wrote something");
        }
    }

    // More than a mebibyte: refused before it is parsed.
    let huge = json!({"kind": "diary", "body": "x".repeat(1_100_000)}).to_string();
    for (method, path) in [
        (Method::Post, "/api/v1/entries"),
        (Method::Put, entry_path.as_str()),
    ] {
        let reply = app.api_raw(method, &token, path, &huge);
        assert_eq!(reply.status, Status::PayloadTooLarge, "{method}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/problem+json")
        );
    }
    // Not JSON at all.
    let plain = app
        .client
        .post("/api/v1/entries")
        .header(Header::new("Authorization", format!("Bearer {token}")))
        .header(ContentType::Plain)
        .body(r#"{"kind": "diary", "body": "x"}"#)
        .dispatch();
    assert_eq!(plain.status(), Status::BadRequest);
    assert_eq!(snapshot(&app), before);

    let now = app.get_json(&token, &entry_path).expect(Status::Ok).json();
    assert_eq!(now, existing_without_warnings(existing));

    // A bad case changes nothing either.
    for body in [
        json!({"reference": "FAM-2", "category": "burglary"}),
        json!({"reference": "FAM-2", "category": "other", "opened_on": "2026-02-30"}),
        json!({"reference": "", "category": "other"}),
        json!({"reference": "x".repeat(31), "category": "other"}),
        json!({"reference": "FAM-2", "category": "other", "label": "l".repeat(121)}),
    ] {
        let reply = app.post_json(&token, "/api/v1/cases", body.clone());
        assert_eq!(reply.status, Status::UnprocessableEntity, "{body}");
        assert_eq!(snapshot(&app), before, "{body}");
    }
}

/// An entry as a read returns it: the same as when created, with no findings.
fn existing_without_warnings(mut created: Value) -> Value {
    created["privacy_warnings"] = json!([]);
    created
}

#[test]
fn bad_form_input_is_shown_again_and_changes_nothing() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let ann = app.signed_in("ann");
    let before = snapshot(&app);
    let long_title = "t".repeat(201);
    for (path, fields, status, message) in [
        (
            "/entries",
            vec![
                ("kind", "diary"),
                ("title", long_title.as_str()),
                ("body", "x"),
            ],
            422,
            "the most allowed is 200",
        ),
        (
            "/entries",
            vec![("kind", "diary"), ("body", "x"), ("mood", "happy")],
            422,
            "mood from 1 to 5",
        ),
        (
            "/entries",
            vec![
                ("kind", "diary"),
                ("body", "x"),
                ("occurred_on", "2026-02-30"),
            ],
            422,
            "is not a date",
        ),
        (
            "/entries",
            vec![("kind", "diary"), ("body", "x"), ("cases", "NOPE-1")],
            422,
            "NOPE-1",
        ),
        (
            "/entries",
            vec![("kind", "diary"), ("body", "x"), ("tag_codes", "NOT-A-TAG")],
            422,
            "NOT-A-TAG",
        ),
        (
            "/capture",
            vec![("note", "x"), ("occurred_on", "2026-02-30")],
            422,
            "is not a date",
        ),
        (
            "/cases",
            vec![
                ("reference", "FAM-1"),
                ("category", "other"),
                ("opened_on", "2026-02-30"),
            ],
            422,
            "is not a date",
        ),
    ] {
        let reply = ann.post(path, &fields);
        assert_eq!(
            reply.status.code, status,
            "{path} {fields:?}: {}",
            reply.body
        );
        assert!(reply.body.contains(message), "{path} {fields:?}");
        assert_eq!(snapshot(&app), before, "{path} {fields:?} wrote something");
    }
    // Without the CSRF token: refused, and what was typed is shown again.
    let stale = ann.post_raw(
        "/entries",
        &[
            ("kind", "diary".to_string()),
            ("body", "Typed before the token expired".to_string()),
        ],
    );
    assert_eq!(stale.status, Status::Forbidden);
    assert!(stale.body.contains("Typed before the token expired"));
    // A form body over the limit.
    let huge = ann.post("/capture", &[("note", &"x".repeat(600 * 1024))]);
    assert_eq!(huge.status, Status::PayloadTooLarge);
    assert_eq!(snapshot(&app), before);
}

#[test]
fn the_api_without_a_valid_token_answers_401_problems() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let before = snapshot(&app);
    let entry = json!({"kind": "diary", "body": "x"});
    for (method, token, path, body) in [
        (Method::Get, None, "/api/v1/entries", None),
        (Method::Get, None, "/api/v1/me", None),
        (Method::Get, None, "/api/v1/cases", None),
        (Method::Get, None, "/api/v1/tags", None),
        (Method::Get, None, "/api/v1/export?format=json", None),
        (Method::Post, None, "/api/v1/entries", Some(entry.clone())),
        (
            Method::Post,
            Some("prx_not_a_token"),
            "/api/v1/entries",
            Some(entry.clone()),
        ),
        (Method::Get, Some(""), "/api/v1/entries", None),
    ] {
        let reply = app.api(method, token, path, body);
        assert_eq!(reply.status, Status::Unauthorized, "{method} {path}");
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/problem+json")
        );
        assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
        assert_eq!(reply.json()["status"], 401);
    }
    let basic = app
        .client
        .get("/api/v1/entries")
        .header(Header::new("Authorization", "Basic YW5uOnBhc3M="))
        .dispatch();
    assert_eq!(basic.status(), Status::Unauthorized);
    // A signed-in browser's cookies are no key to the API, so other sites cannot post to it
    // on a user's behalf.
    let browser = app.signed_in("ann");
    let mut with_cookies = app
        .client
        .post("/api/v1/entries")
        .header(ContentType::JSON)
        .body(entry.to_string());
    for cookie in browser.cookies() {
        with_cookies = with_cookies.cookie(cookie);
    }
    assert_eq!(with_cookies.dispatch().status(), Status::Unauthorized);
    assert_eq!(snapshot(&app), before);
}

/// Makes every session of `username` look idle for `minutes`.
fn idle_for(app: &TestApp, username: &str, minutes: i64) {
    use praxis::platform::db::schema::{sessions, users};
    let mut conn = app.db().conn().unwrap();
    let user_id: i32 = users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(&mut conn)
        .unwrap();
    let then = praxis::platform::clock::now() - Duration::minutes(minutes);
    diesel::update(sessions::table.filter(sessions::user_id.eq(user_id)))
        .set(sessions::last_seen_at.eq(then))
        .execute(&mut conn)
        .unwrap();
    // Time passing would also age out the app's remembered sign-ins.
    praxis::platform::auth::credential_cache::forget_all();
}

#[test]
fn an_expired_session_sends_the_browser_to_sign_in_and_writes_nothing() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let ann = app.signed_in("ann");
    // Idle, but within the limit: still signed in.
    idle_for(&app, "ann", 50);
    ann.get("/entries").expect(Status::Ok);

    idle_for(&app, "ann", 61);
    let before = snapshot(&app);
    let post = ann.post("/capture", &[("note", "Written after the session expired")]);
    assert_eq!(post.status, Status::SeeOther);
    assert!(
        post.location().is_some_and(|to| to.starts_with("/sign-in")),
        "{post:?}"
    );
    assert_eq!(snapshot(&app), before);

    let again = app.signed_in("ann");
    idle_for(&app, "ann", 90);
    let page = again.get("/entries").expect(Status::SeeOther);
    assert_eq!(page.location(), Some("/sign-in?next=%2Fentries"));
    // The session is over for good, not only for one request.
    idle_for(&app, "ann", 0);
    again.get("/entries").expect(Status::SeeOther);
}
