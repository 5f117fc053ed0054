//! The API's representation of events and deadlines.

use chrono::NaiveDate;
use serde::Serialize;

use super::engine::{CaseEvent, Deadline, DeadlineStatus};
use super::service::CaseDeadline;
use super::store::EventRow;

/// An event as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventJson {
    /// Id.
    pub id: i32,
    /// Kind.
    pub kind: String,
    /// Custom label.
    pub label: Option<String>,
    /// YYYY-MM-DD.
    pub occurred_on: NaiveDate,
    /// HH:MM, if given.
    pub occurred_at: Option<String>,
    /// A custom event's due date.
    pub due_on: Option<NaiveDate>,
    /// The entry it was recorded from.
    pub entry_id: Option<i32>,
}

impl From<&EventRow> for EventJson {
    fn from(event: &EventRow) -> Self {
        Self {
            id: event.id,
            kind: event.kind.clone(),
            label: event.label.clone(),
            occurred_on: event.occurred_on,
            occurred_at: event
                .occurred_at
                .map(|time| time.format("%H:%M").to_string()),
            due_on: event.due_on,
            entry_id: event.entry_id,
        }
    }
}

/// A deadline as the API returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineJson {
    /// The case's reference (in cross-case lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
    /// What is due (`icpc`, `first_core_group`, `cp_visit`...).
    pub kind: String,
    /// Its name for people.
    pub title: String,
    /// YYYY-MM-DD.
    pub due_on: NaiveDate,
    /// The day the rule's span ended on, when that was a weekend, bank holiday or closure and
    /// `due_on` was brought forward to the working day before; otherwise absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brought_forward_from: Option<NaiveDate>,
    /// The rule that sets it.
    pub rule: String,
    /// The event that started the clock.
    pub started_by: CaseEvent,
    /// `due`, `overdue` or `met`.
    pub status: DeadlineStatus,
    /// When it was met.
    pub met_on: Option<NaiveDate>,
    /// Working days after the due day it was met on (0 if met after it on a day off), when
    /// it was met late; otherwise absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_late_by_working_days: Option<u32>,
}

impl DeadlineJson {
    /// A deadline of one case.
    pub fn new(deadline: &Deadline) -> Self {
        Self {
            case: None,
            kind: deadline.kind.clone(),
            title: deadline.title.clone(),
            due_on: deadline.due_on,
            brought_forward_from: deadline.brought_forward_from,
            rule: deadline.rule.clone(),
            started_by: deadline.started_by.clone(),
            status: deadline.status,
            met_on: deadline.met_on,
            met_late_by_working_days: deadline.lateness.map(|late| late.working_days),
        }
    }

    /// A deadline in a list across cases.
    pub fn with_case(item: &CaseDeadline) -> Self {
        Self {
            case: Some(item.reference.clone()),
            ..Self::new(&item.deadline)
        }
    }
}
