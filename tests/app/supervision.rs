//! Supervision through its routes: who may see and change agreements, records and actions;
//! records drafted, signed, locked, amended and commented on; actions and their reviews; due
//! dates from each frequency; the preparation pack; the charts' numbers; bad input refused with
//! nothing changed; records in search; and the pages. This module holds the shared helpers.
//!
//! "Today" is the real date, so every session, entry and action is dated relative to it and
//! every expected date is worked out here, never written down.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use praxis::accounts::model::LinkKind;
use regex::Regex;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod actions;
mod agreement_versions;
mod charts;
mod dating;
mod details;
mod disclosure;
mod draft_versions;
mod findable;
mod input;
mod pack;
mod pages;
mod pairs;
mod policy;
mod records;
mod reviews;
mod schedule;
mod signing;

pub(crate) fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

pub(crate) fn days_ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap()
}

pub(crate) fn days_ahead(days: u64) -> NaiveDate {
    today().checked_add_days(Days::new(days)).unwrap()
}

/// The Monday of the week `day` falls in.
pub(crate) fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap()
}

/// A day as the charts label sessions ("05 Nov").
pub(crate) fn label(day: NaiveDate) -> String {
    day.format("%d %b").to_string()
}

/// A supervisor and a practitioner they line-manage; returns (supervisor's, supervisee's) tokens.
pub(crate) fn pair(app: &TestApp, supervisor: &str, supervisee: &str) -> (String, String) {
    app.user(supervisor, "supervisor");
    app.user(supervisee, "practitioner");
    app.link(supervisor, supervisee, LinkKind::Line);
    (app.token(supervisor), app.token(supervisee))
}

pub(crate) fn pair_path(other: &str) -> String {
    format!("/api/v1/supervision/pairs/{other}")
}

pub(crate) fn session_path(id: i64) -> String {
    format!("/api/v1/supervision/sessions/{id}")
}

/// Writes the pair's agreement (either party may) and returns its JSON.
#[track_caller]
pub(crate) fn agree(
    app: &TestApp,
    token: &str,
    other: &str,
    frequency: &str,
    starts_on: NaiveDate,
) -> Value {
    app.put_json(
        token,
        &format!("{}/agreement", pair_path(other)),
        json!({"frequency": frequency, "starts_on": starts_on.to_string(), "usual_minutes": 90,
               "cancellation": "Rearranged within the week.",
               "supervisor_expectations": "Protect the time.",
               "supervisee_expectations": "Bring an agenda."}),
    )
    .expect(Status::Ok)
    .json()
}

/// A small record held on `on`: an agenda and a wellbeing note.
pub(crate) fn draft(on: NaiveDate) -> Value {
    json!({"held_on": on.to_string(), "duration_minutes": 90, "session_type": "individual",
           "agenda": "Caseload and wellbeing.", "wellbeing": "Managing after a heavy week."})
}

/// An action as a test writes it: description, owner, due date.
pub(crate) type Planned<'a> = (&'a str, &'a str, String);

/// A small record held on `on` with these actions.
pub(crate) fn with_actions(on: NaiveDate, list: &[Planned]) -> Value {
    let mut body = draft(on);
    body["actions"] = list
        .iter()
        .map(|(description, owner, due_on)| {
            json!({"description": description, "owner": owner, "due_on": due_on})
        })
        .collect();
    body
}

/// The action with this description.
#[track_caller]
pub(crate) fn the<'a>(list: &'a [Value], description: &str) -> &'a Value {
    list.iter()
        .find(|action| action["description"] == description)
        .unwrap_or_else(|| panic!("{description} in {list:#?}"))
}

pub(crate) fn action_path(action: &Value) -> String {
    format!("/api/v1/supervision/actions/{}", action["id"])
}

/// Drafts a record through the API (201 with its Location); returns its JSON.
#[track_caller]
pub(crate) fn create(app: &TestApp, token: &str, other: &str, body: Value) -> Value {
    let reply = app
        .post_json(token, &format!("{}/sessions", pair_path(other)), body)
        .expect(Status::Created);
    let record = reply.json();
    assert_eq!(
        reply.location(),
        Some(session_path(id(&record)).as_str()),
        "{record}"
    );
    record
}

/// A record's JSON as `token`'s holder reads it.
#[track_caller]
pub(crate) fn get(app: &TestApp, token: &str, record: i64) -> Value {
    app.get_json(token, &session_path(record))
        .expect(Status::Ok)
        .json()
}

/// Signs a record; returns it.
#[track_caller]
pub(crate) fn sign(app: &TestApp, token: &str, record: i64) -> Value {
    app.sign_as_read(token, &format!("{}/sign", session_path(record)))
        .expect(Status::Ok)
        .json()
}

/// Both sign: the record is locked.
#[track_caller]
pub(crate) fn lock(app: &TestApp, supervisor: &str, supervisee: &str, record: i64) -> Value {
    sign(app, supervisor, record);
    let locked = sign(app, supervisee, record);
    assert_eq!(locked["locked"], true, "{locked}");
    locked
}

pub(crate) fn id(value: &Value) -> i64 {
    value["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("an id in {value}"))
}

/// The pair's records through the API.
#[track_caller]
pub(crate) fn sessions(app: &TestApp, token: &str, other: &str) -> Vec<Value> {
    app.get_json(token, &format!("{}/sessions", pair_path(other)))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of records")
        .clone()
}

/// The pair's actions through the API, in the order listed.
#[track_caller]
pub(crate) fn actions(app: &TestApp, token: &str, other: &str) -> Vec<Value> {
    app.get_json(token, &format!("{}/actions", pair_path(other)))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of actions")
        .clone()
}

/// The descriptions of a list of actions, in order.
pub(crate) fn descriptions(actions: &[Value]) -> Vec<String> {
    actions
        .iter()
        .map(|action| action["description"].as_str().unwrap().to_string())
        .collect()
}

/// The caller's overview line for the pair with `other`.
#[track_caller]
pub(crate) fn overview_line(app: &TestApp, token: &str, other: &str) -> Value {
    let lines = app
        .get_json(token, "/api/v1/supervision")
        .expect(Status::Ok)
        .json();
    lines
        .as_array()
        .expect("a list of pairs")
        .iter()
        .find(|line| {
            let role = line["role"].as_str().unwrap();
            let counterpart = if role == "supervisor" {
                &line["supervisee"]
            } else {
                &line["supervisor"]
            };
            counterpart == other
        })
        .unwrap_or_else(|| panic!("a line for {other} in {lines}"))
        .clone()
}

/// The pair's preparation pack.
#[track_caller]
pub(crate) fn pack(app: &TestApp, token: &str, other: &str) -> Value {
    app.get_json(token, &format!("{}/pack", pair_path(other)))
        .expect(Status::Ok)
        .json()
}

/// Creates a journal entry through the API; returns its id.
#[track_caller]
pub(crate) fn entry(app: &TestApp, token: &str, body: Value) -> i64 {
    id(&app
        .post_json(token, "/api/v1/entries", body)
        .expect(Status::Created)
        .json())
}

/// Opens a child protection case through the API.
#[track_caller]
pub(crate) fn open_case(app: &TestApp, token: &str, reference: &str) {
    app.post_json(
        token,
        "/api/v1/cases",
        json!({"reference": reference, "category": "child_protection",
               "opened_on": days_ago(800).to_string()}),
    )
    .expect(Status::Created);
}

/// The fields a problem response names.
#[track_caller]
pub(crate) fn problem_fields(reply: &Reply) -> Vec<String> {
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/problem+json"),
        "{}",
        reply.body
    );
    reply.json()["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors in {}", reply.body))
        .iter()
        .map(|error| error["field"].as_str().unwrap().to_string())
        .collect()
}

/// Fails unless `reply` is a 422 naming exactly `fields`.
#[track_caller]
pub(crate) fn refused(reply: &Reply, fields: &[&str]) {
    assert_eq!(
        reply.status,
        Status::UnprocessableEntity,
        "expected 422 naming {fields:?}: {}",
        reply.body
    );
    assert_eq!(problem_fields(reply), fields, "{}", reply.body);
}

/// A stored timestamp from the API.
#[track_caller]
pub(crate) fn stamp(value: &Value) -> NaiveDateTime {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a timestamp, not {value}"));
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .unwrap_or_else(|error| panic!("{text}: {error}"))
}

/// A stored (UTC) time as pages and downloads show it: on London's clock, with GMT or BST.
pub(crate) fn in_london(at: NaiveDateTime, format: &str) -> String {
    use chrono::TimeZone;
    chrono_tz::Europe::London
        .from_utc_datetime(&at)
        .format(format)
        .to_string()
}

/// The part of a page from the element labelled by `heading_id` to the end of its section.
#[track_caller]
pub(crate) fn section<'a>(html: &'a str, heading_id: &str) -> &'a str {
    let marker = format!("aria-labelledby=\"{heading_id}\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no section {heading_id} in {html}"));
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

/// The body rows of the first table in `html`, each cell's text.
pub(crate) fn table_rows(html: &str) -> Vec<Vec<String>> {
    let tbody = Regex::new(r"(?s)<tbody>(.*?)</tbody>").unwrap();
    let row = Regex::new(r"(?s)<tr>(.*?)</tr>").unwrap();
    let cell = Regex::new(r"(?s)<td>(.*?)</td>").unwrap();
    let Some(body) = tbody.captures(html) else {
        return Vec::new();
    };
    row.captures_iter(&body[1])
        .map(|tr| {
            cell.captures_iter(&tr[1])
                .map(|td| td[1].trim().to_string())
                .collect()
        })
        .collect()
}

/// The text of the textarea named `name` on a form page.
#[track_caller]
pub(crate) fn textarea(html: &str, name: &str) -> String {
    let pattern = Regex::new(&format!(
        r#"(?s)<textarea id="{name}" name="{name}"[^>]*>(.*?)</textarea>"#
    ))
    .unwrap();
    pattern
        .captures(html)
        .unwrap_or_else(|| panic!("a textarea {name} in {html}"))[1]
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The one `<svg>` element in `html`.
#[track_caller]
pub(crate) fn svg(html: &str) -> &str {
    let start = html.find("<svg").expect("an svg");
    let end = html[start..].find("</svg>").expect("the svg's end") + start + 6;
    &html[start..end]
}

/// Fails unless both replies are the same 404 (status, type and body).
#[track_caller]
pub(crate) fn same_not_found(reply: &Reply, missing: &Reply, what: &str) {
    assert_eq!(reply.status, Status::NotFound, "{what}: {}", reply.body);
    assert_eq!(missing.status, Status::NotFound, "{what}: {}", missing.body);
    assert_eq!(
        reply.header("Content-Type"),
        missing.header("Content-Type"),
        "{what}"
    );
    assert_eq!(reply.body, missing.body, "{what}");
}
