//! Use cases of timescales: recording events on a case, and working out what is due.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::engine::{self, CaseEvent, Deadline, DeadlineStatus};
use super::store::{self, EventRow, NewEvent};
use super::timescales::{CUSTOM, Timescales};
use crate::cases::model::{Case, CaseStatus};
use crate::cases::service as cases;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::input::{check_length, parse_date, parse_time, trimmed};
use crate::platform::privacy;

/// Longest label of a custom event.
pub const MAX_LABEL_CHARS: usize = 120;

/// An event as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct EventDraft {
    /// An event kind from the rules, or `custom`.
    #[serde(default)]
    pub kind: Option<String>,
    /// YYYY-MM-DD; defaults to today.
    #[serde(default)]
    pub occurred_on: Option<String>,
    /// HH:MM, optional.
    #[serde(default)]
    pub occurred_at: Option<String>,
    /// What a custom event is (non-identifying).
    #[serde(default)]
    pub label: Option<String>,
    /// When a custom event's deadline falls.
    #[serde(default)]
    pub due_on: Option<String>,
    /// The journal entry the event was recorded from.
    #[serde(default)]
    pub entry_id: Option<i32>,
}

/// A case with its events (past and scheduled) and deadlines.
#[derive(Debug, Clone)]
pub struct CaseTimeline {
    /// The case.
    pub case: Case,
    /// Its events in date order, scheduled ones included.
    pub events: Vec<EventRow>,
    /// Its deadlines, met ones included, by due date.
    pub deadlines: Vec<Deadline>,
}

/// A deadline with the reference of its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    /// The case's reference.
    pub reference: String,
    /// The deadline.
    pub deadline: Deadline,
}

fn check(
    timescales: &Timescales,
    draft: &EventDraft,
    today: NaiveDate,
) -> Result<NewEvent, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = trimmed(draft.kind.as_deref()).unwrap_or_default();
    let custom = kind == CUSTOM;
    let known = timescales.book.event(&kind);
    if kind.is_empty() {
        errors.add("kind", "Choose what happened.");
    } else if known.is_none() && !custom {
        errors.add(
            "kind",
            format!("Unknown event {kind:?}; use one of the listed kinds or custom."),
        );
    }
    let occurred_on = match trimmed(draft.occurred_on.as_deref()) {
        None => Some(today),
        Some(text) => parse_date("occurred_on", &text, &mut errors),
    };
    if let Some(day) = occurred_on
        && day > today
        && !known.is_some_and(|event| event.future)
    {
        errors.add(
            "occurred_on",
            format!(
                "{} can only be recorded once it has happened; the date is in the future.",
                timescales.event_title(&kind)
            ),
        );
    }
    let occurred_at = trimmed(draft.occurred_at.as_deref())
        .and_then(|text| parse_time("occurred_at", &text, &mut errors));
    let label = trimmed(draft.label.as_deref());
    let due_on =
        trimmed(draft.due_on.as_deref()).and_then(|text| parse_date("due_on", &text, &mut errors));
    if custom {
        match &label {
            None => errors.add(
                "label",
                "Say what the custom event is, e.g. court report filed.",
            ),
            Some(text) => {
                check_length("label", text, MAX_LABEL_CHARS, &mut errors);
                for warning in privacy::scan("label", text) {
                    errors.add(
                        "label",
                        format!(
                            "Remove {} ({:?}); labels appear in calendars.",
                            warning.kind.label(),
                            warning.found
                        ),
                    );
                }
            }
        }
    } else {
        if label.is_some() {
            errors.add("label", "Only custom events have a label.");
        }
        if due_on.is_some() {
            errors.add(
                "due_on",
                "Deadlines for this event come from the timescale rules.",
            );
        }
    }
    match occurred_on {
        Some(occurred_on) if errors.is_empty() => Ok(NewEvent {
            kind,
            label,
            occurred_on,
            occurred_at,
            due_on,
            entry_id: draft.entry_id,
        }),
        _ => Err(errors),
    }
}

/// Checks an event as sent, before its case is looked at (an import's preview uses it).
pub fn check_event(
    timescales: &Timescales,
    draft: &EventDraft,
    today: NaiveDate,
) -> Result<(), FieldErrors> {
    check(timescales, draft, today).map(|_| ())
}

/// An event checked against its case (one of the actor's): the case's id and the event.
fn checked_event(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    reference: &str,
    draft: &EventDraft,
    today: NaiveDate,
) -> AppResult<(i32, NewEvent)> {
    let case = cases::get(conn, actor, reference)?;
    let event = check(timescales, draft, today).map_err(AppError::Invalid)?;
    if case.status == CaseStatus::Closed
        && let Some(closed_on) = case.closed_on
        && event.occurred_on > closed_on
    {
        return Err(AppError::invalid(
            "occurred_on",
            format!("The case closed on {closed_on}; reopen it to record later events."),
        ));
    }
    if event.kind == CUSTOM && event.due_on.is_none() {
        let label = event.label.clone().unwrap_or_default();
        let events = store::for_case(conn, case.id)?;
        let open = engine::deadlines(
            &timescales.book,
            &timescales.calendar,
            &engine_events(&case, &events),
            today,
        )
        .into_iter()
        .any(|deadline| {
            deadline.kind == CUSTOM
                && deadline.status != DeadlineStatus::Met
                && deadline.title.trim().eq_ignore_ascii_case(label.trim())
        });
        if !open {
            return Err(AppError::invalid(
                "due_on",
                "Give the date it is due. (To mark a custom deadline done, use its label exactly.)",
            ));
        }
    }
    if let Some(entry_id) = event.entry_id {
        let own = crate::journal::service::is_own_live_entry(conn, actor, entry_id)?;
        if !own {
            return Err(AppError::invalid(
                "entry_id",
                "There is no such entry of yours.",
            ));
        }
    }
    Ok((case.id, event))
}

/// Records an event on one of the actor's cases.
pub fn record_event(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    reference: &str,
    draft: &EventDraft,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<EventRow> {
    conn.immediate_transaction(|conn| {
        record_imported_event(conn, actor, timescales, reference, draft, today, now)
    })
}

/// Records an event with the same checks inside a transaction the caller holds: an import
/// holds one per file, so a bad file writes nothing.
pub fn record_imported_event(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    reference: &str,
    draft: &EventDraft,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<EventRow> {
    let (case_id, event) = checked_event(conn, actor, timescales, reference, draft, today)?;
    store::insert(conn, case_id, &event, now)
}

/// Removes an event recorded by mistake.
pub fn delete_event(
    conn: &mut DbConnection,
    actor: &Actor,
    reference: &str,
    event_id: i32,
) -> AppResult<()> {
    let case = cases::get(conn, actor, reference)?;
    if store::delete(conn, case.id, event_id)? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The engine's view of a case's events. A closed case's closing counts as a `case_closed`
/// event on its closing day, after that day's other events, whatever was recorded before
/// (stopping a clock twice is harmless).
fn engine_events(case: &Case, events: &[EventRow]) -> Vec<CaseEvent> {
    let mut found: Vec<CaseEvent> = events.iter().map(EventRow::to_engine).collect();
    if case.status == CaseStatus::Closed
        && let Some(closed_on) = case.closed_on
    {
        found.push(CaseEvent {
            id: i32::MAX,
            kind: "case_closed".into(),
            occurred_on: closed_on,
            label: None,
            due_on: None,
        });
    }
    found
}

/// One of the actor's cases with its events and deadlines.
pub fn case_timeline(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    reference: &str,
    today: NaiveDate,
) -> AppResult<CaseTimeline> {
    let case = cases::get(conn, actor, reference)?;
    let events = store::for_case(conn, case.id)?;
    let deadlines = engine::deadlines(
        &timescales.book,
        &timescales.calendar,
        &engine_events(&case, &events),
        today,
    );
    Ok(CaseTimeline {
        case,
        events,
        deadlines,
    })
}

/// Every deadline across one worker's cases, by due date. `open_only` leaves out met ones.
/// For the worker themselves; anyone else receives them through [`super::disclosed`].
pub(super) fn worker_deadlines(
    conn: &mut DbConnection,
    owner_id: i32,
    timescales: &Timescales,
    today: NaiveDate,
    open_only: bool,
) -> AppResult<Vec<CaseDeadline>> {
    let cases = crate::cases::lookup::cases_of_worker(conn, owner_id)?;
    let mut events_by_case: HashMap<i32, Vec<EventRow>> = HashMap::new();
    for event in store::for_owner(conn, owner_id)? {
        events_by_case.entry(event.case_id).or_default().push(event);
    }
    let mut all = Vec::new();
    for case in &cases {
        let events = events_by_case.remove(&case.id).unwrap_or_default();
        for deadline in engine::deadlines(
            &timescales.book,
            &timescales.calendar,
            &engine_events(case, &events),
            today,
        ) {
            if !open_only || deadline.status != DeadlineStatus::Met {
                all.push(CaseDeadline {
                    reference: case.reference.clone(),
                    deadline,
                });
            }
        }
    }
    all.sort_by(|a, b| {
        (a.deadline.due_on, &a.reference, &a.deadline.kind).cmp(&(
            b.deadline.due_on,
            &b.reference,
            &b.deadline.kind,
        ))
    });
    Ok(all)
}

/// The actor's own deadlines.
pub fn my_deadlines(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    today: NaiveDate,
    open_only: bool,
) -> AppResult<Vec<CaseDeadline>> {
    worker_deadlines(conn, actor.user_id, timescales, today, open_only)
}

/// Events scheduled after `today` on a worker's cases, with the case reference.
pub(super) fn scheduled_events(
    conn: &mut DbConnection,
    owner_id: i32,
    today: NaiveDate,
) -> AppResult<Vec<(String, EventRow)>> {
    let references: HashMap<i32, String> = crate::cases::lookup::cases_of_worker(conn, owner_id)?
        .into_iter()
        .map(|case| (case.id, case.reference))
        .collect();
    Ok(store::for_owner(conn, owner_id)?
        .into_iter()
        .filter(|event| event.occurred_on > today)
        .filter_map(|event| references.get(&event.case_id).map(|r| (r.clone(), event)))
        .collect())
}
