//! The calendar feed: created, replaced and revoked from the deadlines page and the API, read
//! without a session, parsed as iCalendar, holding references and kinds only.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regex::Regex;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{days_ago, days_ahead, record, record_on, today, worker, working_days_ago};
use crate::common::{Reply, TestApp};

/// One VEVENT of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FeedEvent {
    summary: String,
    /// DTSTART's value: YYYYMMDD for a day, YYYYMMDDTHHMMSS for a wall-clock time.
    start: String,
}

/// Fetches a feed without any session or token.
fn fetch(app: &TestApp, path: &str) -> Reply {
    app.api(Method::Get, None, path, None)
}

/// Parses a feed with the `ical` crate; its events by UID.
#[track_caller]
fn parse(body: &str) -> BTreeMap<String, FeedEvent> {
    let calendar = crate::nudges_dates::feed_parse::parse(body);
    let version = calendar
        .properties
        .iter()
        .find(|property| property.name == "VERSION");
    assert_eq!(
        version.and_then(|property| property.value.as_deref()),
        Some("2.0")
    );
    let mut events = BTreeMap::new();
    for event in &calendar.events {
        let value = |name: &str| {
            event
                .properties
                .iter()
                .find(|property| property.name == name)
                .and_then(|property| property.value.clone())
                .unwrap_or_else(|| panic!("no {name} in {event:?}"))
        };
        let previous = events.insert(
            value("UID"),
            FeedEvent {
                summary: value("SUMMARY"),
                start: value("DTSTART"),
            },
        );
        assert!(previous.is_none(), "UIDs are unique: {body}");
    }
    events
}

/// Fetches and parses a live feed.
#[track_caller]
fn read(app: &TestApp, path: &str) -> (String, BTreeMap<String, FeedEvent>) {
    let reply = fetch(app, path).expect(Status::Ok);
    assert!(
        reply
            .header("Content-Type")
            .is_some_and(|value| value.starts_with("text/calendar")),
        "{:?}",
        reply.headers
    );
    let events = parse(&reply.body);
    (reply.body, events)
}

fn basic(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// The feed paths in a page.
fn feed_paths(page: &str) -> Vec<String> {
    let pattern = Regex::new(r"/calendar/[0-9a-f]{64}\.ics").unwrap();
    let mut paths: Vec<String> = pattern
        .find_iter(page)
        .map(|found| found.as_str().to_string())
        .collect();
    paths.dedup();
    paths
}

/// The one event whose summary mentions `reference` and `what` and starts on `day`.
#[track_caller]
fn find<'a>(
    events: &'a BTreeMap<String, FeedEvent>,
    reference: &str,
    what: &str,
    day: NaiveDate,
) -> &'a str {
    let found: Vec<&String> = events
        .iter()
        .filter(|(_, event)| {
            event.summary.contains(reference)
                && event.summary.contains(what)
                && event.start.starts_with(&basic(day))
        })
        .map(|(uid, _)| uid)
        .collect();
    assert_eq!(found.len(), 1, "{reference} {what} on {day} in {events:#?}");
    found[0]
}

const MADE_UP: &str =
    "/calendar/00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff.ics";

#[test]
fn the_deadlines_page_makes_replaces_and_stops_a_feed() {
    let app = TestApp::new();
    worker(&app, "sam", &["FAM-1"]);
    let browser = app.signed_in("sam");
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("Create a calendar feed"));
    assert!(feed_paths(&page).is_empty());

    // Not without the form's token.
    let forged = browser.post_raw("/deadlines/feed", &[]);
    assert_eq!(forged.status, Status::Forbidden, "{}", forged.body);
    assert!(feed_paths(&forged.body).is_empty());
    assert!(!browser.get("/deadlines").body.contains("live since"));

    let created = browser.post("/deadlines/feed", &[]).expect(Status::Created);
    let paths = feed_paths(&created.body);
    assert_eq!(paths.len(), 1, "{}", created.body);
    assert_eq!(created.header("Cache-Control"), Some("no-store"));
    let first = paths[0].clone();
    let feed = fetch(&app, &first).expect(Status::Ok);
    assert_eq!(feed.header("Cache-Control"), Some("no-store"));

    // Shown once: later visits say the feed is live but not where.
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(feed_paths(&page).is_empty(), "{page}");
    assert!(page.contains("Your feed has been live since"));
    assert!(page.contains("Stop the feed"));

    // A new address retires the old one.
    let second = feed_paths(
        &browser
            .post("/deadlines/feed", &[])
            .expect(Status::Created)
            .body,
    );
    assert_eq!(second.len(), 1);
    let second = second[0].clone();
    assert_ne!(second, first);
    fetch(&app, &first).expect(Status::NotFound);
    read(&app, &second);

    let forged = browser.post_raw("/deadlines/feed/revoke", &[]);
    assert_eq!(forged.status, Status::Forbidden, "{}", forged.body);
    read(&app, &second);
    let stopped = browser
        .post("/deadlines/feed/revoke", &[])
        .expect(Status::SeeOther);
    assert_eq!(stopped.location(), Some("/deadlines"));
    fetch(&app, &second).expect(Status::NotFound);
    fetch(&app, &first).expect(Status::NotFound);
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(page.contains("Create a calendar feed"));
    assert!(!page.contains("live since"));

    for path in [
        MADE_UP,
        "/calendar/nothing.ics",
        "/calendar/.ics",
        &second.replace(".ics", ""),
    ] {
        fetch(&app, path).expect(Status::NotFound);
    }

    // Without a session there is no feed to make.
    let anonymous = app.browser();
    let refused = anonymous.post("/deadlines/feed", &[]);
    assert_ne!(refused.status, Status::Created);
    assert!(feed_paths(&refused.body).is_empty());
}

#[test]
fn the_api_makes_replaces_and_stops_a_feed() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let created = app
        .api(Method::Post, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::Created);
    let first = created.json()["path"].as_str().unwrap().to_string();
    assert_eq!(feed_paths(&first), vec![first.clone()]);
    assert_eq!(created.location(), Some(first.as_str()));
    read(&app, &first);

    let second = app
        .api(Method::Post, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::Created)
        .json()["path"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(second, first);
    fetch(&app, &first).expect(Status::NotFound);
    read(&app, &second);

    app.api(Method::Delete, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::NoContent);
    fetch(&app, &second).expect(Status::NotFound);
    fetch(&app, MADE_UP).expect(Status::NotFound);
    // Stopping again is harmless.
    app.api(Method::Delete, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::NoContent);

    for method in [Method::Post, Method::Delete] {
        let anonymous = app.api(method, None, "/api/v1/calendar-feed", None);
        assert_eq!(anonymous.status, Status::Unauthorized);
    }
}

#[test]
fn the_feed_holds_open_deadlines_and_scheduled_events_by_reference_and_kind_only() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-2"]);
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "label": "sibling group of three",
               "category": "child_protection", "opened_on": days_ago(800).to_string()}),
    )
    .expect(Status::Created);
    let alex = worker(&app, "alex", &["ALX-1"]);
    record_on(&app, &alex, "ALX-1", "strategy_discussion", days_ago(1));
    record_on(&app, &alex, "ALX-1", "court_hearing", days_ahead(3));

    let discussion = working_days_ago(20);
    record_on(&app, &token, "FAM-1", "strategy_discussion", discussion);
    record(
        &app,
        &token,
        "FAM-1",
        json!({"kind": "court_hearing", "occurred_on": days_ahead(5).to_string(),
               "occurred_at": "10:30"}),
    );
    record(
        &app,
        &token,
        "FAM-2",
        json!({"kind": "custom", "label": "Secret label for the report",
               "due_on": days_ahead(10).to_string()}),
    );
    let entry = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"title": "Visit at home", "body": "Saw the children at the school gates.",
                   "occurred_on": days_ago(2).to_string(), "cases": ["FAM-2"]}),
        )
        .expect(Status::Created)
        .json()["id"]
        .clone();
    record(
        &app,
        &token,
        "FAM-2",
        json!({"kind": "cin_visit", "occurred_on": days_ago(2).to_string(), "entry_id": entry}),
    );
    record_on(&app, &token, "FAM-2", "cin_visit", days_ahead(7));

    let path = app
        .api(Method::Post, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::Created)
        .json()["path"]
        .as_str()
        .unwrap()
        .to_string();
    let (body, feed) = read(&app, &path);

    // One event per open deadline and per scheduled event.
    let open = app
        .get_json(&token, "/api/v1/deadlines")
        .expect(Status::Ok)
        .json();
    let open = open.as_array().unwrap();
    assert_eq!(open.len(), 3, "{open:#?}");
    assert_eq!(feed.len(), open.len() + 2, "{body}");
    for deadline in open {
        let what = match deadline["kind"].as_str().unwrap() {
            "custom" => "Custom deadline",
            _ => deadline["title"].as_str().unwrap(),
        };
        let due: NaiveDate = deadline["due_on"].as_str().unwrap().parse().unwrap();
        find(&feed, deadline["case"].as_str().unwrap(), what, due);
    }
    let hearing = find(&feed, "FAM-1", "Court hearing", days_ahead(5));
    // 10:30 on the London wall clock, named as such (the feed carries the zone's VTIMEZONE).
    assert_eq!(
        feed[hearing].start,
        days_ahead(5).format("%Y%m%dT103000").to_string()
    );
    assert!(body.contains("DTSTART;TZID=Europe/London:"), "{body}");
    find(&feed, "FAM-2", "Child in need visit", days_ahead(7));
    for event in feed.values() {
        assert!(
            event.summary.contains("FAM-1") || event.summary.contains("FAM-2"),
            "{event:?}"
        );
    }

    // Never what a worker wrote: no labels, no entry text, nobody else's cases.
    for private in [
        "Secret label",
        "sibling group",
        "school gates",
        "Visit at home",
        "ALX-1",
    ] {
        assert!(!body.contains(private), "{private} in {body}");
    }
    let (theirs, _) = read(
        &app,
        app.api(Method::Post, Some(&alex), "/api/v1/calendar-feed", None)
            .expect(Status::Created)
            .json()["path"]
            .as_str()
            .unwrap(),
    );
    assert!(theirs.contains("ALX-1"));
    assert!(!theirs.contains("FAM-"), "{theirs}");

    // Stable UIDs: the same on every fetch, and after a change elsewhere.
    assert_eq!(read(&app, &path).1, feed);
    open_case_with_visit(&app, &token);
    let (_, changed) = read(&app, &path);
    assert_eq!(changed.len(), feed.len() + 1);
    for (uid, event) in &feed {
        assert_eq!(changed.get(uid), Some(event), "{uid} kept");
    }

    // A met deadline leaves the feed; the clocks its event starts join it.
    let icpc = find(
        &feed,
        "FAM-1",
        "Initial child protection conference",
        super::after(praxis::deadlines::span::Span::WorkingDays(15), discussion),
    )
    .to_string();
    record_on(&app, &token, "FAM-1", "icpc", today());
    let (_, met) = read(&app, &path);
    assert!(!met.contains_key(&icpc), "{met:#?}");
    assert!(!met.values().any(|event| {
        event
            .summary
            .contains("Initial child protection conference")
    }));
    assert_eq!(met.len(), changed.len() - 1 + 3);
    for (uid, event) in changed.iter().filter(|(uid, _)| **uid != icpc) {
        assert_eq!(met.get(uid), Some(event), "{uid} kept");
    }
}

/// An unrelated change: a new case with a visit.
fn open_case_with_visit(app: &TestApp, token: &str) {
    super::open_case(app, token, "FAM-3");
    let visit: Value = record_on(app, token, "FAM-3", "cin_visit", days_ago(1));
    assert_eq!(visit["kind"], "cin_visit");
}

#[test]
fn a_disabled_accounts_feed_stops_like_its_tokens() {
    let app = TestApp::new();
    let sam = app.user("sam", "practitioner");
    app.user("root", "admin");
    let token = app.token("sam");
    super::open_case(&app, &token, "FAM-1");
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(1));
    let path = app
        .api(Method::Post, Some(&token), "/api/v1/calendar-feed", None)
        .expect(Status::Created)
        .json()["path"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(read(&app, &path).0.contains("FAM-1"));

    app.signed_in("root")
        .post(&format!("/admin/users/{sam}/disable"), &[])
        .expect(Status::SeeOther);
    let refused = app.get_json(&token, "/api/v1/deadlines");
    assert_eq!(refused.status, Status::Unauthorized, "the token stops");
    let feed = fetch(&app, &path);
    assert_eq!(
        feed.status,
        Status::NotFound,
        "the feed stops too: {}",
        feed.body
    );
}
