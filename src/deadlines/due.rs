//! Due dates as a worker can act on them: a timescale counted in weeks, months or years that
//! ends on a weekend, bank holiday or closure is brought forward to the working day before,
//! because nobody can hold a review conference on a Saturday and "within 3 months" is still
//! met on the Friday; and a deadline met after its day says by how much.
//!
//! Working-day timescales already end on a working day, and calendar-day ones ("10 days") are
//! kept as counted: the rules that use them are about visits, which happen on any day.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::calendar::WorkingCalendar;
use super::span::Span;

/// A due date, and the day the rule's span ended on when that was not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueDate {
    /// The last day it may be met on.
    pub on: NaiveDate,
    /// The day the span itself ended on, when the due date was brought forward from it.
    pub brought_forward_from: Option<NaiveDate>,
}

impl DueDate {
    /// A due date kept as given (custom deadlines, working-day spans).
    pub fn exact(on: NaiveDate) -> Self {
        Self {
            on,
            brought_forward_from: None,
        }
    }
}

/// The due date `span` after `start`: weeks, months and years ending on a day that is not a
/// working day are brought forward to the working day before.
pub fn due_after(span: Span, start: NaiveDate, calendar: &WorkingCalendar) -> DueDate {
    let end = span.after(start, calendar);
    match span {
        Span::Weeks(_) | Span::Months(_) | Span::Years(_) if !calendar.is_working_day(end) => {
            DueDate {
                on: previous_working_day(end, calendar),
                brought_forward_from: Some(end),
            }
        }
        _ => DueDate::exact(end),
    }
}

/// The last working day before `day`; a run of non-working days is never more than a few
/// weeks (Christmas closures), so the walk is short.
pub fn previous_working_day(day: NaiveDate, calendar: &WorkingCalendar) -> NaiveDate {
    let mut candidate = day;
    while let Some(before) = candidate.checked_sub_days(Days::new(1)) {
        candidate = before;
        if calendar.is_working_day(candidate) {
            return candidate;
        }
    }
    day
}

/// How late a deadline was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lateness {
    /// Working days after the due day up to and including the day it was met.
    pub working_days: u32,
    /// Calendar days after the due day.
    pub days: u32,
}

impl Lateness {
    /// How late a deadline due `due_on` and met `met_on` was; `None` when met in time.
    pub fn of(due_on: NaiveDate, met_on: NaiveDate, calendar: &WorkingCalendar) -> Option<Self> {
        (met_on > due_on).then(|| Self {
            working_days: calendar.working_days_between(due_on, met_on),
            days: u32::try_from((met_on - due_on).num_days()).unwrap_or(u32::MAX),
        })
    }

    /// "3 working days late", or, when it was met on a weekend or holiday straight after the
    /// due day, "1 day late".
    pub fn describe(&self) -> String {
        let (count, unit) = if self.working_days > 0 {
            (self.working_days, "working day")
        } else {
            (self.days, "day")
        };
        let plural = if count == 1 { "" } else { "s" };
        format!("{count} {unit}{plural} late")
    }
}

#[cfg(test)]
#[path = "due/tests.rs"]
mod tests;
