use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::england_and_wales()
}

#[test]
fn a_review_due_on_a_saturday_is_brought_forward_to_friday() {
    // An ICPC on Friday 20 November 2026: the review within 3 months ends on Saturday
    // 20 February 2027, so it falls due on Friday 19 February.
    let due = due_after(Span::Months(3), date(2026, 11, 20), &calendar());
    assert_eq!(due.on, date(2027, 2, 19));
    assert_eq!(due.brought_forward_from, Some(date(2027, 2, 20)));
}

#[test]
fn a_span_ending_on_a_bank_holiday_weekend_goes_back_past_both() {
    // 28 December 2026 is the Boxing Day substitute holiday, after a weekend and Christmas:
    // four weeks from 30 November 2026 comes back to Thursday 24 December.
    let due = due_after(Span::Weeks(4), date(2026, 11, 30), &calendar());
    assert_eq!(due.brought_forward_from, Some(date(2026, 12, 28)));
    assert_eq!(due.on, date(2026, 12, 24));
}

#[test]
fn working_days_and_calendar_days_are_never_moved() {
    let saturday = date(2027, 2, 20);
    let calendar = calendar();
    assert_eq!(
        due_after(Span::Days(1), date(2027, 2, 19), &calendar),
        DueDate::exact(saturday)
    );
    let working = due_after(Span::WorkingDays(1), date(2027, 2, 19), &calendar);
    assert_eq!(working, DueDate::exact(date(2027, 2, 22)));
}

#[test]
fn closures_count_as_days_off() {
    let calendar = calendar().with_closures([date(2027, 2, 19)]);
    let due = due_after(Span::Months(3), date(2026, 11, 20), &calendar);
    assert_eq!(due.on, date(2027, 2, 18));
}

#[test]
fn lateness_counts_working_days_after_the_due_day() {
    let calendar = calendar();
    // Due Friday 4 December 2026, met Monday 7th: one working day late.
    let late = Lateness::of(date(2026, 12, 4), date(2026, 12, 7), &calendar).unwrap();
    assert_eq!(late.describe(), "1 working day late");
    let late = Lateness::of(date(2026, 12, 4), date(2026, 12, 9), &calendar).unwrap();
    assert_eq!(late.describe(), "3 working days late");
    // Met on the Saturday after a Friday due day: late, but by no working day.
    let late = Lateness::of(date(2026, 12, 4), date(2026, 12, 5), &calendar).unwrap();
    assert_eq!(late.describe(), "1 day late");
    assert_eq!(
        Lateness::of(date(2026, 12, 4), date(2026, 12, 4), &calendar),
        None
    );
    assert_eq!(
        Lateness::of(date(2026, 12, 4), date(2026, 12, 1), &calendar),
        None
    );
}

fn any_start() -> impl Strategy<Value = NaiveDate> {
    // Inside the shipped bank holiday table's years, and beyond it (weekends only).
    (0i64..(365 * 40)).prop_map(|offset| date(2010, 1, 1) + chrono::Duration::days(offset))
}

fn any_calendar_span() -> impl Strategy<Value = Span> {
    prop_oneof![
        (0u32..60).prop_map(Span::Weeks),
        (0u32..36).prop_map(Span::Months),
        (0u32..5).prop_map(Span::Years),
    ]
}

proptest! {
    #[test]
    fn brought_forward_dates_are_working_days_never_after_the_span(
        start in any_start(),
        span in any_calendar_span(),
    ) {
        let calendar = calendar();
        let unadjusted = span.after(start, &calendar);
        let due = due_after(span, start, &calendar);
        prop_assert!(calendar.is_working_day(due.on), "{due:?}");
        prop_assert!(due.on <= unadjusted);
        match due.brought_forward_from {
            None => prop_assert_eq!(due.on, unadjusted),
            Some(from) => {
                prop_assert_eq!(from, unadjusted);
                prop_assert!(!calendar.is_working_day(from));
                // Nothing between the due day and the span's end is a working day: it is
                // the latest working day that keeps the timescale.
                let mut day = due.on.succ_opt().unwrap();
                while day <= from {
                    prop_assert!(!calendar.is_working_day(day), "{day} skipped");
                    day = day.succ_opt().unwrap();
                }
            }
        }
    }

    #[test]
    fn the_previous_working_day_is_a_weekday_before(day in any_start()) {
        let calendar = calendar();
        let before = previous_working_day(day, &calendar);
        prop_assert!(before < day);
        prop_assert!(!matches!(before.weekday(), Weekday::Sat | Weekday::Sun));
        prop_assert!((day - before).num_days() <= 5, "{day} -> {before}");
    }

    #[test]
    fn lateness_is_none_in_time_and_counts_every_late_working_day(
        due in any_start(),
        after in 0i64..60,
    ) {
        let calendar = calendar();
        let met = due + chrono::Duration::days(after);
        match Lateness::of(due, met, &calendar) {
            None => prop_assert_eq!(after, 0),
            Some(late) => {
                prop_assert_eq!(i64::from(late.days), after);
                prop_assert!(late.working_days <= late.days);
                // Adding back the late working days to the due day reaches the meeting's
                // week, never past the meeting.
                prop_assert!(calendar.add_working_days(due, late.working_days) <= met);
            }
        }
    }
}
