//! The deadlines of one case, worked out from its events and the timescale rules.
//!
//! Each rule keeps at most one open clock per case. Events are replayed in date order:
//! - events dated after `today` are scheduled, not happened, and work no clocks;
//! - a meeting event meets the open clock (listed as met) and, if the rule repeats, starts the
//!   next one; an event that meets a clock does not also start one, so a child in need visit
//!   both starts the first clock and meets each later one;
//! - otherwise a start event opens the clock, replacing an open one: a second strategy
//!   discussion restarts the ICPC clock, and the superseded clock is not listed;
//! - otherwise a stop event cancels the open clock, which is not listed either.
//!
//! Clocks still open at the end are due, or overdue once their day has passed.
//!
//! Custom events (kind `custom`) carry their own label and due date and are handled here rather
//! than by rules: one with a due date opens a deadline under its label, a later one with the same
//! label (ignoring case) and no due date meets it, and the case closing cancels it.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkingCalendar;
use super::due::{DueDate, Lateness, due_after};
use super::rules::{Rule, RuleBook};
use super::span::Span;

/// The event kind of one-off events with their own label and due date.
const CUSTOM: &str = "custom";
/// Closing the case cancels custom deadlines (rules say so themselves in `stops`).
const CASE_CLOSED: &str = "case_closed";
/// The `rule` text of a custom deadline.
const CUSTOM_RULE: &str = "Custom deadline";

/// An event on a case, as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseEvent {
    /// Row id; orders events on the same day.
    pub id: i32,
    /// Event kind (from the rules, or `custom`).
    pub kind: String,
    /// The day it happened (or, if after today, is scheduled).
    pub occurred_on: NaiveDate,
    /// A custom event's label.
    pub label: Option<String>,
    /// A custom event's due date.
    pub due_on: Option<NaiveDate>,
}

/// Where a deadline stands on the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DeadlineStatus {
    /// Open, and the due day is today or later.
    Due,
    /// Open, and the due day has passed.
    Overdue,
    /// A meeting event has been recorded.
    Met,
}

impl DeadlineStatus {
    /// The wire name (`due`, `overdue`, `met`), also used by templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::Overdue => "overdue",
            Self::Met => "met",
        }
    }
}

/// Something due on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// What is due: the rule's kind (e.g. `icpc`), or `custom`.
    pub kind: String,
    /// The rule's title, or a custom deadline's label.
    pub title: String,
    /// The rule's summary, or "Custom deadline".
    pub rule: String,
    /// The last day it may be met on.
    pub due_on: NaiveDate,
    /// The day the rule's span ended on, when that was not a working day and the due date was
    /// brought forward from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brought_forward_from: Option<NaiveDate>,
    /// The event that started the clock.
    pub started_by: CaseEvent,
    /// The day it was met, if it has been.
    pub met_on: Option<NaiveDate>,
    /// How late it was met, if it was met after its due day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lateness: Option<Lateness>,
    /// Due, overdue or met, relative to the day asked about.
    pub status: DeadlineStatus,
}

/// An open clock of one rule.
struct Clock {
    started_by: CaseEvent,
    due: DueDate,
    /// The first start event of this chain of repeats, which phases count from.
    chain_start: NaiveDate,
}

/// An open custom deadline.
struct CustomClock {
    /// The label folded for matching.
    key: String,
    started_by: CaseEvent,
    due_on: NaiveDate,
}

/// Every deadline the events give rise to, met ones included, ordered by due date then kind.
pub fn deadlines(
    book: &RuleBook,
    calendar: &WorkingCalendar,
    events: &[CaseEvent],
    today: NaiveDate,
) -> Vec<Deadline> {
    let mut happened: Vec<&CaseEvent> = events.iter().filter(|e| e.occurred_on <= today).collect();
    happened.sort_by_key(|e| (e.occurred_on, e.id));

    let mut listed = Vec::new();
    let mut open: Vec<Option<Clock>> = book.rules.iter().map(|_| None).collect();
    let mut custom: Vec<CustomClock> = Vec::new();
    for &event in &happened {
        for (rule, clock) in book.rules.iter().zip(open.iter_mut()) {
            step(rule, clock, event, calendar, &mut listed);
        }
        step_custom(&mut custom, event, calendar, &mut listed);
    }

    let status = |due_on: NaiveDate| {
        if due_on < today {
            DeadlineStatus::Overdue
        } else {
            DeadlineStatus::Due
        }
    };
    for (rule, clock) in book.rules.iter().zip(open) {
        if let Some(clock) = clock {
            listed.push(Deadline {
                kind: rule.kind.clone(),
                title: rule.title.clone(),
                rule: rule.summary.clone(),
                due_on: clock.due.on,
                brought_forward_from: clock.due.brought_forward_from,
                started_by: clock.started_by,
                met_on: None,
                lateness: None,
                status: status(clock.due.on),
            });
        }
    }
    for clock in custom {
        listed.push(custom_deadline(
            clock.started_by,
            clock.due_on,
            None,
            status(clock.due_on),
            calendar,
        ));
    }
    // Stable, so deadlines due the same day of the same kind stay in the order they arose.
    listed.sort_by(|a, b| (a.due_on, &a.kind).cmp(&(b.due_on, &b.kind)));
    listed
}

/// Applies one event to one rule's clock, listing the deadline it meets.
fn step(
    rule: &Rule,
    clock: &mut Option<Clock>,
    event: &CaseEvent,
    calendar: &WorkingCalendar,
    listed: &mut Vec<Deadline>,
) {
    let kind = event.kind.as_str();
    let names = |list: &[String]| list.iter().any(|k| k == kind);
    if names(&rule.met_by)
        && let Some(met) = clock.take()
    {
        let met_on = event.occurred_on;
        if rule.repeat {
            let interval = repeat_interval(rule, met.chain_start, met_on, calendar);
            *clock = Some(Clock {
                started_by: event.clone(),
                due: due_after(interval, met_on, calendar),
                chain_start: met.chain_start,
            });
        }
        listed.push(Deadline {
            kind: rule.kind.clone(),
            title: rule.title.clone(),
            rule: rule.summary.clone(),
            due_on: met.due.on,
            brought_forward_from: met.due.brought_forward_from,
            started_by: met.started_by,
            met_on: Some(met_on),
            lateness: Lateness::of(met.due.on, met_on, calendar),
            status: DeadlineStatus::Met,
        });
    } else if names(&rule.starts) {
        *clock = Some(Clock {
            started_by: event.clone(),
            due: due_after(rule.within, event.occurred_on, calendar),
            chain_start: event.occurred_on,
        });
    } else if names(&rule.stops) {
        *clock = None;
    }
}

/// The interval after a meeting event on `met_on`: the latest phase begun by then, else
/// `then_within`, else `within`.
fn repeat_interval(
    rule: &Rule,
    chain_start: NaiveDate,
    met_on: NaiveDate,
    calendar: &WorkingCalendar,
) -> Span {
    rule.phases
        .iter()
        .map(|phase| (phase.after.after(chain_start, calendar), phase.then_within))
        .filter(|(begins, _)| *begins <= met_on)
        .max_by_key(|(begins, _)| *begins)
        .map(|(_, span)| span)
        .unwrap_or(rule.then_within.unwrap_or(rule.within))
}

/// Applies one event to the open custom deadlines.
fn step_custom(
    open: &mut Vec<CustomClock>,
    event: &CaseEvent,
    calendar: &WorkingCalendar,
    listed: &mut Vec<Deadline>,
) {
    if event.kind == CASE_CLOSED {
        open.clear();
        return;
    }
    if event.kind != CUSTOM {
        return;
    }
    let key = label_key(event);
    let existing = open.iter().position(|clock| clock.key == key);
    match (event.due_on, existing) {
        // Recording the same deadline again reschedules it, as a new start event would.
        (Some(due_on), Some(index)) => {
            open[index] = CustomClock {
                key,
                started_by: event.clone(),
                due_on,
            }
        }
        (Some(due_on), None) => open.push(CustomClock {
            key,
            started_by: event.clone(),
            due_on,
        }),
        (None, Some(index)) => {
            let met = open.remove(index);
            listed.push(custom_deadline(
                met.started_by,
                met.due_on,
                Some(event.occurred_on),
                DeadlineStatus::Met,
                calendar,
            ));
        }
        // A custom event with no due date and nothing to meet is only a note on the case.
        (None, None) => {}
    }
}

/// A custom event's label folded for matching: trimmed, ignoring case.
fn label_key(event: &CaseEvent) -> String {
    event.label.as_deref().unwrap_or("").trim().to_lowercase()
}

/// A custom deadline as listed.
fn custom_deadline(
    started_by: CaseEvent,
    due_on: NaiveDate,
    met_on: Option<NaiveDate>,
    status: DeadlineStatus,
    calendar: &WorkingCalendar,
) -> Deadline {
    let title = match started_by.label.as_deref().map(str::trim) {
        Some(label) if !label.is_empty() => label.to_string(),
        _ => CUSTOM_RULE.to_string(),
    };
    Deadline {
        kind: CUSTOM.to_string(),
        title,
        rule: CUSTOM_RULE.to_string(),
        due_on,
        brought_forward_from: None,
        started_by,
        met_on,
        lateness: met_on.and_then(|met_on| Lateness::of(due_on, met_on, calendar)),
        status,
    }
}

#[cfg(test)]
#[path = "engine/tests.rs"]
mod tests;
#[cfg(test)]
#[path = "engine/zone_tests.rs"]
mod zone_tests;
