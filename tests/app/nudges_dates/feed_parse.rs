//! Reading a feed with the `ical` crate (one of two independent parsers; `.ci/run` also runs
//! Python's `icalendar` over the feeds these tests write), and writing feeds where that check
//! finds them.

use std::io::BufReader;
use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTimeZoneTransitionType};
use ical::property::Property;
use rocket::http::{Method, Status};

use crate::common::TestApp;

/// Parses a feed that must hold exactly one calendar.
#[track_caller]
pub fn parse(body: &str) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(BufReader::new(body.as_bytes()));
    let calendar = calendars
        .next()
        .expect("a calendar")
        .unwrap_or_else(|error| panic!("not iCalendar ({error}): {body}"));
    assert!(calendars.next().is_none(), "one calendar");
    calendar
}

/// The one property called `name`.
#[track_caller]
pub fn property<'a>(properties: &'a [Property], name: &str) -> &'a Property {
    let found: Vec<&Property> = properties.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "one {name} in {properties:#?}");
    found[0]
}

/// The value of the one property called `name`.
#[track_caller]
pub fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    property(properties, name).value.as_deref().unwrap_or("")
}

/// A parameter of a property, if it has it.
pub fn parameter<'a>(property: &'a Property, name: &str) -> Option<&'a str> {
    property
        .params
        .as_ref()?
        .iter()
        .find(|(key, _)| key == name)
        .and_then(|(_, values)| values.first())
        .map(String::as_str)
}

/// An event's summary.
#[track_caller]
pub fn summary(event: &IcalEvent) -> &str {
    value(&event.properties, "SUMMARY")
}

/// A `YYYYMMDD` value.
#[track_caller]
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y%m%d").unwrap_or_else(|_| panic!("a date: {text}"))
}

/// A `YYYYMMDDTHHMMSS` value (no `Z`).
#[track_caller]
pub fn local_time(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S")
        .unwrap_or_else(|_| panic!("a wall-clock time: {text}"))
}

/// Seconds east of UTC from a `+HHMM` / `-HHMM` value.
#[track_caller]
pub fn offset_seconds(text: &str) -> i32 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits = &text[1..];
    let hours: i32 = digits[0..2].parse().expect("hours");
    let minutes: i32 = digits[2..4].parse().expect("minutes");
    sign * (hours * 3600 + minutes * 60)
}

/// The offset the calendar's VTIMEZONE `zone` gives a wall-clock time, as a client resolves
/// it: the observance with the latest start at or before that time.
#[track_caller]
pub fn resolved_offset(calendar: &IcalCalendar, zone: &str, at: NaiveDateTime) -> i32 {
    let timezone = calendar
        .timezones
        .iter()
        .find(|timezone| value(&timezone.properties, "TZID") == zone)
        .unwrap_or_else(|| panic!("a VTIMEZONE for {zone}"));
    let governing = timezone
        .transitions
        .iter()
        .map(|transition| {
            (
                local_time(value(&transition.properties, "DTSTART")),
                transition,
            )
        })
        .filter(|(starts, _)| *starts <= at)
        .max_by_key(|(starts, _)| *starts)
        .unwrap_or_else(|| panic!("no observance of {zone} covers {at}"));
    let offset = offset_seconds(value(&governing.1.properties, "TZOFFSETTO"));
    let daylight = matches!(governing.1.transition, IcalTimeZoneTransitionType::DAYLIGHT);
    assert_eq!(
        daylight,
        offset != 0,
        "London's summer time is the only non-zero offset"
    );
    offset
}

/// Starts a feed for `token` through the API and returns its path.
#[track_caller]
pub fn start_feed(app: &TestApp, token: &str, query: &str) -> String {
    app.api(
        Method::Post,
        Some(token),
        &format!("/api/v1/calendar-feed{query}"),
        None,
    )
    .expect(Status::Created)
    .json()["path"]
        .as_str()
        .expect("a path")
        .to_string()
}

/// Fetches a feed without a session.
#[track_caller]
pub fn fetch(app: &TestApp, path: &str) -> String {
    app.api(Method::Get, None, path, None)
        .expect(Status::Ok)
        .body
}

/// Keeps a feed where `.ci/feed-check` validates it with a second, independent parser.
pub fn keep_for_second_parser(name: &str, body: &str) {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("feeds");
    std::fs::create_dir_all(&folder).expect("a folder for feeds");
    std::fs::write(folder.join(format!("{name}.ics")), body).expect("the feed written");
}
