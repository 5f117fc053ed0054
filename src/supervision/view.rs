//! A session record with everything that hangs off it, as readers see it.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::model::{
    ActionRow, ActionStatus, Amendment as AmendmentRow, CaseDiscussion, Comment, Function,
    ReviewOutcome, SessionRow, functions_from_text,
};
use super::pair::{Pair, named, parties_of};
use super::store;
use crate::accounts::directory;
use crate::error::AppResult;
use crate::platform::policy::SupervisionCapabilities;
use crate::platform::signing::Amendment;

/// An action with its owner's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionView {
    /// Id.
    pub id: i32,
    /// The session it was agreed in.
    pub session_id: i32,
    /// What.
    pub description: String,
    /// Owner's username.
    pub owner: String,
    /// Owner's name.
    pub owner_name: String,
    /// By when.
    pub due_on: NaiveDate,
    /// `open`, `done`, `dropped`.
    pub status: ActionStatus,
    /// Why dropped, or a note.
    pub status_reason: Option<String>,
    /// When done.
    pub completed_on: Option<NaiveDate>,
    /// Open and past due.
    pub overdue: bool,
}

/// How this record reviewed an earlier action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewView {
    /// The action.
    pub action: ActionView,
    /// Carried forward, done or dropped.
    pub outcome: ReviewOutcome,
    /// Why.
    pub reason: String,
}

/// A comment with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentView {
    /// Text.
    pub body: String,
    /// Notes disagreement with the record.
    pub disagrees: bool,
    /// Who.
    pub author_name: String,
    /// When.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

/// A record with its parts.
#[derive(Debug, Clone)]
pub struct SessionView {
    /// The record's own row (the text as signed).
    pub row: SessionRow,
    /// The pair.
    pub pair: Pair,
    /// Cases discussed.
    pub cases: Vec<CaseDiscussion>,
    /// Actions agreed in this record.
    pub actions: Vec<ActionView>,
    /// Earlier actions reviewed.
    pub reviews: Vec<ReviewView>,
    /// Changes after signing, oldest first.
    pub amendments: Vec<Amendment>,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
    /// What the viewer may do with it: draft, sign, comment, amend.
    pub capabilities: SupervisionCapabilities,
}

impl SessionView {
    /// A part's text as it now stands: the latest amendment, else the signed text.
    pub fn current(&self, field: &str) -> String {
        self.amendments
            .iter()
            .rev()
            .find(|amendment| amendment.field == field)
            .map(|amendment| amendment.new_text.clone())
            .unwrap_or_else(|| original(&self.row, &self.cases, field).unwrap_or_default())
    }

    /// The four text parts with their functions: (field, heading, text now, functions).
    pub fn parts(&self) -> Vec<(&'static str, &'static str, String, Vec<Function>)> {
        [
            ("agenda", "Agenda", &self.row.agenda_functions),
            (
                "workload",
                "Workload and capacity",
                &self.row.workload_functions,
            ),
            (
                "wellbeing",
                "Wellbeing and support",
                &self.row.wellbeing_functions,
            ),
            (
                "development",
                "Development and CPD",
                &self.row.development_functions,
            ),
        ]
        .into_iter()
        .map(|(field, heading, functions)| {
            (
                field,
                heading,
                self.current(field),
                functions_from_text(functions),
            )
        })
        .collect()
    }
}

/// The text of an amendable part in the record as signed.
pub fn original(row: &SessionRow, cases: &[CaseDiscussion], field: &str) -> Option<String> {
    match field {
        "attendees" => Some(row.attendees.clone()),
        "agenda" => Some(row.agenda.clone()),
        "workload" => Some(row.workload.clone()),
        "wellbeing" => Some(row.wellbeing.clone()),
        "development" => Some(row.development.clone()),
        _ => {
            let mut parts = field.splitn(3, ':');
            let (Some("case"), Some(id), Some(part)) = (parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let case = cases.iter().find(|case| case.id.to_string() == id)?;
            match part {
                "update" => Some(case.case_update.clone()),
                "risks" => Some(case.risks.clone()),
                "strengths" => Some(case.strengths.clone()),
                "decision" => Some(case.decision.clone()),
                _ => None,
            }
        }
    }
}

/// The parts of a record that can be amended once locked, as (field, label).
pub fn amendable_parts(cases: &[CaseDiscussion]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("attendees", "Attendees"),
        ("agenda", "Agenda"),
        ("workload", "Workload and capacity"),
        ("wellbeing", "Wellbeing and support"),
        ("development", "Development and CPD"),
    ]
    .into_iter()
    .map(|(field, label)| (field.to_string(), label.to_string()))
    .collect();
    for case in cases {
        for part in ["update", "risks", "strengths", "decision"] {
            fields.push((
                format!("case:{}:{part}", case.id),
                format!("{}: {part}", case.case_reference),
            ));
        }
    }
    fields
}

/// The name for people of an amendable part (`case:3:decision` -> "FAM-017: decision").
pub fn part_label(cases: &[CaseDiscussion], field: &str) -> String {
    amendable_parts(cases)
        .into_iter()
        .find(|(name, _)| name == field)
        .map_or_else(|| field.to_string(), |(_, label)| label)
}

/// Actions with owners' names.
pub fn action_views(
    conn: &mut DbConnection,
    actions: Vec<ActionRow>,
    today: NaiveDate,
) -> AppResult<Vec<ActionView>> {
    let owners: Vec<i32> = actions.iter().map(|action| action.owner_id).collect();
    let names: HashMap<i32, (String, String)> = directory::names(conn, &owners)?
        .into_iter()
        .map(|(id, username, name)| (id, (username, name)))
        .collect();
    Ok(actions
        .into_iter()
        .map(|action| {
            let (owner, owner_name) = names.get(&action.owner_id).cloned().unwrap_or_default();
            ActionView {
                overdue: action.overdue(today),
                status: action.status(),
                id: action.id,
                session_id: action.session_id,
                description: action.description,
                owner,
                owner_name,
                due_on: action.due_on,
                status_reason: action.status_reason,
                completed_on: action.completed_on,
            }
        })
        .collect())
}

fn author_names(conn: &mut DbConnection, ids: &[i32]) -> AppResult<HashMap<i32, String>> {
    Ok(directory::names(conn, ids)?
        .into_iter()
        .map(|(id, _, name)| (id, name))
        .collect())
}

/// Assembles a record for a viewer.
pub fn assemble(
    conn: &mut DbConnection,
    row: SessionRow,
    viewer: i32,
    capabilities: SupervisionCapabilities,
    today: NaiveDate,
) -> AppResult<SessionView> {
    let pair = named(conn, parties_of(&row), viewer)?;
    let cases = store::case_discussions(conn, row.id)?;
    let rows = store::actions_of_sessions(conn, &[row.id])?;
    let actions = action_views(conn, rows, today)?;
    let mut reviews = Vec::new();
    for (action_id, outcome, reason) in store::reviews(conn, row.id)? {
        if let Some(action) = store::action(conn, action_id)? {
            let view = action_views(conn, vec![action], today)?.pop();
            if let (Some(action), Some(outcome)) = (view, ReviewOutcome::parse(&outcome)) {
                reviews.push(ReviewView {
                    action,
                    outcome,
                    reason,
                });
            }
        }
    }
    let amendments: Vec<AmendmentRow> = store::amendments(conn, row.id)?;
    let comments: Vec<Comment> = store::comments(conn, row.id)?;
    let mut authors: Vec<i32> = amendments.iter().map(|a| a.author_id).collect();
    authors.extend(comments.iter().map(|c| c.author_id));
    let names = author_names(conn, &authors)?;
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    Ok(SessionView {
        amendments: amendments
            .into_iter()
            .map(|a| Amendment {
                author: name(a.author_id),
                field_label: part_label(&cases, &a.field),
                field: a.field,
                previous_text: a.previous_text,
                new_text: a.new_text,
                reason: a.reason,
                created_at: a.created_at,
            })
            .collect(),
        comments: comments
            .into_iter()
            .map(|c| CommentView {
                author_name: name(c.author_id),
                body: c.body,
                disagrees: c.disagrees,
                created_at: c.created_at,
            })
            .collect(),
        row,
        pair,
        cases,
        actions,
        reviews,
        capabilities,
    })
}

/// The draft that reproduces a record (for its edit form).
pub fn to_draft(record: &SessionView) -> super::model::SessionDraft {
    use super::model::{ActionDraft, ActionReviewDraft, CaseDiscussionDraft, SessionDraft};
    let row = &record.row;
    let names = |stored: &str| {
        functions_from_text(stored)
            .into_iter()
            .map(|f| f.as_str().to_string())
            .collect()
    };
    SessionDraft {
        held_on: Some(row.held_on.to_string()),
        starts_at: row.starts_at.map(|time| time.format("%H:%M").to_string()),
        duration_minutes: Some(row.duration_minutes),
        session_type: Some(row.session_type.clone()),
        attendees: Some(row.attendees.clone()),
        about_placement: Some(row.about_placement),
        agenda: Some(row.agenda.clone()),
        agenda_functions: names(&row.agenda_functions),
        workload: Some(row.workload.clone()),
        workload_functions: names(&row.workload_functions),
        wellbeing: Some(row.wellbeing.clone()),
        wellbeing_functions: names(&row.wellbeing_functions),
        development: Some(row.development.clone()),
        development_functions: names(&row.development_functions),
        case_discussions: record
            .cases
            .iter()
            .map(|case| CaseDiscussionDraft {
                case_reference: Some(case.case_reference.clone()),
                update: Some(case.case_update.clone()),
                risks: Some(case.risks.clone()),
                strengths: Some(case.strengths.clone()),
                decision: Some(case.decision.clone()),
                functions: names(&case.functions),
            })
            .collect(),
        action_reviews: record
            .reviews
            .iter()
            .map(|review| ActionReviewDraft {
                action_id: review.action.id,
                outcome: Some(review.outcome.as_str().to_string()),
                reason: Some(review.reason.clone()),
            })
            .collect(),
        actions: record
            .actions
            .iter()
            .map(|action| ActionDraft {
                id: Some(action.id),
                description: Some(action.description.clone()),
                owner: Some(action.owner.clone()),
                due_on: Some(action.due_on.to_string()),
            })
            .collect(),
        next_session_on: row.next_session_on.map(|day| day.to_string()),
    }
}
