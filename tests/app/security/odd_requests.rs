//! Odd requests of every kind: each gets a 4xx or a success, never a 500.

use rocket::http::{ContentType, Header, Method, Status};
use serde_json::json;

use crate::common::{Browser, TestApp};

/// Sends a raw form body with a browser's cookies.
fn raw_form(app: &TestApp, browser: &Browser<'_>, path: &str, body: String) -> Status {
    let mut request = app.client.post(path.to_string()).header(ContentType::Form);
    for cookie in browser.cookies() {
        request = request.cookie(cookie);
    }
    request.body(body).dispatch().status()
}

#[test]
fn no_request_a_client_can_send_answers_500() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("root", "admin");
    let ann = app.signed_in("ann");
    let admin = app.signed_in("root");
    let token = app.token("ann");
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "category": "other"}),
    )
    .expect(Status::Created);
    let mut failures = Vec::new();
    let mut check = |what: String, status: Status| {
        if status.code >= 500 {
            failures.push(format!("{what} -> {}", status.code));
        }
    };

    let pages = [
        "/entries/abc",
        "/entries/-1",
        "/entries/0",
        "/entries/2147483648",
        "/entries/99999999999999999999999",
        "/entries/1.5",
        "/entries/%FF",
        "/entries/abc/edit",
        "/entries/-1/revisions",
        "/entries?from=banana&kind=poem",
        "/entries?from=2026-02-30&to=2026-13-01",
        "/entries?from=2026-05-01&to=2026-01-01",
        "/entries?cursor=garbage",
        "/entries?cursor=2026-01-01_99999999999",
        "/entries?cursor=%FF",
        "/entries?view=maybe",
        "/entries?tag=NOPE&case=NOPE",
        "/entries?kind=%FF&tag=%FF&case=%FF",
        "/entries?kind=diary&kind=cpd",
        "/entries/new?kind=poem&model=freestyle",
        "/entries/new?kind=%FF",
        "/cases/%FF",
        "/cases/NOPE",
        "/cases/..",
        "/cases/%2E%2E/edit",
        "/cases/FAM-1/edit?x=%FF",
        "/tags/%FF",
        "/tags/NOPE",
        "/tags?kind=weird&q=%FF",
        "/tags?q=%25%25%25_",
        "/sign-in?next=%FF",
        "/sign-in?next=javascript:alert(1)",
        "/setup?token=%FF",
        "/cpd?year=banana",
        "/bin?page=-1",
        "/account/export?format=pdf",
        "/static/..%2Fsrc%2Fmain.rs",
        "/static/%FF",
        "/nope",
        "/api",
        "/entries/1/2/3",
    ];
    for path in pages {
        check(format!("GET {path} (signed in)"), ann.get(path).status);
        check(
            format!("GET {path} (signed out)"),
            app.browser().get(path).status,
        );
    }
    for path in [
        "/admin?page=-1",
        "/admin/audit?page=-1",
        "/admin/audit?page=banana",
        "/admin/audit?page=9223372036854775807",
        "/admin/audit?page=184467440737095516",
        "/admin/users/999/disable",
    ] {
        check(format!("GET {path} (admin)"), admin.get(path).status);
    }

    let api = [
        "/api/v1/entries/-1",
        "/api/v1/entries/abc",
        "/api/v1/entries/99999999999999999999",
        "/api/v1/entries/%FF",
        "/api/v1/entries?limit=0",
        "/api/v1/entries?limit=100000",
        "/api/v1/entries?limit=-5",
        "/api/v1/entries?limit=abc",
        "/api/v1/entries?limit=99999999999999999999999",
        "/api/v1/entries?shared=maybe",
        "/api/v1/entries?cursor=zzz",
        "/api/v1/entries?cursor=2026-01-01_abc",
        "/api/v1/entries?cursor=9999-99-99_1",
        "/api/v1/entries?cursor=+262143-12-31_1",
        "/api/v1/entries?from=banana&to=%FF",
        "/api/v1/entries?from=+262143-12-31&to=-262143-01-01",
        "/api/v1/entries?kind=poem",
        "/api/v1/entries?tag=nope&case=nope",
        "/api/v1/entries?tag=&tag=&case=",
        "/api/v1/cases?status=weird",
        "/api/v1/cases/%FF",
        "/api/v1/cases/..",
        "/api/v1/tags?kind=x",
        "/api/v1/tags?q=%25%25",
        "/api/v1/export?format=pdf",
        "/api/v1/nope",
        "/api/v2/entries",
        "/api/v1/openapi.json?x=%FF",
    ];
    for path in api {
        check(format!("GET {path}"), app.get_json(&token, path).status);
        check(
            format!("GET {path} (no token)"),
            app.api(Method::Get, None, path, None).status,
        );
    }

    // Wrong methods.
    for (method, path) in [
        (Method::Delete, "/entries/1"),
        (Method::Put, "/cases"),
        (Method::Patch, "/api/v1/entries/1"),
        (Method::Post, "/api/v1/tags"),
        (Method::Delete, "/api/v1/cases/FAM-1"),
        (Method::Put, "/api/v1/entries"),
        (Method::Options, "/api/v1/entries"),
        (Method::Head, "/entries"),
        (Method::Head, "/api/v1/entries"),
    ] {
        check(
            format!("{method} {path}"),
            app.api(method, Some(&token), path, None).status,
        );
    }

    // Odd JSON the API must refuse or accept without falling over.
    for body in [
        json!({"kind": "diary", "body": "x", "occurred_on": "-0001-01-01"}),
        json!({"kind": "diary", "body": "x", "occurred_on": "0000-01-01"}),
        json!({"kind": "diary", "body": "x", "occurred_on": "+262143-12-31"}),
        json!({"kind": "diary", "body": "x", "occurred_at": "23:59:60"}),
        json!({"kind": "diary", "body": "\u{0000}\u{FFFF}"}),
        json!({"kind": "diary", "body": "x", "cases": ["FAM-1", "fam-1", " FAM-1 "]}),
        json!({"kind": "diary", "body": "x", "tags": ["MCA2005", "mca2005"]}),
        json!({"kind": "cpd", "title": "t", "cpd": {"activity_type": "course", "description": "d", "learning": "l", "impact": "i", "hours": -1}}),
        json!({"kind": "cpd", "title": "t", "cpd": {"activity_type": "course", "description": "d", "learning": "l", "impact": "i", "hours": 1e308}}),
        json!({"kind": "reflection", "title": "t", "model": "gibbs", "sections": {"": "x"}}),
        json!({"kind": "diary", "body": "x", "cases": vec!["FAM-1"; 500]}),
        json!(null),
        json!("a string"),
        json!({}),
    ] {
        let status = app
            .post_json(&token, "/api/v1/entries", body.clone())
            .status;
        check(format!("POST /api/v1/entries {body}"), status);
    }
    for body in [
        json!({"reference": "-0001", "category": "other", "opened_on": "-0001-01-01"}),
        json!({"reference": "FAM-1", "category": "other"}),
        json!({"reference": "..", "category": "other"}),
        json!({"reference": "a/b", "category": "other"}),
        json!({"reference": "FAM-2", "category": "other", "status": "closed", "closed_on": "0001-01-01", "opened_on": "0001-01-01"}),
    ] {
        let status = app.post_json(&token, "/api/v1/cases", body.clone()).status;
        check(format!("POST /api/v1/cases {body}"), status);
    }
    // Renaming a case onto another of one's own references.
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-3", "category": "other"}),
    );
    let rename = app.put_json(
        &token,
        "/api/v1/cases/FAM-3",
        json!({"reference": "FAM-1", "category": "other"}),
    );
    check("PUT /api/v1/cases/FAM-3 onto FAM-1".into(), rename.status);
    // Non-UTF-8 bodies.
    let bytes = app
        .client
        .post("/api/v1/entries")
        .header(Header::new("Authorization", format!("Bearer {token}")))
        .header(ContentType::JSON)
        .body(vec![b'{', 0xFF, 0xFE, b'}'])
        .dispatch()
        .status();
    check(
        "POST /api/v1/entries with bytes that are not UTF-8".into(),
        bytes,
    );

    // Pages again, now that odd data may exist.
    for path in [
        "/",
        "/entries",
        "/cases",
        "/cpd",
        "/bin",
        "/tags",
        "/account",
        "/account/export?format=markdown",
    ] {
        check(format!("GET {path} after odd writes"), ann.get(path).status);
    }
    for path in [
        "/api/v1/entries",
        "/api/v1/cases",
        "/api/v1/export?format=json",
        "/api/v1/export?format=markdown",
    ] {
        check(
            format!("GET {path} after odd writes"),
            app.get_json(&token, path).status,
        );
    }

    // Forms with missing, repeated or garbled fields.
    let csrf = ann.csrf();
    let forms = [
        ("/entries", String::new()),
        ("/entries", format!("csrf={csrf}")),
        (
            "/entries",
            format!("csrf={csrf}&kind=cpd&cpd_hours=abc&mood=x"),
        ),
        (
            "/entries",
            format!("csrf={csrf}&kind=reflection&model=gibbs&sections[nope]=x&sections=y"),
        ),
        ("/entries", format!("csrf={csrf}&kind=diary&body=%FF%FE")),
        (
            "/entries",
            format!("csrf={csrf}&kind=diary&body=x&for_supervision=perhaps"),
        ),
        (
            "/entries",
            format!("csrf={csrf}&kind=diary&body=x&confirm_privacy=maybe"),
        ),
        (
            "/entries",
            format!("csrf={csrf}&kind=diary&kind=cpd&body=x"),
        ),
        ("/entries", "%%%%".to_string()),
        ("/entries/abc", format!("csrf={csrf}&kind=diary&body=x")),
        ("/entries/999999", format!("csrf={csrf}&kind=diary&body=x")),
        ("/entries/abc/delete", format!("csrf={csrf}")),
        ("/entries/999999/restore", format!("csrf={csrf}")),
        ("/capture", format!("csrf={csrf}")),
        ("/capture", format!("csrf={csrf}&note=%FF")),
        ("/cases", format!("csrf={csrf}")),
        ("/cases", format!("csrf={csrf}&reference=%FF&category=%FF")),
        ("/cases/NOPE", format!("csrf={csrf}&reference=X")),
        ("/tags", format!("csrf={csrf}")),
        ("/tags", format!("csrf={csrf}&title=%FF")),
        ("/preview", format!("csrf={csrf}")),
        ("/preview", format!("csrf={csrf}&text=%FF")),
        ("/account/password", format!("csrf={csrf}")),
        ("/account/tokens", format!("csrf={csrf}")),
        ("/account/tokens/abc/revoke", format!("csrf={csrf}")),
        ("/account/tokens/999/revoke", format!("csrf={csrf}")),
        ("/sign-out", "csrf=%FF".to_string()),
    ];
    for (path, body) in forms {
        let status = raw_form(&app, &ann, path, body.clone());
        check(format!("POST {path} {body}"), status);
    }
    let admin_csrf = admin.csrf();
    for (path, body) in [
        ("/admin/users", format!("csrf={admin_csrf}")),
        (
            "/admin/users",
            format!("csrf={admin_csrf}&username=%FF&role=%FF&password=%FF"),
        ),
        ("/admin/users/999/disable", format!("csrf={admin_csrf}")),
        ("/admin/users/abc/enable", format!("csrf={admin_csrf}")),
        ("/admin/users/999/reset", format!("csrf={admin_csrf}")),
        ("/admin/users/abc/reset", format!("csrf={admin_csrf}")),
        ("/admin/links", format!("csrf={admin_csrf}")),
        (
            "/admin/links",
            format!("csrf={admin_csrf}&supervisor=root&supervisee=root&kind=line"),
        ),
        ("/admin/links/999/delete", format!("csrf={admin_csrf}")),
    ] {
        let status = raw_form(&app, &admin, path, body.clone());
        check(format!("POST {path} {body} (admin)"), status);
    }
    let signed_out = app.browser();
    for (path, body) in [
        ("/sign-in", String::new()),
        ("/sign-in", "username=%FF&password=%FF".to_string()),
        ("/setup", "token=%FF".to_string()),
        ("/capture", "note=x".to_string()),
    ] {
        check(
            format!("POST {path} {body} (signed out)"),
            raw_form(&app, &signed_out, path, body.clone()),
        );
    }
    // A form sent as JSON, and JSON sent as a form.
    let json_to_form = app
        .client
        .post("/entries")
        .header(ContentType::JSON)
        .body("{}")
        .dispatch()
        .status();
    check("POST /entries as JSON".into(), json_to_form);
    let form_to_api = app
        .client
        .post("/api/v1/entries")
        .header(Header::new("Authorization", format!("Bearer {token}")))
        .header(ContentType::Form)
        .body("kind=diary&body=x")
        .dispatch()
        .status();
    check("POST /api/v1/entries as a form".into(), form_to_api);

    assert!(
        failures.is_empty(),
        "server errors:\n{}",
        failures.join("\n")
    );
}
