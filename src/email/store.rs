//! The email outbox: messages waiting to be sent, claimed, sent or retried.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::db::schema::email_outbox;

/// A message to write into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Names the notice it carries; a second message with the same key is not written.
    pub key: String,
    /// Who it is for.
    pub recipient_id: i32,
    /// Their address.
    pub address: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// A message waiting in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = email_outbox)]
pub struct Queued {
    /// Row id.
    pub id: i32,
    /// The notice's key (also the message's `Message-ID`, so a receiving system can tell a
    /// repeat).
    pub idempotency_key: String,
    /// Address.
    pub address: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Failed attempts so far.
    pub attempts: i32,
}

/// Writes a message unless one with its key was written before; returns whether it did.
pub fn enqueue(conn: &mut DbConnection, message: &Outgoing, now: NaiveDateTime) -> AppResult<bool> {
    let written = crate::on_backend!(conn, |c| diesel::insert_into(email_outbox::table)
        .values((
            email_outbox::idempotency_key.eq(&message.key),
            email_outbox::recipient_id.eq(message.recipient_id),
            email_outbox::address.eq(&message.address),
            email_outbox::subject.eq(&message.subject),
            email_outbox::body.eq(&message.body),
            email_outbox::created_at.eq(now),
            email_outbox::next_attempt_at.eq(now),
        ))
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(written > 0)
}

/// Whether a message with this key was ever written.
pub fn exists(conn: &mut DbConnection, key: &str) -> AppResult<bool> {
    let count: i64 = email_outbox::table
        .filter(email_outbox::idempotency_key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Up to `limit` unsent messages whose time has come, oldest first.
pub fn due(conn: &mut DbConnection, now: NaiveDateTime, limit: i64) -> AppResult<Vec<Queued>> {
    Ok(email_outbox::table
        .filter(email_outbox::sent_at.is_null())
        .filter(email_outbox::next_attempt_at.le(now))
        .filter(
            email_outbox::claimed_until
                .is_null()
                .or(email_outbox::claimed_until.lt(now)),
        )
        .order(email_outbox::id.asc())
        .limit(limit)
        .select(Queued::as_select())
        .load(conn)?)
}

/// Claims a message for sending until `until`; false when it was sent or claimed meanwhile
/// (by another worker on the same database), so it is not sent again.
pub fn claim(
    conn: &mut DbConnection,
    id: i32,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> AppResult<bool> {
    let claimed = diesel::update(
        email_outbox::table
            .find(id)
            .filter(email_outbox::sent_at.is_null())
            .filter(
                email_outbox::claimed_until
                    .is_null()
                    .or(email_outbox::claimed_until.lt(now)),
            ),
    )
    .set(email_outbox::claimed_until.eq(until))
    .execute(conn)?;
    Ok(claimed == 1)
}

/// Marks a message sent.
pub fn mark_sent(conn: &mut DbConnection, id: i32, now: NaiveDateTime) -> AppResult<()> {
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::sent_at.eq(now),
            email_outbox::claimed_until.eq(None::<NaiveDateTime>),
            email_outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: i32,
    error: &str,
    retry_at: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(email_outbox::table.find(id))
        .set((
            email_outbox::attempts.eq(email_outbox::attempts + 1),
            email_outbox::next_attempt_at.eq(retry_at),
            email_outbox::claimed_until.eq(None::<NaiveDateTime>),
            email_outbox::last_error.eq(error),
        ))
        .execute(conn)?;
    Ok(())
}
