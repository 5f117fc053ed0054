//! Diesel queries for case events and calendar feeds.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::engine::CaseEvent;
use crate::error::AppResult;
use crate::platform::db::schema::{calendar_feeds, case_events, cases, users};

/// A case event as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = case_events)]
pub struct EventRow {
    /// Row id.
    pub id: i32,
    /// The case it happened on.
    pub case_id: i32,
    /// Event kind (from the rules, or `custom`).
    pub kind: String,
    /// A custom event's label.
    pub label: Option<String>,
    /// The day it happened (or is scheduled).
    pub occurred_on: NaiveDate,
    /// The time, if given.
    pub occurred_at: Option<NaiveTime>,
    /// A custom event's due date.
    pub due_on: Option<NaiveDate>,
    /// The journal entry it was recorded from.
    pub entry_id: Option<i32>,
    /// When recorded.
    pub created_at: NaiveDateTime,
}

impl EventRow {
    /// The event as the deadline engine sees it.
    pub fn to_engine(&self) -> CaseEvent {
        CaseEvent {
            id: self.id,
            kind: self.kind.clone(),
            occurred_on: self.occurred_on,
            label: self.label.clone(),
            due_on: self.due_on,
        }
    }
}

/// A new event, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Kind.
    pub kind: String,
    /// Custom label.
    pub label: Option<String>,
    /// Day.
    pub occurred_on: NaiveDate,
    /// Time.
    pub occurred_at: Option<NaiveTime>,
    /// Custom due date.
    pub due_on: Option<NaiveDate>,
    /// Entry it came from.
    pub entry_id: Option<i32>,
}

/// Records an event on a case.
pub fn insert(
    conn: &mut DbConnection,
    case_id: i32,
    event: &NewEvent,
    now: NaiveDateTime,
) -> AppResult<EventRow> {
    Ok(crate::on_backend!(conn, |c| diesel::insert_into(
        case_events::table
    )
    .values((
        case_events::case_id.eq(case_id),
        case_events::kind.eq(&event.kind),
        case_events::label.eq(&event.label),
        case_events::occurred_on.eq(event.occurred_on),
        case_events::occurred_at.eq(event.occurred_at),
        case_events::due_on.eq(event.due_on),
        case_events::entry_id.eq(event.entry_id),
        case_events::created_at.eq(now),
    ))
    .returning(EventRow::as_returning())
    .get_result(c))?)
}

/// Removes one event of a case; returns whether there was one.
pub fn delete(conn: &mut DbConnection, case_id: i32, event_id: i32) -> AppResult<bool> {
    let removed = diesel::delete(
        case_events::table
            .filter(case_events::id.eq(event_id))
            .filter(case_events::case_id.eq(case_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// A case's events in date order.
pub fn for_case(conn: &mut DbConnection, case_id: i32) -> AppResult<Vec<EventRow>> {
    Ok(case_events::table
        .filter(case_events::case_id.eq(case_id))
        .order((case_events::occurred_on.asc(), case_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Every event on every case of one worker, in date order, with the case's id.
pub fn for_owner(conn: &mut DbConnection, owner_id: i32) -> AppResult<Vec<EventRow>> {
    Ok(case_events::table
        .inner_join(cases::table)
        .filter(cases::owner_id.eq(owner_id))
        .order((case_events::occurred_on.asc(), case_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Starts a calendar feed for a user, retiring any earlier one; stores the fingerprint and
/// whether subscribers' calendars should remind them the day before.
pub fn replace_feed(
    conn: &mut DbConnection,
    user_id: i32,
    token_hash: &str,
    remind_day_before: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    revoke_feeds(conn, user_id, now)?;
    diesel::insert_into(calendar_feeds::table)
        .values((
            calendar_feeds::user_id.eq(user_id),
            calendar_feeds::token_hash.eq(token_hash),
            calendar_feeds::created_at.eq(now),
            calendar_feeds::remind_day_before.eq(remind_day_before),
        ))
        .execute(conn)?;
    Ok(())
}

/// Revokes a user's feeds; returns how many were live.
pub fn revoke_feeds(conn: &mut DbConnection, user_id: i32, now: NaiveDateTime) -> AppResult<usize> {
    Ok(diesel::update(
        calendar_feeds::table
            .filter(calendar_feeds::user_id.eq(user_id))
            .filter(calendar_feeds::revoked_at.is_null()),
    )
    .set(calendar_feeds::revoked_at.eq(now))
    .execute(conn)?)
}

/// Turns the day-before reminder of a user's live feed on or off; returns whether there was
/// a live feed to change.
pub fn set_feed_reminder(
    conn: &mut DbConnection,
    user_id: i32,
    remind_day_before: bool,
) -> AppResult<bool> {
    Ok(diesel::update(
        calendar_feeds::table
            .filter(calendar_feeds::user_id.eq(user_id))
            .filter(calendar_feeds::revoked_at.is_null()),
    )
    .set(calendar_feeds::remind_day_before.eq(remind_day_before))
    .execute(conn)?
        > 0)
}

/// The owner of a live feed with this fingerprint, if their account is enabled, and whether
/// the feed carries day-before reminders.
pub fn feed_owner(conn: &mut DbConnection, token_hash: &str) -> AppResult<Option<(i32, bool)>> {
    Ok(calendar_feeds::table
        .inner_join(users::table)
        .filter(calendar_feeds::token_hash.eq(token_hash))
        .filter(calendar_feeds::revoked_at.is_null())
        .filter(users::disabled.eq(false))
        .select((calendar_feeds::user_id, calendar_feeds::remind_day_before))
        .first(conn)
        .optional()?)
}

/// When the user's live feed was created and whether it carries reminders, if they have one.
pub fn live_feed(
    conn: &mut DbConnection,
    user_id: i32,
) -> AppResult<Option<(NaiveDateTime, bool)>> {
    Ok(calendar_feeds::table
        .filter(calendar_feeds::user_id.eq(user_id))
        .filter(calendar_feeds::revoked_at.is_null())
        .select((
            calendar_feeds::created_at,
            calendar_feeds::remind_day_before,
        ))
        .first(conn)
        .optional()?)
}
