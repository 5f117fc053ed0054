//! Checking drafts of agreements and session records; every problem is named by its field
//! and nothing is stored until the whole draft is valid.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveTime};

use super::model::{
    ActionStatus, AgreementDraft, Frequency, Function, ReviewOutcome, SessionDraft, SessionType,
};
use super::store;
use crate::accounts::directory;
use crate::error::{AppResult, FieldErrors};
use crate::platform::input::{check_length, parse_date, parse_time, trimmed};
use crate::platform::policy::SupervisionParties;

/// Longest free-text part of a record or agreement.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Most case discussions, actions or reviews in one record.
pub const MAX_ITEMS: usize = 30;

/// A checked agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInput {
    /// Frequency.
    pub frequency: Frequency,
    /// Start.
    pub starts_on: NaiveDate,
    /// Usual minutes.
    pub usual_minutes: i32,
    /// On cancellation.
    pub cancellation: String,
    /// Supervisor's undertakings.
    pub supervisor_expectations: String,
    /// Supervisee's undertakings.
    pub supervisee_expectations: String,
}

fn text(field: &str, value: &Option<String>, errors: &mut FieldErrors) -> String {
    let value = value.clone().unwrap_or_default();
    check_length(field, &value, MAX_TEXT_CHARS, errors);
    value
}

/// Checks an agreement draft.
pub fn agreement(draft: &AgreementDraft) -> Result<AgreementInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let frequency = trimmed(draft.frequency.as_deref()).and_then(|name| {
        Frequency::parse(&name).or_else(|| {
            errors.add("frequency", format!("Use one of {}.", Frequency::names()));
            None
        })
    });
    if draft
        .frequency
        .as_deref()
        .is_none_or(|name| name.trim().is_empty())
    {
        errors.add("frequency", "Choose how often you will meet.");
    }
    let starts_on = match trimmed(draft.starts_on.as_deref()) {
        Some(text) => parse_date("starts_on", &text, &mut errors),
        None => {
            errors.add("starts_on", "Give the date the arrangement starts.");
            None
        }
    };
    let usual_minutes = draft.usual_minutes.unwrap_or(90);
    if !(15..=480).contains(&usual_minutes) {
        errors.add("usual_minutes", "Give a length between 15 and 480 minutes.");
    }
    let cancellation = text("cancellation", &draft.cancellation, &mut errors);
    if cancellation.trim().is_empty() {
        errors.add(
            "cancellation",
            "Say what happens when a session is cancelled.",
        );
    }
    let supervisor_expectations = text(
        "supervisor_expectations",
        &draft.supervisor_expectations,
        &mut errors,
    );
    let supervisee_expectations = text(
        "supervisee_expectations",
        &draft.supervisee_expectations,
        &mut errors,
    );
    match (frequency, starts_on) {
        (Some(frequency), Some(starts_on)) if errors.is_empty() => Ok(AgreementInput {
            frequency,
            starts_on,
            usual_minutes,
            cancellation,
            supervisor_expectations,
            supervisee_expectations,
        }),
        _ => Err(errors),
    }
}

/// A checked case discussion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDiscussionInput {
    /// The supervisee's case reference.
    pub case_reference: String,
    /// Update.
    pub update: String,
    /// Risks.
    pub risks: String,
    /// Strengths.
    pub strengths: String,
    /// Decision with reasons.
    pub decision: String,
    /// Functions.
    pub functions: Vec<Function>,
}

/// A checked action of the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    /// The action this record already agreed that this replaces; `None` for a new one.
    pub id: Option<i32>,
    /// What.
    pub description: String,
    /// Owner (a party).
    pub owner_id: i32,
    /// By when.
    pub due_on: NaiveDate,
}

/// A checked session record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInput {
    /// Day.
    pub held_on: NaiveDate,
    /// Start time.
    pub starts_at: Option<NaiveTime>,
    /// Minutes.
    pub duration_minutes: i32,
    /// Type.
    pub session_type: SessionType,
    /// Attendees.
    pub attendees: String,
    /// About a placement.
    pub about_placement: bool,
    /// The four text parts with their functions: agenda, workload, wellbeing, development.
    pub parts: [(String, Vec<Function>); 4],
    /// Cases discussed.
    pub cases: Vec<CaseDiscussionInput>,
    /// Reviews of earlier actions.
    pub reviews: Vec<(i32, ReviewOutcome, String)>,
    /// New actions.
    pub actions: Vec<ActionInput>,
    /// Next session.
    pub next_session_on: Option<NaiveDate>,
}

fn functions(field: &str, names: &[String], errors: &mut FieldErrors) -> Vec<Function> {
    let mut found = Vec::new();
    for name in names
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
    {
        match Function::parse(name) {
            Some(function) if !found.contains(&function) => found.push(function),
            Some(_) => {}
            None => errors.add(
                field,
                format!("Unknown function {name:?}; use {}.", Function::names()),
            ),
        }
    }
    found
}

/// Checks a session draft for the pair; `session_id` is the record being changed, if any
/// (its own actions cannot be reviewed by it).
pub fn session(
    conn: &mut DbConnection,
    parties: SupervisionParties,
    draft: &SessionDraft,
    session_id: Option<i32>,
    today: NaiveDate,
) -> AppResult<Result<SessionInput, FieldErrors>> {
    let mut errors = FieldErrors::new();
    let held_on = match trimmed(draft.held_on.as_deref()) {
        Some(text) => parse_date("held_on", &text, &mut errors),
        None => Some(today),
    };
    if held_on.is_some_and(|day| (day - today).num_days() > 60) {
        errors.add("held_on", "A record can be drafted at most 60 days ahead.");
    }
    let starts_at = trimmed(draft.starts_at.as_deref())
        .and_then(|text| parse_time("starts_at", &text, &mut errors));
    let duration_minutes = draft.duration_minutes.unwrap_or(90);
    if !(5..=480).contains(&duration_minutes) {
        errors.add(
            "duration_minutes",
            "Give a length between 5 and 480 minutes.",
        );
    }
    let session_type = match trimmed(draft.session_type.as_deref()) {
        None => Some(SessionType::Individual),
        Some(name) => SessionType::parse(&name).or_else(|| {
            errors.add(
                "session_type",
                format!("Use one of {}.", SessionType::names()),
            );
            None
        }),
    };
    let attendees = text("attendees", &draft.attendees, &mut errors);
    let parts = [
        (
            text("agenda", &draft.agenda, &mut errors),
            functions("agenda_functions", &draft.agenda_functions, &mut errors),
        ),
        (
            text("workload", &draft.workload, &mut errors),
            functions("workload_functions", &draft.workload_functions, &mut errors),
        ),
        (
            text("wellbeing", &draft.wellbeing, &mut errors),
            functions(
                "wellbeing_functions",
                &draft.wellbeing_functions,
                &mut errors,
            ),
        ),
        (
            text("development", &draft.development, &mut errors),
            functions(
                "development_functions",
                &draft.development_functions,
                &mut errors,
            ),
        ),
    ];
    for list in [
        draft.case_discussions.len(),
        draft.actions.len(),
        draft.action_reviews.len(),
    ] {
        if list > MAX_ITEMS {
            errors.add(
                "body",
                format!("At most {MAX_ITEMS} case discussions, actions or reviews."),
            );
        }
    }
    let references = crate::cases::lookup::references_of_supervisee(conn, parties.supervisee)?;
    let mut cases = Vec::new();
    for (index, case) in draft.case_discussions.iter().enumerate() {
        let field = |name: &str| format!("case_discussions[{index}].{name}");
        let reference = trimmed(case.case_reference.as_deref()).unwrap_or_default();
        let blank = [&case.update, &case.risks, &case.strengths, &case.decision]
            .iter()
            .all(|value| value.as_deref().is_none_or(|text| text.trim().is_empty()));
        if reference.is_empty() && blank {
            continue;
        }
        let known = references
            .iter()
            .find(|known| known.eq_ignore_ascii_case(&reference));
        if known.is_none() {
            errors.add(
                field("case_reference"),
                format!("{reference:?} is not one of the supervisee's case references."),
            );
        }
        cases.push(CaseDiscussionInput {
            case_reference: known.cloned().unwrap_or(reference),
            update: text(&field("update"), &case.update, &mut errors),
            risks: text(&field("risks"), &case.risks, &mut errors),
            strengths: text(&field("strengths"), &case.strengths, &mut errors),
            decision: text(&field("decision"), &case.decision, &mut errors),
            functions: functions(&field("functions"), &case.functions, &mut errors),
        });
    }
    let owners = directory::names(conn, &[parties.supervisor, parties.supervisee])?;
    let own_actions: Vec<i32> = match session_id {
        Some(id) => store::actions_of_sessions(conn, &[id])?
            .into_iter()
            .map(|action| action.id)
            .collect(),
        None => Vec::new(),
    };
    let mut actions: Vec<ActionInput> = Vec::new();
    for (index, action) in draft.actions.iter().enumerate() {
        let field = |name: &str| format!("actions[{index}].{name}");
        if let Some(id) = action.id {
            if !own_actions.contains(&id) {
                errors.add(
                    field("id"),
                    "That is not an action agreed in this record; leave the id out for a new action.",
                );
            } else if actions.iter().any(|earlier| earlier.id == Some(id)) {
                errors.add(field("id"), "This action is already listed above.");
            }
        }
        let description = trimmed(action.description.as_deref()).unwrap_or_default();
        if description.is_empty() && trimmed(action.due_on.as_deref()).is_none() {
            continue;
        }
        if description.is_empty() {
            errors.add(field("description"), "Say what is to be done.");
        }
        check_length(&field("description"), &description, 2_000, &mut errors);
        let owner = trimmed(action.owner.as_deref()).unwrap_or_default();
        let owner_id = owners
            .iter()
            .find(|(_, username, _)| username.eq_ignore_ascii_case(&owner))
            .map(|(id, _, _)| *id);
        if owner_id.is_none() {
            errors.add(
                field("owner"),
                "The owner must be the supervisor or the supervisee of this session.",
            );
        }
        let due_on = match trimmed(action.due_on.as_deref()) {
            Some(text) => parse_date(&field("due_on"), &text, &mut errors),
            None => {
                errors.add(field("due_on"), "Give a due date.");
                None
            }
        };
        if let (Some(owner_id), Some(due_on)) = (owner_id, due_on) {
            actions.push(ActionInput {
                id: action.id,
                description,
                owner_id,
                due_on,
            });
        }
    }
    // Records are written in any order (a session typed up late may be dated before the
    // pair's last one), so an action agreed at any other session of the pair can be reviewed.
    let others: Vec<i32> = store::sessions(conn, parties)?
        .into_iter()
        .filter(|session| Some(session.id) != session_id)
        .map(|session| session.id)
        .collect();
    let reviewable = store::actions_of_sessions(conn, &others)?;
    // An action this draft already reviewed reopens when the draft is saved again, so its
    // review is judged as if it were still open.
    let reviewed_here: Vec<i32> = match session_id {
        Some(id) => store::reviews(conn, id)?
            .into_iter()
            .map(|(action_id, _, _)| action_id)
            .collect(),
        None => Vec::new(),
    };
    let mut reviews = Vec::new();
    let mut seen = Vec::new();
    for (index, review) in draft.action_reviews.iter().enumerate() {
        let field = |name: &str| format!("action_reviews[{index}].{name}");
        let Some(outcome_name) = trimmed(review.outcome.as_deref()) else {
            continue;
        };
        if seen.contains(&review.action_id) {
            errors.add(
                field("action_id"),
                "This action is already reviewed above; review each action once.",
            );
            continue;
        }
        seen.push(review.action_id);
        let outcome = ReviewOutcome::parse(&outcome_name);
        if outcome.is_none() {
            errors.add(
                field("outcome"),
                format!("Use one of {}.", ReviewOutcome::names()),
            );
        }
        let action = reviewable
            .iter()
            .find(|action| action.id == review.action_id);
        if action.is_none() {
            errors.add(
                field("action_id"),
                "That is not an action from another session of this pair.",
            );
        }
        let reason = trimmed(review.reason.as_deref()).unwrap_or_default();
        if outcome == Some(ReviewOutcome::Dropped) && reason.is_empty() {
            errors.add(field("reason"), "Say why the action is dropped.");
        }
        if let (Some(outcome), Some(action)) = (outcome, action)
            && (action.status() == ActionStatus::Open
                || reviewed_here.contains(&action.id)
                || outcome != ReviewOutcome::CarriedForward)
        {
            reviews.push((action.id, outcome, reason));
        }
    }
    let next_session_on = trimmed(draft.next_session_on.as_deref())
        .and_then(|text| parse_date("next_session_on", &text, &mut errors));
    if let (Some(held), Some(next)) = (held_on, next_session_on)
        && next <= held
    {
        errors.add("next_session_on", "The next session comes after this one.");
    }
    Ok(match (held_on, session_type) {
        (Some(held_on), Some(session_type)) if errors.is_empty() => Ok(SessionInput {
            held_on,
            starts_at,
            duration_minutes,
            session_type,
            attendees,
            about_placement: draft.about_placement.unwrap_or(false),
            parts,
            cases,
            reviews,
            actions,
            next_session_on,
        }),
        _ => Err(errors),
    })
}
