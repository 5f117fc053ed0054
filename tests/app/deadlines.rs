//! Statutory timescales end to end: case events through the API, the deadlines they give rise
//! to, bad input refused with nothing changed, custom deadlines, the pages, the calendar feed
//! and a deployment's own rules and closures.
//!
//! "Today" is the real date, so every event is dated relative to it and every expected due date
//! is worked out here with the shipped calendar and spans, never written down.

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use praxis::deadlines::calendar::WorkingCalendar;
use praxis::deadlines::span::Span;
use praxis::platform::db::schema::case_events;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod clocks;
mod feed;
mod input;
mod local_rules;
mod pages;

pub(crate) fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

pub(crate) fn days_ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap()
}

pub(crate) fn days_ahead(days: u64) -> NaiveDate {
    today().checked_add_days(Days::new(days)).unwrap()
}

/// The shipped England and Wales calendar, no closures.
pub(crate) fn calendar() -> WorkingCalendar {
    WorkingCalendar::england_and_wales()
}

/// The due date `span` after `start` by the shipped calendar (weeks and months ending on a
/// day off fall due on the working day before).
pub(crate) fn after(span: Span, start: NaiveDate) -> NaiveDate {
    praxis::deadlines::due::due_after(span, start, &calendar()).on
}

/// The latest day with `n` working days after it, up to and including today.
pub(crate) fn working_days_ago(n: u32) -> NaiveDate {
    let calendar = calendar();
    let mut day = today();
    while calendar.working_days_between(day, today()) < n {
        day = day.pred_opt().unwrap();
    }
    day
}

/// The status the API should give an open deadline due on `due_on`.
fn open_status(due_on: NaiveDate) -> &'static str {
    if due_on < today() { "overdue" } else { "due" }
}

/// Creates `username` (a practitioner) with an open case for each reference; returns a token.
pub(crate) fn worker(app: &TestApp, username: &str, references: &[&str]) -> String {
    app.user(username, "practitioner");
    let token = app.token(username);
    for reference in references {
        open_case(app, &token, reference);
    }
    token
}

/// Opens a child protection case, opened well before any event the tests record.
pub(crate) fn open_case(app: &TestApp, token: &str, reference: &str) {
    app.post_json(
        token,
        "/api/v1/cases",
        json!({"reference": reference, "category": "child_protection",
               "opened_on": days_ago(800).to_string()}),
    )
    .expect(Status::Created);
}

fn events_path(reference: &str) -> String {
    format!("/api/v1/cases/{reference}/events")
}

/// Records an event through the API and returns its JSON.
#[track_caller]
pub(crate) fn record(app: &TestApp, token: &str, reference: &str, body: Value) -> Value {
    app.post_json(token, &events_path(reference), body)
        .expect(Status::Created)
        .json()
}

/// Records an event of `kind` on `on` and returns its JSON.
#[track_caller]
pub(crate) fn record_on(
    app: &TestApp,
    token: &str,
    reference: &str,
    kind: &str,
    on: NaiveDate,
) -> Value {
    record(
        app,
        token,
        reference,
        json!({"kind": kind, "occurred_on": on.to_string()}),
    )
}

/// A case's events through the API.
#[track_caller]
fn events(app: &TestApp, token: &str, reference: &str) -> Vec<Value> {
    app.get_json(token, &events_path(reference))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of events")
        .clone()
}

/// A case's deadlines (met ones included) through the API.
#[track_caller]
fn deadlines(app: &TestApp, token: &str, reference: &str) -> Vec<Value> {
    app.get_json(token, &format!("/api/v1/cases/{reference}/deadlines"))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of deadlines")
        .clone()
}

/// The kinds of the deadlines that are not met, in the order listed.
fn open_kinds(deadlines: &[Value]) -> Vec<String> {
    deadlines
        .iter()
        .filter(|deadline| deadline["status"] != "met")
        .map(|deadline| deadline["kind"].as_str().unwrap().to_string())
        .collect()
}

/// The one deadline of `kind` whose status is (or, for "open", is not) `status`.
#[track_caller]
fn the<'a>(deadlines: &'a [Value], kind: &str, status: &str) -> &'a Value {
    let found: Vec<&Value> = deadlines
        .iter()
        .filter(|deadline| deadline["kind"] == kind)
        .filter(|deadline| match status {
            "open" => deadline["status"] != "met",
            _ => deadline["status"] == status,
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {status} {kind} deadline in {deadlines:#?}"
    );
    found[0]
}

/// How many events are stored, on every case of every user.
fn stored_events(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().unwrap();
    case_events::table.count().get_result(&mut conn).unwrap()
}

/// The fields a problem response names.
#[track_caller]
fn problem_fields(reply: &Reply) -> Vec<String> {
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/problem+json"),
        "{}",
        reply.body
    );
    reply.json()["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|error| error["field"].as_str().unwrap().to_string())
        .collect()
}

/// Fails unless both replies are the same 404 (status, type and body).
#[track_caller]
fn same_not_found(reply: &Reply, missing: &Reply) {
    assert_eq!(reply.status, Status::NotFound, "{}", reply.body);
    assert_eq!(missing.status, Status::NotFound, "{}", missing.body);
    assert_eq!(reply.header("Content-Type"), missing.header("Content-Type"));
    assert_eq!(reply.body, missing.body);
}

#[test]
fn recording_an_event_answers_201_with_its_location_and_every_field() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let on = days_ago(3);
    let reply = app
        .post_json(
            &token,
            "/api/v1/cases/FAM-1/events",
            json!({"kind": "strategy_discussion", "occurred_on": on.to_string(),
                   "occurred_at": "09:30"}),
        )
        .expect(Status::Created);
    let event = reply.json();
    let id = event["id"].as_i64().expect("a numeric id");
    assert_eq!(
        reply.location(),
        Some(format!("/api/v1/cases/FAM-1/events/{id}").as_str())
    );
    assert_eq!(
        event,
        json!({"id": id, "kind": "strategy_discussion", "label": null,
               "occurred_on": on.to_string(), "occurred_at": "09:30", "due_on": null,
               "entry_id": null})
    );
    assert_eq!(events(&app, &token, "FAM-1"), vec![event.clone()]);

    // Without a date it happened today.
    let now = record(&app, &token, "FAM-1", json!({"kind": "s47_started"}));
    assert_eq!(now["occurred_on"], today().to_string());
    assert_eq!(now["occurred_at"], Value::Null);

    // The location is the event's address: deleting there removes it.
    app.api(
        Method::Delete,
        Some(&token),
        reply.location().unwrap(),
        None,
    )
    .expect(Status::NoContent);
    assert_eq!(events(&app, &token, "FAM-1"), vec![now]);
}

#[test]
fn events_are_listed_in_date_order_and_deleted_one_at_a_time() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1", "FAM-2"]);
    // Recorded out of date order; two on the same day keep the order they were recorded in.
    let icpc = record_on(&app, &token, "FAM-1", "icpc", days_ago(10));
    let discussion = record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(20));
    let hearing = record_on(&app, &token, "FAM-1", "court_hearing", days_ahead(30));
    let visit = record_on(&app, &token, "FAM-1", "cp_visit", days_ago(10));
    let elsewhere = record_on(&app, &token, "FAM-2", "cin_visit", days_ago(15));

    let ids = |list: Vec<Value>| -> Vec<Value> { list.iter().map(|e| e["id"].clone()).collect() };
    assert_eq!(
        ids(events(&app, &token, "FAM-1")),
        vec![
            discussion["id"].clone(),
            icpc["id"].clone(),
            visit["id"].clone(),
            hearing["id"].clone()
        ]
    );
    assert_eq!(
        ids(events(&app, &token, "FAM-2")),
        vec![elsewhere["id"].clone()]
    );

    app.api(
        Method::Delete,
        Some(&token),
        &format!("/api/v1/cases/FAM-1/events/{}", icpc["id"]),
        None,
    )
    .expect(Status::NoContent);
    assert_eq!(
        ids(events(&app, &token, "FAM-1")),
        vec![
            discussion["id"].clone(),
            visit["id"].clone(),
            hearing["id"].clone()
        ]
    );
    // Removing the ICPC undoes what it did: the ICPC is due again and its clocks are gone.
    assert_eq!(open_kinds(&deadlines(&app, &token, "FAM-1")), vec!["icpc"]);

    // Gone is gone; an event of another case is not this case's to delete.
    for path in [
        format!("/api/v1/cases/FAM-1/events/{}", icpc["id"]),
        format!("/api/v1/cases/FAM-1/events/{}", elsewhere["id"]),
    ] {
        app.api(Method::Delete, Some(&token), &path, None)
            .expect(Status::NotFound);
    }
    assert_eq!(stored_events(&app), 4);
}

#[test]
fn another_workers_cases_and_events_answer_404_like_missing_ones() {
    let app = TestApp::new();
    let sam = worker(&app, "sam", &["FAM-1"]);
    // Alex has a case with the same reference as Sam's, and one of her own.
    let alex = worker(&app, "alex", &["FAM-1", "ALX-1"]);
    let hers = record_on(&app, &alex, "ALX-1", "strategy_discussion", days_ago(2));
    let same_name = record_on(&app, &alex, "FAM-1", "strategy_discussion", days_ago(2));
    let mine = record_on(&app, &sam, "FAM-1", "cin_visit", days_ago(1));
    assert_eq!(events(&app, &sam, "FAM-1"), vec![mine.clone()]);
    assert_eq!(
        open_kinds(&deadlines(&app, &sam, "FAM-1")),
        vec!["cin_visit"]
    );
    let before = stored_events(&app);

    for (path, missing) in [
        ("/api/v1/cases/ALX-1/events", "/api/v1/cases/NOPE-1/events"),
        (
            "/api/v1/cases/ALX-1/deadlines",
            "/api/v1/cases/NOPE-1/deadlines",
        ),
    ] {
        same_not_found(&app.get_json(&sam, path), &app.get_json(&sam, missing));
    }
    let body = json!({"kind": "icpc", "occurred_on": days_ago(1).to_string()});
    same_not_found(
        &app.post_json(&sam, "/api/v1/cases/ALX-1/events", body.clone()),
        &app.post_json(&sam, "/api/v1/cases/NOPE-1/events", body),
    );
    let delete = |path: String| app.api(Method::Delete, Some(&sam), &path, None);
    let missing = delete("/api/v1/cases/FAM-1/events/999999".to_string());
    for path in [
        format!("/api/v1/cases/ALX-1/events/{}", hers["id"]),
        // Through Sam's own case of the same reference.
        format!("/api/v1/cases/FAM-1/events/{}", same_name["id"]),
        format!("/api/v1/cases/FAM-1/events/{}", hers["id"]),
        format!("/api/v1/cases/NOPE-1/events/{}", mine["id"]),
    ] {
        same_not_found(&delete(path), &missing);
    }

    assert_eq!(stored_events(&app), before, "nothing changed");
    assert_eq!(events(&app, &alex, "ALX-1"), vec![hers]);
    assert_eq!(events(&app, &alex, "FAM-1"), vec![same_name]);
    assert_eq!(open_kinds(&deadlines(&app, &alex, "FAM-1")), vec!["icpc"]);

    // Without a token there is nothing at all.
    let anonymous = app.api(Method::Get, None, "/api/v1/cases/FAM-1/deadlines", None);
    assert_eq!(anonymous.status, Status::Unauthorized);
    let anonymous = app.api(Method::Get, None, "/api/v1/deadlines", None);
    assert_eq!(anonymous.status, Status::Unauthorized);
}
