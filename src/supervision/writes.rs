//! Diesel writes for supervision: agreements, session records with their parts, signatures,
//! amendments and comments. Callers wrap them in one transaction.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{ActionStatus, ReviewOutcome, functions_to_text};
use super::validate::{AgreementInput, SessionInput};
use crate::error::AppResult;
use crate::platform::db::schema::{
    supervision_action_reviews, supervision_actions, supervision_agreements,
    supervision_amendments, supervision_case_discussions, supervision_comments,
    supervision_sessions,
};
use crate::platform::policy::SupervisionParties;

/// Creates or replaces a pair's agreement; a changed agreement must be signed again by both.
pub fn save_agreement(
    conn: &mut DbConnection,
    parties: SupervisionParties,
    input: &AgreementInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let values = (
        supervision_agreements::frequency.eq(input.frequency.as_str()),
        supervision_agreements::starts_on.eq(input.starts_on),
        supervision_agreements::usual_minutes.eq(input.usual_minutes),
        supervision_agreements::cancellation.eq(&input.cancellation),
        supervision_agreements::supervisor_expectations.eq(&input.supervisor_expectations),
        supervision_agreements::supervisee_expectations.eq(&input.supervisee_expectations),
        supervision_agreements::supervisor_signed_at.eq(None::<NaiveDateTime>),
        supervision_agreements::supervisee_signed_at.eq(None::<NaiveDateTime>),
        supervision_agreements::updated_at.eq(now),
    );
    crate::on_backend!(conn, |c| diesel::insert_into(supervision_agreements::table)
        .values((
            supervision_agreements::supervisor_id.eq(parties.supervisor),
            supervision_agreements::supervisee_id.eq(parties.supervisee),
            supervision_agreements::created_at.eq(now),
            values,
        ))
        .on_conflict((
            supervision_agreements::supervisor_id,
            supervision_agreements::supervisee_id,
        ))
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// Records one party's signature on the agreement.
pub fn sign_agreement(
    conn: &mut DbConnection,
    agreement_id: i32,
    as_supervisor: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let target = supervision_agreements::table.find(agreement_id);
    // Signing twice keeps the first signature's time.
    if as_supervisor {
        diesel::update(target.filter(supervision_agreements::supervisor_signed_at.is_null()))
            .set(supervision_agreements::supervisor_signed_at.eq(now))
            .execute(conn)?;
    } else {
        diesel::update(target.filter(supervision_agreements::supervisee_signed_at.is_null()))
            .set(supervision_agreements::supervisee_signed_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// The columns a record's fields fill, shared by insert and update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = supervision_sessions, treat_none_as_null = true)]
struct SessionColumns<'a> {
    held_on: NaiveDate,
    starts_at: Option<chrono::NaiveTime>,
    duration_minutes: i32,
    session_type: &'a str,
    attendees: &'a str,
    about_placement: bool,
    agenda: &'a str,
    agenda_functions: String,
    workload: &'a str,
    workload_functions: String,
    wellbeing: &'a str,
    wellbeing_functions: String,
    development: &'a str,
    development_functions: String,
    next_session_on: Option<NaiveDate>,
    supervisor_signed_at: Option<NaiveDateTime>,
    supervisee_signed_at: Option<NaiveDateTime>,
    updated_at: NaiveDateTime,
}

impl<'a> SessionColumns<'a> {
    /// The columns of `input`; saving clears signatures, which covered the earlier text.
    fn new(input: &'a SessionInput, now: NaiveDateTime) -> Self {
        let [agenda, workload, wellbeing, development] = &input.parts;
        Self {
            held_on: input.held_on,
            starts_at: input.starts_at,
            duration_minutes: input.duration_minutes,
            session_type: input.session_type.as_str(),
            attendees: &input.attendees,
            about_placement: input.about_placement,
            agenda: &agenda.0,
            agenda_functions: functions_to_text(&agenda.1),
            workload: &workload.0,
            workload_functions: functions_to_text(&workload.1),
            wellbeing: &wellbeing.0,
            wellbeing_functions: functions_to_text(&wellbeing.1),
            development: &development.0,
            development_functions: functions_to_text(&development.1),
            next_session_on: input.next_session_on,
            supervisor_signed_at: None,
            supervisee_signed_at: None,
            updated_at: now,
        }
    }
}

/// Creates a session record with its parts; returns its id.
pub fn insert_session(
    conn: &mut DbConnection,
    parties: SupervisionParties,
    drafted_by: i32,
    input: &SessionInput,
    now: NaiveDateTime,
) -> AppResult<i32> {
    let id = diesel::insert_into(supervision_sessions::table)
        .values((
            SessionColumns::new(input, now),
            supervision_sessions::supervisor_id.eq(parties.supervisor),
            supervision_sessions::supervisee_id.eq(parties.supervisee),
            supervision_sessions::drafted_by.eq(drafted_by),
            supervision_sessions::created_at.eq(now),
        ))
        .returning(supervision_sessions::id)
        .get_result(conn)?;
    write_parts(conn, id, input, now)?;
    Ok(id)
}

/// Replaces an unlocked record's fields and parts.
pub fn update_session(
    conn: &mut DbConnection,
    id: i32,
    input: &SessionInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(supervision_sessions::table.find(id))
        .set(SessionColumns::new(input, now))
        .execute(conn)?;
    diesel::delete(
        supervision_case_discussions::table.filter(supervision_case_discussions::session_id.eq(id)),
    )
    .execute(conn)?;
    // Actions this draft reviewed go back to open; the new reviews are applied afresh.
    let reviewed = supervision_action_reviews::table
        .filter(supervision_action_reviews::session_id.eq(id))
        .select(supervision_action_reviews::action_id);
    diesel::update(supervision_actions::table.filter(supervision_actions::id.eq_any(reviewed)))
        .set((
            supervision_actions::status.eq(ActionStatus::Open.as_str()),
            supervision_actions::completed_on.eq(None::<NaiveDate>),
            supervision_actions::status_reason.eq(None::<String>),
            supervision_actions::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::delete(
        supervision_action_reviews::table.filter(supervision_action_reviews::session_id.eq(id)),
    )
    .execute(conn)?;
    // Actions agreed in this record that the draft still lists keep their id and status
    // (one may be done already); the rest go. The service refuses the edit once a later
    // record has reviewed them.
    let kept: Vec<i32> = input
        .actions
        .iter()
        .filter_map(|action| action.id)
        .collect();
    diesel::delete(
        supervision_actions::table
            .filter(supervision_actions::session_id.eq(id))
            .filter(supervision_actions::id.ne_all(&kept)),
    )
    .execute(conn)?;
    for action in &input.actions {
        if let Some(action_id) = action.id {
            diesel::update(supervision_actions::table.find(action_id))
                .set((
                    supervision_actions::description.eq(&action.description),
                    supervision_actions::owner_id.eq(action.owner_id),
                    supervision_actions::due_on.eq(action.due_on),
                    supervision_actions::updated_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    write_parts(conn, id, input, now)
}

fn write_parts(
    conn: &mut DbConnection,
    id: i32,
    input: &SessionInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    for (position, case) in input.cases.iter().enumerate() {
        diesel::insert_into(supervision_case_discussions::table)
            .values((
                supervision_case_discussions::session_id.eq(id),
                supervision_case_discussions::position
                    .eq(i32::try_from(position).unwrap_or(i32::MAX)),
                supervision_case_discussions::case_reference.eq(&case.case_reference),
                supervision_case_discussions::case_update.eq(&case.update),
                supervision_case_discussions::risks.eq(&case.risks),
                supervision_case_discussions::strengths.eq(&case.strengths),
                supervision_case_discussions::decision.eq(&case.decision),
                supervision_case_discussions::functions.eq(functions_to_text(&case.functions)),
            ))
            .execute(conn)?;
    }
    for action in input.actions.iter().filter(|action| action.id.is_none()) {
        diesel::insert_into(supervision_actions::table)
            .values((
                supervision_actions::session_id.eq(id),
                supervision_actions::description.eq(&action.description),
                supervision_actions::owner_id.eq(action.owner_id),
                supervision_actions::due_on.eq(action.due_on),
                supervision_actions::status.eq(ActionStatus::Open.as_str()),
                supervision_actions::created_at.eq(now),
                supervision_actions::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    for (action_id, outcome, reason) in &input.reviews {
        diesel::insert_into(supervision_action_reviews::table)
            .values((
                supervision_action_reviews::session_id.eq(id),
                supervision_action_reviews::action_id.eq(action_id),
                supervision_action_reviews::outcome.eq(outcome.as_str()),
                supervision_action_reviews::reason.eq(reason),
            ))
            .execute(conn)?;
        let (status, completed_on, note) = match outcome {
            ReviewOutcome::Done => (ActionStatus::Done, Some(input.held_on), None),
            ReviewOutcome::Dropped => (ActionStatus::Dropped, None, Some(reason.as_str())),
            ReviewOutcome::CarriedForward => (ActionStatus::Open, None, None),
        };
        diesel::update(supervision_actions::table.find(action_id))
            .set((
                supervision_actions::status.eq(status.as_str()),
                supervision_actions::completed_on.eq(completed_on),
                supervision_actions::status_reason.eq(note),
                supervision_actions::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records one party's signature on a record.
pub fn sign_session(
    conn: &mut DbConnection,
    id: i32,
    as_supervisor: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let target = supervision_sessions::table.find(id);
    // Signing twice keeps the first signature's time.
    if as_supervisor {
        diesel::update(target.filter(supervision_sessions::supervisor_signed_at.is_null()))
            .set(supervision_sessions::supervisor_signed_at.eq(now))
            .execute(conn)?;
    } else {
        diesel::update(target.filter(supervision_sessions::supervisee_signed_at.is_null()))
            .set(supervision_sessions::supervisee_signed_at.eq(now))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether a record other than this one has reviewed any action this record agreed.
pub fn actions_reviewed_later(conn: &mut DbConnection, id: i32) -> AppResult<bool> {
    let agreed = supervision_actions::table
        .filter(supervision_actions::session_id.eq(id))
        .select(supervision_actions::id);
    let count: i64 = supervision_action_reviews::table
        .filter(supervision_action_reviews::action_id.eq_any(agreed))
        .filter(supervision_action_reviews::session_id.ne(id))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Records an amendment to a locked record (the record's own text is left as signed).
pub fn insert_amendment(
    conn: &mut DbConnection,
    session_id: i32,
    author_id: i32,
    field: &str,
    texts: (&str, &str),
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(supervision_amendments::table)
        .values((
            supervision_amendments::session_id.eq(session_id),
            supervision_amendments::author_id.eq(author_id),
            supervision_amendments::field.eq(field),
            supervision_amendments::previous_text.eq(texts.0),
            supervision_amendments::new_text.eq(texts.1),
            supervision_amendments::reason.eq(reason),
            supervision_amendments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Adds a comment to a record.
pub fn insert_comment(
    conn: &mut DbConnection,
    session_id: i32,
    author_id: i32,
    body: &str,
    disagrees: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(supervision_comments::table)
        .values((
            supervision_comments::session_id.eq(session_id),
            supervision_comments::author_id.eq(author_id),
            supervision_comments::body.eq(body),
            supervision_comments::disagrees.eq(disagrees),
            supervision_comments::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}
