//! The feed on the deadlines page: the full subscription address (from the configured public
//! address, or the address the request came in on), how to add it to each calendar, a copy
//! button, and day-before reminders switched on and off without changing the address.

use regex::Regex;
use rocket::http::uri::Host;
use rocket::http::{Header, Method, Status};
use serde_json::json;

use super::feed_parse::{fetch, parse};
use crate::common::TestApp;
use crate::deadlines::{days_ago, record_on, worker};

/// The full feed addresses in a page.
fn addresses(page: &str, site: &str) -> Vec<String> {
    let pattern = Regex::new(&format!(
        "{}/calendar/[0-9a-f]{{64}}\\.ics",
        regex::escape(site)
    ))
    .unwrap();
    let mut found: Vec<String> = pattern
        .find_iter(page)
        .map(|found| found.as_str().to_string())
        .collect();
    found.dedup();
    found
}

/// How many reminders a feed carries.
fn reminders(app: &TestApp, path: &str) -> usize {
    parse(&fetch(app, path))
        .events
        .iter()
        .map(|event| event.alarms.len())
        .sum()
}

#[test]
fn the_page_gives_the_full_address_instructions_and_a_reminder_switch() {
    let app = TestApp::with_config(|config| {
        config.with_setting("public_url", json!("https://praxis.example.org/"))
    });
    let token = worker(&app, "sam", &["FAM-1"]);
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(1));
    let browser = app.signed_in("sam");
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("Remind me the day before"));

    let created = browser
        .post("/deadlines/feed", &[("remind_day_before", "true")])
        .expect(Status::Created)
        .body;
    let found = addresses(&created, "https://praxis.example.org");
    assert_eq!(found.len(), 1, "{created}");
    let address = &found[0];
    assert!(
        created.contains(&format!("value=\"{address}\"")),
        "in a field to copy"
    );
    assert!(created.contains("data-copy=\"feed-address\""));
    assert!(created.contains("<script src=\"/static/copy.js\" defer></script>"));
    assert!(created.contains(&address.replace("https://", "webcal://")));
    for client in ["Outlook", "Google Calendar", "Apple Calendar"] {
        assert!(created.contains(&format!("<dt>{client}</dt>")), "{client}");
    }
    let script = app
        .api(Method::Get, None, "/static/copy.js", None)
        .expect(Status::Ok);
    assert!(script.body.contains("clipboard"));

    let path = address.trim_start_matches("https://praxis.example.org");
    let with_reminders = reminders(&app, path);
    assert!(with_reminders > 0);
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("with a reminder the day before each event"));
    assert!(addresses(&page, "").is_empty(), "the address is shown once");

    // Unticked, the box sends nothing: reminders stop, the address keeps working.
    browser
        .post("/deadlines/feed/reminder", &[])
        .expect(Status::SeeOther);
    assert_eq!(reminders(&app, path), 0);
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("no longer carries reminders"), "{page}");
    assert!(!page.contains("with a reminder the day before"));

    browser
        .post("/deadlines/feed/reminder", &[("remind_day_before", "true")])
        .expect(Status::SeeOther);
    assert_eq!(reminders(&app, path), with_reminders);

    // Not without the form's token, and not without a live feed.
    let forged = browser.post_raw("/deadlines/feed/reminder", &[]);
    assert_eq!(forged.status, Status::Forbidden);
    assert_eq!(reminders(&app, path), with_reminders);
    browser
        .post("/deadlines/feed/revoke", &[])
        .expect(Status::SeeOther);
    browser
        .post("/deadlines/feed/reminder", &[("remind_day_before", "true")])
        .expect(Status::SeeOther);
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("no live feed to change"), "{page}");
    assert!(page.contains("Create a calendar feed"));
}

#[test]
fn without_a_public_address_the_request_host_is_used() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let mut request = app
        .client
        .post("/api/v1/calendar-feed?remind_day_before=true")
        .header(Header::new("Authorization", format!("Bearer {token}")));
    // As a server sets it from the request's Host header.
    request
        .inner_mut()
        .set_host(Host::parse("praxis.test:8443").expect("a host"));
    let reply = request.dispatch();
    assert_eq!(reply.status(), Status::Created);
    let answer: serde_json::Value =
        serde_json::from_str(&reply.into_string().unwrap_or_default()).expect("JSON");
    let path = answer["path"].as_str().expect("a path");
    assert_eq!(
        answer["url"].as_str(),
        Some(format!("http://praxis.test:8443{path}").as_str())
    );
    assert_eq!(answer["remind_day_before"], true);

    let refused = app.api(
        Method::Post,
        Some(&token),
        "/api/v1/calendar-feed?remind_day_before=maybe",
        None,
    );
    assert_eq!(
        refused.status,
        Status::UnprocessableEntity,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("remind_day_before"));
    fetch(&app, path);
}

#[test]
fn a_public_address_that_is_not_a_web_address_stops_start_up() {
    for bad in [
        "praxis.example.org",
        "ftp://example.org",
        "https://example.org/?a=1",
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = praxis::config::Config::new(dir.path())
            .quiet()
            .with_setting("public_url", json!(bad));
        let built = praxis::build(config);
        assert!(built.is_err(), "{bad} accepted");
    }
}
