//! Diesel queries for supervision.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{ActionRow, Agreement, Amendment, CaseDiscussion, Comment, SessionRow};
use crate::error::AppResult;
use crate::platform::db::ids::InIds;
use crate::platform::db::schema::{
    supervision_action_reviews, supervision_actions, supervision_agenda_items,
    supervision_agreements, supervision_amendments, supervision_case_discussions,
    supervision_comments, supervision_links, supervision_sessions, users,
};
use crate::platform::policy::SupervisionParties;

/// Whether `supervisor` supervises or educates `supervisee`.
pub fn linked(conn: &mut DbConnection, parties: SupervisionParties) -> AppResult<bool> {
    let count: i64 = supervision_links::table
        .filter(supervision_links::supervisor_id.eq(parties.supervisor))
        .filter(supervision_links::supervisee_id.eq(parties.supervisee))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Practice educators of a student.
pub fn educators_of(conn: &mut DbConnection, supervisee: i32) -> AppResult<Vec<i32>> {
    Ok(supervision_links::table
        .filter(supervision_links::supervisee_id.eq(supervisee))
        .filter(supervision_links::kind.eq("educator"))
        .select(supervision_links::supervisor_id)
        .load(conn)?)
}

/// A user's id and display name by username.
pub fn user_by_username(
    conn: &mut DbConnection,
    username: &str,
) -> AppResult<Option<(i32, String)>> {
    Ok(users::table
        .filter(users::username.eq(username.trim()))
        .select((users::id, users::display_name))
        .first(conn)
        .optional()?)
}

/// The pair's agreement.
pub fn agreement(
    conn: &mut DbConnection,
    parties: SupervisionParties,
) -> AppResult<Option<Agreement>> {
    Ok(supervision_agreements::table
        .filter(supervision_agreements::supervisor_id.eq(parties.supervisor))
        .filter(supervision_agreements::supervisee_id.eq(parties.supervisee))
        .select(Agreement::as_select())
        .first(conn)
        .optional()?)
}

/// A pair's sessions, oldest first.
pub fn sessions(
    conn: &mut DbConnection,
    parties: SupervisionParties,
) -> AppResult<Vec<SessionRow>> {
    Ok(supervision_sessions::table
        .filter(supervision_sessions::supervisor_id.eq(parties.supervisor))
        .filter(supervision_sessions::supervisee_id.eq(parties.supervisee))
        .order((
            supervision_sessions::held_on.asc(),
            supervision_sessions::id.asc(),
        ))
        .select(SessionRow::as_select())
        .load(conn)?)
}

/// Ids of every supervision record (for rebuilding the search index).
pub fn all_session_ids(conn: &mut DbConnection) -> AppResult<Vec<i32>> {
    Ok(supervision_sessions::table
        .order(supervision_sessions::id.asc())
        .select(supervision_sessions::id)
        .load(conn)?)
}

/// One session.
pub fn session(conn: &mut DbConnection, id: i32) -> AppResult<Option<SessionRow>> {
    Ok(supervision_sessions::table
        .find(id)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?)
}

/// A session's case discussions in order.
pub fn case_discussions(
    conn: &mut DbConnection,
    session_id: i32,
) -> AppResult<Vec<CaseDiscussion>> {
    Ok(supervision_case_discussions::table
        .filter(supervision_case_discussions::session_id.eq(session_id))
        .order(supervision_case_discussions::position.asc())
        .select(CaseDiscussion::as_select())
        .load(conn)?)
}

/// Actions agreed in the given sessions.
pub fn actions_of_sessions(
    conn: &mut DbConnection,
    session_ids: &[i32],
) -> AppResult<Vec<ActionRow>> {
    Ok(supervision_actions::table
        .filter(supervision_actions::session_id.in_ids(session_ids))
        .order((
            supervision_actions::due_on.asc(),
            supervision_actions::id.asc(),
        ))
        .select(ActionRow::as_select())
        .load(conn)?)
}

/// One action.
pub fn action(conn: &mut DbConnection, id: i32) -> AppResult<Option<ActionRow>> {
    Ok(supervision_actions::table
        .find(id)
        .select(ActionRow::as_select())
        .first(conn)
        .optional()?)
}

/// Sets an action's status.
pub fn set_action_status(
    conn: &mut DbConnection,
    id: i32,
    status: &str,
    reason: Option<&str>,
    completed_on: Option<NaiveDate>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(supervision_actions::table.find(id))
        .set((
            supervision_actions::status.eq(status),
            supervision_actions::status_reason.eq(reason),
            supervision_actions::completed_on.eq(completed_on),
            supervision_actions::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The reviews a session made of earlier actions: (action id, outcome, reason).
pub fn reviews(conn: &mut DbConnection, session_id: i32) -> AppResult<Vec<(i32, String, String)>> {
    Ok(supervision_action_reviews::table
        .filter(supervision_action_reviews::session_id.eq(session_id))
        .order(supervision_action_reviews::id.asc())
        .select((
            supervision_action_reviews::action_id,
            supervision_action_reviews::outcome,
            supervision_action_reviews::reason,
        ))
        .load(conn)?)
}

/// A session's amendments, oldest first.
pub fn amendments(conn: &mut DbConnection, session_id: i32) -> AppResult<Vec<Amendment>> {
    Ok(supervision_amendments::table
        .filter(supervision_amendments::session_id.eq(session_id))
        .order(supervision_amendments::id.asc())
        .select(Amendment::as_select())
        .load(conn)?)
}

/// A session's comments, oldest first.
pub fn comments(conn: &mut DbConnection, session_id: i32) -> AppResult<Vec<Comment>> {
    Ok(supervision_comments::table
        .filter(supervision_comments::session_id.eq(session_id))
        .order(supervision_comments::id.asc())
        .select(Comment::as_select())
        .load(conn)?)
}

/// Agenda items the pair has added that no session has taken yet: (id, text).
pub fn open_agenda_items(
    conn: &mut DbConnection,
    parties: SupervisionParties,
) -> AppResult<Vec<(i32, String)>> {
    Ok(supervision_agenda_items::table
        .filter(supervision_agenda_items::supervisor_id.eq(parties.supervisor))
        .filter(supervision_agenda_items::supervisee_id.eq(parties.supervisee))
        .filter(supervision_agenda_items::session_id.is_null())
        .order(supervision_agenda_items::id.asc())
        .select((supervision_agenda_items::id, supervision_agenda_items::body))
        .load(conn)?)
}

/// Adds an agenda item for the next session.
pub fn add_agenda_item(
    conn: &mut DbConnection,
    parties: SupervisionParties,
    added_by: i32,
    body: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(supervision_agenda_items::table)
        .values((
            supervision_agenda_items::supervisor_id.eq(parties.supervisor),
            supervision_agenda_items::supervisee_id.eq(parties.supervisee),
            supervision_agenda_items::added_by.eq(added_by),
            supervision_agenda_items::body.eq(body),
            supervision_agenda_items::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the pair's open agenda items as taken into a session.
pub fn take_agenda_items(
    conn: &mut DbConnection,
    parties: SupervisionParties,
    session_id: i32,
) -> AppResult<usize> {
    Ok(diesel::update(
        supervision_agenda_items::table
            .filter(supervision_agenda_items::supervisor_id.eq(parties.supervisor))
            .filter(supervision_agenda_items::supervisee_id.eq(parties.supervisee))
            .filter(supervision_agenda_items::session_id.is_null()),
    )
    .set(supervision_agenda_items::session_id.eq(session_id))
    .execute(conn)?)
}
