//! The feed as RFC 5545 asks: one-day events end the next day, Praxis is named as producer,
//! timed events are wall-clock times in Europe/London described by a VTIMEZONE that agrees
//! with the time-zone database, and every event is stamped.

use chrono::{Days, Duration, Offset, TimeZone};
use serde_json::json;

use super::feed_parse::{
    fetch, keep_for_second_parser, local_time, parameter, parse, property, resolved_offset,
    start_feed, summary, value,
};
use crate::common::TestApp;
use crate::deadlines::{days_ago, days_ahead, record, record_on, worker};

/// Days ahead and times of scheduled hearings: 90 days apart over 275 days, longer than
/// either summer or winter time lasts, so some fall in each; the last is in another year.
const HEARINGS: [(u64, &str); 5] = [
    (5, "10:30"),
    (95, "09:15"),
    (185, "23:30"),
    (280, "07:00"),
    (400, "14:00"),
];

/// How many deadlines are open for the token's owner.
fn open_deadlines(app: &TestApp, token: &str) -> usize {
    app.get_json(token, "/api/v1/deadlines")
        .expect(rocket::http::Status::Ok)
        .json()
        .as_array()
        .expect("a list")
        .len()
}

/// A case with an open deadline, a custom one with awkward text, and timed events in
/// summer and winter across two years.
fn busy_worker(app: &TestApp) -> String {
    let token = worker(app, "sam", &["FAM-1", "FAM-2"]);
    record_on(app, &token, "FAM-1", "strategy_discussion", days_ago(1));
    record(
        app,
        &token,
        "FAM-2",
        json!({"kind": "custom", "label": "Report, with; commas \\ and more",
               "due_on": days_ahead(9).to_string()}),
    );
    for (days, time) in HEARINGS {
        record(
            app,
            &token,
            "FAM-1",
            json!({"kind": "court_hearing", "occurred_on": days_ahead(days).to_string(),
                   "occurred_at": time}),
        );
    }
    record_on(app, &token, "FAM-2", "cin_visit", days_ahead(30));
    token
}

#[test]
fn one_day_events_end_the_next_day_and_timed_ones_keep_london_time() {
    let app = TestApp::new();
    let token = busy_worker(&app);
    let body = fetch(&app, &start_feed(&app, &token, ""));
    keep_for_second_parser("plain", &body);
    assert!(body.ends_with("END:VCALENDAR\r\n"));
    assert!(body.lines().all(|line| line.len() <= 76), "folded lines");
    let calendar = parse(&body);

    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    let producer = value(&calendar.properties, "PRODID");
    assert!(producer.contains("Praxis"), "{producer}");
    assert_eq!(calendar.timezones.len(), 1);
    assert_eq!(
        value(&calendar.timezones[0].properties, "TZID"),
        "Europe/London"
    );

    let mut all_day = 0;
    let mut timed = Vec::new();
    for event in &calendar.events {
        value(&event.properties, "UID");
        assert!(value(&event.properties, "DTSTAMP").ends_with('Z'));
        assert!(event.alarms.is_empty(), "no reminders unless asked for");
        let start = property(&event.properties, "DTSTART");
        let end = property(&event.properties, "DTEND");
        let start_value = start.value.as_deref().unwrap_or("");
        let end_value = end.value.as_deref().unwrap_or("");
        if parameter(start, "VALUE") == Some("DATE") {
            assert_eq!(parameter(end, "VALUE"), Some("DATE"));
            let day = super::feed_parse::date(start_value);
            assert_eq!(
                super::feed_parse::date(end_value),
                day.checked_add_days(Days::new(1)).unwrap(),
                "{} ends the day after it starts",
                summary(event)
            );
            all_day += 1;
        } else {
            assert_eq!(parameter(start, "TZID"), Some("Europe/London"));
            assert_eq!(parameter(end, "TZID"), Some("Europe/London"));
            let (start, end) = (local_time(start_value), local_time(end_value));
            assert_eq!(end - start, Duration::hours(1));
            timed.push(start);
        }
    }
    // Open deadlines, and the scheduled visit.
    let open = open_deadlines(&app, &token);
    assert!(open >= 2, "the ICPC and the custom deadline at least");
    assert_eq!(all_day, open + 1, "{body}");
    assert!(
        calendar
            .events
            .iter()
            .any(|event| summary(event) == "FAM-2: Custom deadline due"),
        "{body}"
    );
    assert!(!body.contains("commas"), "labels stay out of the feed");

    // Each hearing keeps the time typed, and the VTIMEZONE resolves it to London's offset
    // on that day (BST in summer, GMT in winter) as the time-zone database says.
    timed.sort();
    let typed: Vec<_> = HEARINGS
        .iter()
        .map(|(days, time)| days_ahead(*days).and_time(time.parse().expect("a time")))
        .collect();
    assert_eq!(timed, typed);
    let mut offsets = Vec::new();
    for at in typed {
        let expected = chrono_tz::Europe::London
            .from_local_datetime(&at)
            .earliest()
            .expect("a real London time")
            .offset()
            .fix()
            .local_minus_utc();
        assert_eq!(
            resolved_offset(&calendar, "Europe/London", at),
            expected,
            "{at}"
        );
        offsets.push(expected);
    }
    offsets.sort();
    offsets.dedup();
    assert_eq!(offsets, vec![0, 3600], "hearings in both GMT and BST");
}

#[test]
fn reminders_come_the_day_before_only_when_asked_for() {
    let app = TestApp::new();
    let token = busy_worker(&app);
    let body = fetch(&app, &start_feed(&app, &token, "?remind_day_before=true"));
    keep_for_second_parser("reminders", &body);
    let calendar = parse(&body);
    assert_eq!(
        calendar.events.len(),
        open_deadlines(&app, &token) + 1 + HEARINGS.len(),
        "{body}"
    );
    for event in &calendar.events {
        assert_eq!(event.alarms.len(), 1, "{}", summary(event));
        let alarm = &event.alarms[0].properties;
        assert_eq!(value(alarm, "ACTION"), "DISPLAY");
        assert_eq!(
            value(alarm, "DESCRIPTION"),
            format!("Tomorrow: {}", summary(event))
        );
        let start = property(&event.properties, "DTSTART");
        let trigger = value(alarm, "TRIGGER");
        if parameter(start, "VALUE") == Some("DATE") {
            // From midnight at the start of the day: 09:00 the day before.
            assert_eq!(trigger, "-PT15H");
        } else {
            assert_eq!(trigger, "-P1D");
        }
    }
}
