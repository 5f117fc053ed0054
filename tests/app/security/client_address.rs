//! The client's address comes from the connection; `X-Real-IP` and `X-Forwarded-For` are
//! believed only from a configured proxy. Throttling and the audit log both use it.

use std::net::SocketAddr;

use diesel::prelude::*;
use praxis::platform::db::schema::audit_events;
use rocket::http::{ContentType, Header, Status};
use serde_json::json;

use crate::common::{PASSWORD, TestApp};

fn peer(address: &str) -> SocketAddr {
    format!("{address}:40000")
        .parse()
        .expect("a socket address")
}

/// Asks for a token as `username` from `remote`, with extra headers; returns the status.
fn sign_in_from(
    app: &TestApp,
    remote: &str,
    headers: &[(&'static str, String)],
    username: &str,
    password: &str,
) -> Status {
    let mut request = app
        .client
        .post("/api/v1/tokens")
        .remote(peer(remote))
        .header(ContentType::JSON)
        .body(json!({"username": username, "password": password}).to_string());
    for (name, value) in headers {
        request = request.header(Header::new(*name, value.clone()));
    }
    request.dispatch().status()
}

/// The address the audit log recorded for the latest event of `action`.
fn audited_address(app: &TestApp, action: &str) -> Option<String> {
    let mut conn = app.db().conn().unwrap();
    audit_events::table
        .filter(audit_events::action.eq(action))
        .order(audit_events::id.desc())
        .select(audit_events::ip)
        .first::<Option<String>>(&mut conn)
        .unwrap()
}

/// Sam asks for a token from `remote` with `headers`; returns the address the audit log
/// gave the new token.
fn address_of_new_token(
    app: &TestApp,
    remote: &str,
    headers: &[(&'static str, String)],
) -> Option<String> {
    assert_eq!(
        sign_in_from(app, remote, headers, "sam", PASSWORD),
        Status::Created
    );
    audited_address(app, "token_created")
}

fn throttled_app(trusted: &[&str]) -> TestApp {
    let app = TestApp::with_config(|config| {
        config
            .with_setting("sign_in_attempts", json!(1))
            .with_setting("trusted_proxies", json!(trusted))
    });
    app.user("sam", "practitioner");
    app
}

#[test]
fn a_spoofed_real_ip_does_not_escape_the_per_address_limit() {
    let app = throttled_app(&[]);
    // One username each, so only the address limit (4 with one attempt per username) applies.
    let statuses: Vec<Status> = (0..6)
        .map(|guess| {
            let spoofed = vec![
                ("X-Real-IP", format!("198.51.100.{guess}")),
                ("X-Forwarded-For", format!("192.0.2.{guess}")),
            ];
            sign_in_from(
                &app,
                "203.0.113.9",
                &spoofed,
                &format!("guess{guess}"),
                "wrong",
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            Status::Unauthorized,
            Status::Unauthorized,
            Status::Unauthorized,
            Status::Unauthorized,
            Status::TooManyRequests,
            Status::TooManyRequests
        ]
    );
    assert_eq!(
        audited_address(&app, "sign_in_failed").as_deref(),
        Some("203.0.113.9"),
        "the audit log records the peer, not the header"
    );
    // Someone elsewhere is not locked out by the attacker's forged address either.
    let forged_victim = vec![("X-Real-IP", "203.0.113.9".to_string())];
    assert_eq!(
        address_of_new_token(&app, "198.51.100.20", &forged_victim).as_deref(),
        Some("198.51.100.20")
    );
}

#[test]
fn a_trusted_proxy_is_believed_and_nobody_else() {
    let app = throttled_app(&["127.0.0.1"]);
    // Through the proxy, each client has its own address and its own allowance.
    for guess in 0..6 {
        let forwarded = vec![("X-Forwarded-For", format!("6.6.6.6, 198.51.100.{guess}"))];
        assert_eq!(
            sign_in_from(&app, "127.0.0.1", &forwarded, &format!("guess{guess}"), "x"),
            Status::Unauthorized
        );
        assert_eq!(
            audited_address(&app, "sign_in_failed"),
            Some(format!("198.51.100.{guess}")),
            "the right-most address the proxy did not add"
        );
    }
    let real_ip = vec![("X-Real-IP", "198.51.100.77".to_string())];
    assert_eq!(
        address_of_new_token(&app, "127.0.0.1", &real_ip).as_deref(),
        Some("198.51.100.77")
    );
    // The same header from a peer that is not the proxy is ignored.
    assert_eq!(
        address_of_new_token(&app, "203.0.113.5", &real_ip).as_deref(),
        Some("203.0.113.5")
    );
}

#[test]
fn a_proxy_list_that_is_not_addresses_stops_the_app_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let config = praxis::config::Config::new(dir.path())
        .quiet()
        .with_setting("trusted_proxies", json!(["proxy.local"]));
    match praxis::build(config) {
        Err(error) => assert!(error.to_string().contains("proxy.local"), "{error}"),
        Ok(_) => panic!("a host name was accepted as a proxy address"),
    }
}
