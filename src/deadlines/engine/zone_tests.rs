//! Deadlines on the day the service's zone says it is: "today" taken in Europe/London at
//! moments near midnight and across the changes to and from British Summer Time.

use chrono::NaiveDateTime;

use super::*;
use crate::platform::clock::today_in;

const LONDON: chrono_tz::Tz = chrono_tz::Europe::London;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn utc(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// A custom deadline set on `set_on` and due on `due_on`, as it stands at the UTC moment `at`.
fn status_at(set_on: &str, due_on: &str, at: &str) -> DeadlineStatus {
    let event = CaseEvent {
        id: 1,
        kind: CUSTOM.to_string(),
        occurred_on: day(set_on),
        label: Some("Report to panel".to_string()),
        due_on: Some(day(due_on)),
    };
    let today = today_in(LONDON, utc(at));
    let found = deadlines(
        &RuleBook::shipped(),
        &WorkingCalendar::england_and_wales(),
        &[event],
        today,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].status
}

#[test]
fn a_deadline_passes_at_london_midnight_across_both_clock_changes() {
    use DeadlineStatus::{Due, Overdue};
    // (set on, due on, the UTC moment asked about, the status then)
    let cases = [
        // The night before summer time, on GMT, midnight in London is midnight UTC.
        ("2026-03-20", "2026-03-28", "2026-03-28 23:30", Due),
        // 29 March 2026: clocks go forward at 01:00 UTC. 22:30 UTC is 23:30 BST, still the
        // 29th; 23:30 UTC is 00:30 BST on the 30th, so a deadline due on the 29th has passed.
        ("2026-03-20", "2026-03-29", "2026-03-29 22:30", Due),
        ("2026-03-20", "2026-03-29", "2026-03-29 23:30", Overdue),
        // 24 October 2026 is still BST: 23:30 UTC is already the 25th in London.
        ("2026-10-01", "2026-10-24", "2026-10-24 22:30", Due),
        ("2026-10-01", "2026-10-24", "2026-10-24 23:30", Overdue),
        // After the clocks go back at 01:00 UTC on the 25th, 23:30 UTC is 23:30 GMT, the 25th.
        ("2026-10-01", "2026-10-25", "2026-10-25 23:30", Due),
    ];
    for (set_on, due_on, at, expected) in cases {
        assert_eq!(
            status_at(set_on, due_on, at),
            expected,
            "due {due_on}, asked at {at} UTC"
        );
    }
}

#[test]
fn a_clock_started_late_on_a_summer_evening_counts_from_the_london_day() {
    // A strategy discussion recorded "today" at 23:30 UTC on 14 July happened on 15 July in
    // London, and the initial conference is counted from that day.
    let today = today_in(LONDON, utc("2026-07-14 23:30"));
    assert_eq!(today, day("2026-07-15"));
    let event = CaseEvent {
        id: 1,
        kind: "strategy_discussion".to_string(),
        occurred_on: today,
        label: None,
        due_on: None,
    };
    let calendar = WorkingCalendar::england_and_wales();
    let found = deadlines(
        &RuleBook::shipped(),
        &calendar,
        std::slice::from_ref(&event),
        today,
    );
    let icpc = found
        .iter()
        .find(|d| d.kind == "icpc")
        .expect("an ICPC clock");
    // 15 working days from Wednesday 15 July 2026 (no bank holiday between): 5 August.
    assert_eq!(icpc.due_on, day("2026-08-05"));
    assert_eq!(icpc.status, DeadlineStatus::Due);
    let from_utc_day = CaseEvent {
        occurred_on: day("2026-07-14"),
        ..event
    };
    let earlier = deadlines(&RuleBook::shipped(), &calendar, &[from_utc_day], today);
    assert_ne!(
        earlier.iter().find(|d| d.kind == "icpc").map(|d| d.due_on),
        Some(icpc.due_on)
    );
}
