//! Use cases of supervision: agreements, records (draft, sign, amend, comment), actions and
//! agenda items. Each checks the policy, validates, and writes in one transaction; pages and
//! the API call the same functions.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::model::{ActionStatus, Agreement, AgreementDraft, SessionDraft, SessionRow};
use super::pair::{self, Pair, parties_of};
use super::view::{self, ActionView, SessionView, original};
use super::{accessed, signed, store, validate, writes};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::clock;
use crate::platform::input::{check_length, trimmed};
use crate::platform::policy::SupervisionRole;
use crate::platform::privacy_review::{Acknowledgement, Saved, review};
use crate::platform::signing::{self, AfterLock, lock};
use crate::search::document::RecordType;
use crate::search::outbox;

/// The pair's agreement, if there is one.
pub fn agreement(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
) -> AppResult<(Pair, Option<Agreement>)> {
    let pair = pair::with(conn, actor, other)?;
    let agreement = store::agreement(conn, pair.parties)?;
    Ok((pair, agreement))
}

/// Writes the pair's agreement; either party may, until both have signed it; both must then
/// sign it. A signed agreement is refused (409): it keeps its signatures.
pub fn save_agreement(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    draft: &AgreementDraft,
    now: NaiveDateTime,
) -> AppResult<Agreement> {
    let pair = pair::with(conn, actor, other)?;
    let input = validate::agreement(draft).map_err(AppError::Invalid)?;
    conn.immediate_transaction(|conn| {
        if let Some(agreement) = store::agreement(conn, pair.parties)? {
            lock::require_unlocked(
                signed::agreement_signatures(&agreement),
                "agreement",
                AfterLock::NewVersion,
            )?;
        }
        writes::save_agreement(conn, pair.parties, &input, now)?;
        store::agreement(conn, pair.parties)?
            .ok_or_else(|| AppError::Internal("the agreement vanished".into()))
    })
}

/// Signs the pair's agreement as it stands, if `seen` names its current version.
pub fn sign_agreement(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    seen: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<Agreement> {
    let pair = pair::with(conn, actor, other)?;
    conn.immediate_transaction(|conn| {
        let agreement = store::agreement(conn, pair.parties)?.ok_or_else(|| {
            AppError::Conflict("There is no agreement to sign yet; write one first.".into())
        })?;
        signing::require_current(seen, &signed::agreement_text(&agreement), "agreement")?;
        writes::sign_agreement(conn, agreement.id, pair.viewer_supervises, now)?;
        store::agreement(conn, pair.parties)?
            .ok_or_else(|| AppError::Internal("the agreement vanished".into()))
    })
}

/// Every piece of free text in a draft, for the confidentiality guard.
fn texts(draft: &SessionDraft) -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut push = |field: String, value: &Option<String>| {
        if let Some(text) = value {
            texts.push((field, text.clone()));
        }
    };
    push("attendees".into(), &draft.attendees);
    push("agenda".into(), &draft.agenda);
    push("workload".into(), &draft.workload);
    push("wellbeing".into(), &draft.wellbeing);
    push("development".into(), &draft.development);
    for (index, case) in draft.case_discussions.iter().enumerate() {
        push(format!("case_discussions[{index}].update"), &case.update);
        push(format!("case_discussions[{index}].risks"), &case.risks);
        push(
            format!("case_discussions[{index}].strengths"),
            &case.strengths,
        );
        push(
            format!("case_discussions[{index}].decision"),
            &case.decision,
        );
    }
    for (index, action) in draft.actions.iter().enumerate() {
        push(format!("actions[{index}].description"), &action.description);
    }
    texts
}

fn guard(
    draft: &SessionDraft,
    acknowledgement: Acknowledgement,
) -> AppResult<Vec<crate::platform::privacy::PrivacyWarning>> {
    let texts = texts(draft);
    review(
        texts
            .iter()
            .map(|(field, text)| (field.as_str(), text.as_str())),
        acknowledgement,
    )
}

/// Drafts a record for the pair the actor forms with `other`; the pair's open agenda items
/// are taken into it.
pub fn create_session(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    draft: &SessionDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let pair = pair::with(conn, actor, other)?;
    let mut input =
        validate::session(conn, pair.parties, draft, None, today)?.map_err(AppError::Invalid)?;
    let privacy_warnings = guard(draft, acknowledgement)?;
    let record = conn.immediate_transaction(|conn| {
        // Every open agenda item goes into this record: any the agenda does not already
        // mention (added after the form was opened, or a draft sent through the API) is
        // appended, so no item is lost.
        let items = store::open_agenda_items(conn, pair.parties)?;
        let agenda = &mut input.parts[0].0;
        for (_, item) in items {
            if !agenda.contains(item.trim()) {
                if !agenda.is_empty() && !agenda.ends_with('\n') {
                    agenda.push('\n');
                }
                agenda.push_str(&format!("- {}", item.trim()));
            }
        }
        let id = writes::insert_session(conn, pair.parties, actor.user_id, &input, now)?;
        store::take_agenda_items(conn, pair.parties, id)?;
        outbox::enqueue_new(conn, RecordType::Supervision, id)?;
        Ok::<_, AppError>(id)
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Changes a record that is not yet signed by both (saving clears any one signature), only
/// if `seen` names the version its author read. Both parties may edit a draft and the API
/// replaces it whole: without the version one party's save could silently overwrite the
/// other's, and a body that forgot the record (`{}`) would blank it. A missing version is
/// invalid (422), a stale one a conflict (409).
#[allow(clippy::too_many_arguments)]
pub fn update_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    seen: Option<&str>,
    draft: &SessionDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let (session, capabilities) = pair::writable_session(conn, actor, id)?;
    if !capabilities.drafts() {
        // Signed by both: the refusal says to amend instead.
        refuse_if_locked(&session)?;
    }
    if writes::actions_reviewed_later(conn, id)? {
        return Err(AppError::Conflict(
            "A later record has already reviewed the actions agreed here, so this draft can no longer be changed; record the change in the later record.".into(),
        ));
    }
    let input = validate::session(conn, parties_of(&session), draft, Some(id), today)?
        .map_err(AppError::Invalid)?;
    let privacy_warnings = guard(draft, acknowledgement)?;
    conn.immediate_transaction(|conn| {
        let current = get_session(conn, actor, id, today)?;
        signing::require_unchanged(seen, &signed::record_text(&current), "record")?;
        writes::update_session(conn, id, &input, now)?;
        outbox::enqueue(conn, RecordType::Supervision, id)
    })?;
    Ok(Saved {
        record: id,
        privacy_warnings,
    })
}

fn refuse_if_locked(session: &SessionRow) -> AppResult<()> {
    lock::require_unlocked(
        signed::record_signatures(session),
        "record",
        AfterLock::Amendment,
    )
}

/// Signs a record as the actor's party, if `seen` names its current version.
pub fn sign_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    seen: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<()> {
    conn.immediate_transaction(|conn| {
        let (session, capabilities) = pair::writable_session(conn, actor, id)?;
        let record = get_session(conn, actor, id, now.date())?;
        signing::require_current(seen, &signed::record_text(&record), "record")?;
        require_held(session.held_on, clock::today_in(clock::zone(), now))?;
        let as_supervisor = capabilities.role() == SupervisionRole::Supervisor;
        writes::sign_session(conn, id, as_supervisor, now)?;
        accessed::note_signature(conn, actor, &session, now)
    })
}

/// A record is signed as an account of a session that took place: not before its date.
fn require_held(held_on: NaiveDate, today: NaiveDate) -> AppResult<()> {
    if held_on > today {
        return Err(AppError::invalid(
            "held_on",
            format!(
                "This record is dated {}, which is still to come: sign it on or after that \
                 day, or correct its date first.",
                held_on.format("%-d %B %Y")
            ),
        ));
    }
    Ok(())
}

/// The parts of a locked record that can be amended.
pub fn amendable_fields(view: &SessionView) -> Vec<(String, String)> {
    view::amendable_parts(&view.cases)
}

/// Amends a locked record: the change is stored with who, when and why, and the text as
/// signed stays readable.
#[allow(clippy::too_many_arguments)]
pub fn amend(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    field: &str,
    text: &str,
    reason: &str,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (session, capabilities) = pair::writable_session(conn, actor, id)?;
    if !capabilities.amends() {
        lock::require_locked(signed::record_signatures(&session), "record")?;
    }
    let current = view::assemble(conn, session, actor.user_id, capabilities, today)?;
    let previous = original(&current.row, &current.cases, field).map(|_| current.current(field));
    let change = signing::amendment::check(
        "record",
        previous,
        text,
        Some(reason),
        validate::MAX_TEXT_CHARS,
        FieldErrors::new(),
    )?;
    conn.immediate_transaction(|conn| {
        writes::insert_amendment(
            conn,
            id,
            actor.user_id,
            field,
            (&change.previous_text, text),
            &change.reason,
            now,
        )?;
        outbox::enqueue(conn, RecordType::Supervision, id)
    })
}

/// Adds a comment; only the supervisee may mark it as disagreement with the record.
pub fn comment(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    body: &str,
    disagrees: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (_, capabilities) = pair::writable_session(conn, actor, id)?;
    let body = trimmed(Some(body)).unwrap_or_default();
    let mut errors = FieldErrors::new();
    if body.is_empty() {
        errors.add("body", "Write the comment.");
    }
    check_length("body", &body, 10_000, &mut errors);
    if disagrees && !capabilities.notes_disagreement() {
        errors.add(
            "disagrees",
            "Only the supervisee notes disagreement with the record.",
        );
    }
    errors.into_result(())?;
    conn.immediate_transaction(|conn| {
        writes::insert_comment(conn, id, actor.user_id, &body, disagrees, now)
    })
}

/// A record the actor may read.
pub fn get_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
) -> AppResult<SessionView> {
    let (session, capabilities) = pair::readable_session(conn, actor, id)?;
    view::assemble(conn, session, actor.user_id, capabilities, today)
}

/// The pair's records, oldest first.
pub fn sessions(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
) -> AppResult<(Pair, Vec<SessionRow>)> {
    let pair = pair::with(conn, actor, other)?;
    let sessions = store::sessions(conn, pair.parties)?;
    Ok((pair, sessions))
}

/// The pair's actions, late ones first, optionally one status only.
pub fn actions(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    status: Option<ActionStatus>,
    today: NaiveDate,
) -> AppResult<(Pair, Vec<ActionView>)> {
    let pair = pair::with(conn, actor, other)?;
    let ids: Vec<i32> = store::sessions(conn, pair.parties)?
        .iter()
        .map(|session| session.id)
        .collect();
    let rows = store::actions_of_sessions(conn, &ids)?;
    let mut actions = view::action_views(conn, rows, today)?;
    actions.retain(|action| status.is_none_or(|wanted| action.status == wanted));
    actions.sort_by_key(|action| {
        (
            !action.overdue,
            action.status != ActionStatus::Open,
            action.due_on,
        )
    });
    Ok((pair, actions))
}

/// Sets an action's status (done, dropped with a reason, or open again).
pub fn update_action(
    conn: &mut DbConnection,
    actor: &Actor,
    action_id: i32,
    status: &str,
    reason: Option<&str>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<ActionView> {
    let action = store::action(conn, action_id)?.ok_or(AppError::NotFound)?;
    pair::writable_session(conn, actor, action.session_id)?;
    let status = ActionStatus::parse(status.trim())
        .ok_or_else(|| AppError::invalid("status", "Use open, done or dropped."))?;
    let reason = trimmed(reason);
    if status == ActionStatus::Dropped && reason.is_none() {
        return Err(AppError::invalid(
            "reason",
            "Say why the action is dropped.",
        ));
    }
    let completed_on = (status == ActionStatus::Done).then_some(today);
    conn.immediate_transaction(|conn| {
        store::set_action_status(
            conn,
            action_id,
            status.as_str(),
            reason.as_deref(),
            completed_on,
            now,
        )
    })?;
    let updated = store::action(conn, action_id)?.ok_or(AppError::NotFound)?;
    view::action_views(conn, vec![updated], today)?
        .pop()
        .ok_or(AppError::NotFound)
}

/// Adds an item to the pair's next agenda.
pub fn add_agenda_item(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    body: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let pair = pair::with(conn, actor, other)?;
    let body = trimmed(Some(body)).unwrap_or_default();
    let mut errors = FieldErrors::new();
    if body.is_empty() {
        errors.add("body", "Write what you want to bring.");
    }
    check_length("body", &body, 2_000, &mut errors);
    for warning in crate::platform::privacy::scan("body", &body) {
        errors.add(
            "body",
            format!(
                "Remove {} ({:?}); use case references.",
                warning.kind.label(),
                warning.found
            ),
        );
    }
    errors.into_result(())?;
    conn.immediate_transaction(|conn| {
        store::add_agenda_item(conn, pair.parties, actor.user_id, &body, now)
    })
}
