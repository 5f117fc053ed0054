//! Student placements through their routes: who may see and change a placement (the policy
//! matrix); starting one; counting days with the projection across bank holidays; the coverage
//! matrix and how linking evidence shares an entry; observations by level; signing and locking
//! the learning agreement and the reviews; the portfolio; bad input refused with nothing
//! changed; and comments on evidence. This module holds the shared helpers.
//!
//! "Today" is the real date and the app cannot be told otherwise, so placements start on fixed
//! past dates (around Christmas 2025 and Easter 2026) or relative to today, and every expected
//! projection is worked out here with a working-day calendar of its own.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use praxis::accounts::model::LinkKind;
use regex::Regex;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod agreement;
mod comments;
mod coverage;
mod create;
mod days;
mod input;
mod observations;
mod parties;
mod policy;
mod portfolio;
mod reviews;
mod signing;
mod unlinked;
mod world;

pub(crate) fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

pub(crate) fn days_ago(days: u64) -> NaiveDate {
    today().checked_sub_days(Days::new(days)).unwrap()
}

pub(crate) fn days_ahead(days: u64) -> NaiveDate {
    today().checked_add_days(Days::new(days)).unwrap()
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// England and Wales bank holidays, 2025 to 2030, written out here from the published list
/// (gov.uk) rather than read from the app, so the projection is checked independently.
const BANK_HOLIDAYS: &[(i32, u32, u32)] = &[
    (2025, 1, 1),
    (2025, 4, 18),
    (2025, 4, 21),
    (2025, 5, 5),
    (2025, 5, 26),
    (2025, 8, 25),
    (2025, 12, 25),
    (2025, 12, 26),
    (2026, 1, 1),
    (2026, 4, 3),
    (2026, 4, 6),
    (2026, 5, 4),
    (2026, 5, 25),
    (2026, 8, 31),
    (2026, 12, 25),
    (2026, 12, 28),
    (2027, 1, 1),
    (2027, 3, 26),
    (2027, 3, 29),
    (2027, 5, 3),
    (2027, 5, 31),
    (2027, 8, 30),
    (2027, 12, 27),
    (2027, 12, 28),
    (2028, 1, 3),
    (2028, 4, 14),
    (2028, 4, 17),
    (2028, 5, 1),
    (2028, 5, 29),
    (2028, 8, 28),
    (2028, 12, 25),
    (2028, 12, 26),
    (2029, 1, 1),
    (2029, 3, 30),
    (2029, 4, 2),
    (2029, 5, 7),
    (2029, 5, 28),
    (2029, 8, 27),
    (2029, 12, 25),
    (2029, 12, 26),
    (2030, 1, 1),
    (2030, 4, 19),
    (2030, 4, 22),
    (2030, 5, 6),
    (2030, 5, 27),
    (2030, 8, 26),
    (2030, 12, 25),
    (2030, 12, 26),
];

fn weekday(day: NaiveDate) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A weekday that is not a bank holiday.
pub(crate) fn working(day: NaiveDate) -> bool {
    assert!(day.year() <= 2030, "extend BANK_HOLIDAYS past {day}");
    weekday(day) && !BANK_HOLIDAYS.iter().any(|&(y, m, d)| date(y, m, d) == day)
}

/// The day `n` days counted by `counts` after `start` (start itself never counts).
pub(crate) fn add_counted(start: NaiveDate, n: u32, counts: fn(NaiveDate) -> bool) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap();
        if counts(day) {
            left -= 1;
        }
    }
    day
}

/// The day `n` working days after `start`.
pub(crate) fn add_working_days(start: NaiveDate, n: u32) -> NaiveDate {
    add_counted(start, n, working)
}

/// The day `n` weekdays after `start`, bank holidays counted as working (the wrong answer).
pub(crate) fn add_weekdays(start: NaiveDate, n: u32) -> NaiveDate {
    add_counted(start, n, weekday)
}

/// Working days from `first` to `last`, both included.
pub(crate) fn working_days_from(first: NaiveDate, last: NaiveDate) -> u32 {
    first
        .iter_days()
        .take_while(|day| *day <= last)
        .filter(|day| working(*day))
        .count() as u32
}

/// When a placement will end at the current pace: the days still to do at the pace kept from
/// the start to the last day logged, counted in working days from today.
pub(crate) fn projection(
    done: f64,
    required: f64,
    starts_on: NaiveDate,
    last: NaiveDate,
) -> NaiveDate {
    let pace = done / f64::from(working_days_from(starts_on, last));
    let needed = ((required - done) / pace).ceil() as u32;
    add_working_days(today(), needed)
}

/// The three people of a placement: a student, their practice educator (an `educator` link)
/// and their on-site supervisor (a `line` link).
pub(crate) struct Cast {
    pub(crate) stu: String,
    pub(crate) pe: String,
    pub(crate) lisa: String,
}

/// Makes stu (student), pe (practice educator) and lisa (stu's line supervisor); returns
/// their tokens.
pub(crate) fn cast(app: &TestApp) -> Cast {
    app.user("stu", "student");
    app.user("pe", "practice_educator");
    app.user("lisa", "supervisor");
    app.link("pe", "stu", LinkKind::Educator);
    app.link("lisa", "stu", LinkKind::Line);
    Cast {
        stu: app.token("stu"),
        pe: app.token("pe"),
        lisa: app.token("lisa"),
    }
}

/// A placement with pe as practice educator and lisa on site.
pub(crate) fn body(level: &str, starts_on: NaiveDate, expected_end_on: NaiveDate) -> Value {
    json!({"educator": "pe", "onsite_supervisor": "lisa",
           "setting": "Adult social care", "team": "Hospital discharge", "level": level,
           "starts_on": starts_on.to_string(), "expected_end_on": expected_end_on.to_string()})
}

pub(crate) fn api_path(id: i64) -> String {
    format!("/api/v1/placements/{id}")
}

pub(crate) fn page_path(id: i64) -> String {
    format!("/placements/{id}")
}

pub(crate) fn id(value: &Value) -> i64 {
    value["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("an id in {value}"))
}

/// Starts a placement through the API (201 with its Location); returns its JSON.
#[track_caller]
pub(crate) fn start(app: &TestApp, token: &str, body: Value) -> Value {
    let reply = app
        .post_json(token, "/api/v1/placements", body)
        .expect(Status::Created);
    let placement = reply.json();
    assert_eq!(
        reply.location(),
        Some(api_path(id(&placement)).as_str()),
        "{placement}"
    );
    placement
}

/// The cast's placement of `level` from `starts_on`; returns its id.
#[track_caller]
pub(crate) fn placement(app: &TestApp, cast: &Cast, level: &str, starts_on: NaiveDate) -> i64 {
    let end = starts_on.checked_add_days(Days::new(200)).unwrap();
    id(&start(app, &cast.stu, body(level, starts_on, end)))
}

/// A placement's JSON as `token`'s holder sees it.
#[track_caller]
pub(crate) fn get(app: &TestApp, token: &str, placement: i64) -> Value {
    app.get_json(token, &api_path(placement))
        .expect(Status::Ok)
        .json()
}

/// Logs a worked day (7.5 hours, or 3.5 for a half day); returns it.
#[track_caller]
pub(crate) fn log_day(
    app: &TestApp,
    token: &str,
    placement: i64,
    on: NaiveDate,
    portion: &str,
) -> Value {
    let hours = if portion == "half" { 3.5 } else { 7.5 };
    app.post_json(
        token,
        &format!("{}/days", api_path(placement)),
        json!({"day": on.to_string(), "portion": portion, "hours": hours,
               "activities": "Duty desk and a joint visit."}),
    )
    .expect(Status::Created)
    .json()
}

/// Writes a reflection through the journal API; returns its id.
#[track_caller]
pub(crate) fn entry(
    app: &TestApp,
    token: &str,
    title: &str,
    on: NaiveDate,
    visibility: &str,
) -> i64 {
    id(&app
        .post_json(
            token,
            "/api/v1/entries",
            json!({"kind": "reflection", "title": title, "occurred_on": on.to_string(),
                   "body": format!("What I learned from {title}."), "visibility": visibility}),
        )
        .expect(Status::Created)
        .json())
}

/// Links an entry as evidence of `domains`; returns the entry's links on the placement.
#[track_caller]
pub(crate) fn link(
    app: &TestApp,
    token: &str,
    placement: i64,
    entry: i64,
    domains: &[&str],
    note: &str,
) -> Vec<Value> {
    app.post_json(
        token,
        &format!("{}/evidence", api_path(placement)),
        json!({"entry_id": entry, "domains": domains, "note": note}),
    )
    .expect(Status::Created)
    .json()["evidence"]
        .as_array()
        .expect("the entry's links")
        .clone()
}

/// Records a direct observation; returns it.
#[track_caller]
pub(crate) fn observe(app: &TestApp, token: &str, placement: i64, body: Value) -> Value {
    app.post_json(
        token,
        &format!("{}/observations", api_path(placement)),
        body,
    )
    .expect(Status::Created)
    .json()
}

/// A small observation on `on` of `domains`.
pub(crate) fn observation(on: NaiveDate, domains: &[&str]) -> Value {
    json!({"observed_on": on.to_string(), "observer": "Practice educator",
           "observed": "A first home visit with a duty worker.", "domains": domains})
}

/// A learning agreement with every section written.
pub(crate) fn full_agreement() -> Value {
    json!({"goals": "Lead an assessment from start to finish.",
           "support": "Weekly supervision with the practice educator.",
           "expectations": "Reflections shared before each supervision."})
}

/// Writes the agreement and both sign it: it is locked.
#[track_caller]
pub(crate) fn lock_agreement(app: &TestApp, cast: &Cast, placement: i64) -> Value {
    let path = format!("{}/agreement", api_path(placement));
    app.put_json(&cast.stu, &path, full_agreement())
        .expect(Status::Ok);
    app.sign_as_read(&cast.stu, &format!("{path}/sign"))
        .expect(Status::Ok);
    let locked = app
        .sign_as_read(&cast.pe, &format!("{path}/sign"))
        .expect(Status::Ok)
        .json();
    assert_eq!(locked["locked"], true, "{locked}");
    locked
}

/// A mid-point review with every part it needs.
pub(crate) fn midpoint() -> Value {
    json!({"progress": "Steady progress across domains one to five.",
           "concerns": "Recording is often late.",
           "plan": "Two more observations and a court report."})
}

/// The educator drafts the review of `stage` and both sign it: it is locked.
#[track_caller]
pub(crate) fn lock_review(
    app: &TestApp,
    cast: &Cast,
    placement: i64,
    stage: &str,
    body: Value,
) -> Value {
    let path = format!("{}/reviews/{stage}", api_path(placement));
    app.put_json(&cast.pe, &path, body).expect(Status::Ok);
    app.sign_as_read(&cast.pe, &format!("{path}/sign"))
        .expect(Status::Ok);
    let locked = app
        .sign_as_read(&cast.stu, &format!("{path}/sign"))
        .expect(Status::Ok)
        .json();
    assert_eq!(locked["locked"], true, "{locked}");
    locked
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

/// Text without its tags, entities decoded, runs of white space made one space. Inline tags
/// (`<strong>`, `<a>`...) go without a trace; others leave a space.
pub(crate) fn text(html: &str) -> String {
    let inline = Regex::new(r"</?(?:a|abbr|b|code|em|i|small|span|strong)\b[^>]*>").unwrap();
    let tags = Regex::new(r"(?s)<[^>]*>").unwrap();
    let html = inline.replace_all(html, "");
    tags.replace_all(&html, " ")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
