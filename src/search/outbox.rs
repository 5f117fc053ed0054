//! The search outbox: which records changed, written in the same transaction as the change.

use chrono::NaiveDateTime;

use crate::platform::db::DbConnection;
use diesel::prelude::*;

use super::document::RecordType;
use crate::error::AppResult;
use crate::platform::clock;
use crate::platform::db::schema::{search_outbox, search_outbox_pruned};
use crate::platform::db::written;

/// One queued change.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct Pending {
    /// Outbox id, rising.
    pub id: i64,
    /// Stored record type.
    pub record_type: String,
    /// The record's id.
    pub record_id: i32,
}

/// Queues a record just created. Call inside the transaction that creates it. Only its
/// author's next search waits for it: a new record takes nothing away from anyone.
pub fn enqueue_new(conn: &mut DbConnection, record_type: RecordType, id: i32) -> AppResult<()> {
    enqueue_new_many(conn, record_type, &[id])
}

/// Queues records just created, as [`enqueue_new`] does one (an import's entries).
pub fn enqueue_new_many(
    conn: &mut DbConnection,
    record_type: RecordType,
    ids: &[i32],
) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    written::note_new(insert(conn, record_type, ids)?);
    Ok(())
}

/// Queues one changed record for re-indexing. Call inside the transaction that changes it.
/// Every search waits for it, since the change may narrow who may read the record.
pub fn enqueue(conn: &mut DbConnection, record_type: RecordType, id: i32) -> AppResult<()> {
    enqueue_many(conn, record_type, &[id])
}

/// Queues several changed records of one type (see [`enqueue`]).
pub fn enqueue_many(
    conn: &mut DbConnection,
    record_type: RecordType,
    ids: &[i32],
) -> AppResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    written::note_change(insert(conn, record_type, ids)?);
    Ok(())
}

/// Inserts the changes and returns the newest one's id, recorded as its author's (see
/// [`peers`](super::peers)) when the work acts for someone.
fn insert(conn: &mut DbConnection, record_type: RecordType, ids: &[i32]) -> AppResult<i64> {
    let now = clock::now();
    let rows: Vec<_> = ids
        .iter()
        .map(|id| {
            (
                search_outbox::record_type.eq(record_type.as_str()),
                search_outbox::record_id.eq(*id),
                search_outbox::queued_at.eq(now),
            )
        })
        .collect();
    for chunk in rows.chunks(500) {
        crate::on_backend!(&mut *conn, |c| diesel::insert_into(search_outbox::table)
            .values(chunk)
            .execute(c))?;
    }
    let newest = latest(conn)?;
    if let Some(author) = written::author() {
        super::peers::record(conn, author, newest)?;
    }
    Ok(newest)
}

/// Changes after `applied`, oldest first, at most `limit`.
pub fn pending_after(conn: &mut DbConnection, applied: i64, limit: i64) -> AppResult<Vec<Pending>> {
    Ok(search_outbox::table
        .filter(search_outbox::id.gt(applied))
        .order(search_outbox::id.asc())
        .limit(limit)
        .select((
            search_outbox::id,
            search_outbox::record_type,
            search_outbox::record_id,
        ))
        .load(conn)?)
}

/// The newest change queued, if any.
pub fn latest(conn: &mut DbConnection) -> AppResult<i64> {
    let latest: Option<i64> = search_outbox::table
        .select(diesel::dsl::max(search_outbox::id))
        .first(conn)?;
    Ok(latest.unwrap_or(0))
}

/// Forgets changes through `through` that were queued before `queued_before`, and records
/// the newest id forgotten (see [`pruned_through`]); returns how many were forgotten.
///
/// Only the oldest rows are read: the walk in id order stops at the first change young
/// enough to keep, and nothing after it is forgotten even if an older change follows (ids
/// and queue times can disagree by a moment between concurrent writers). Asking instead for
/// the newest old change walked back through every young row, the whole outbox after a busy
/// hour, and each such walk paged in the database file around them.
pub fn prune(
    conn: &mut DbConnection,
    through: i64,
    queued_before: NaiveDateTime,
) -> AppResult<usize> {
    conn.immediate_transaction(|conn| {
        let first_kept: Option<i64> = search_outbox::table
            .filter(search_outbox::queued_at.ge(queued_before))
            .order(search_outbox::id.asc())
            .select(search_outbox::id)
            .first(conn)
            .optional()?;
        let bound = first_kept.map_or(through, |kept| through.min(kept - 1));
        let newest: Option<i64> = search_outbox::table
            .filter(search_outbox::id.le(bound))
            .select(diesel::dsl::max(search_outbox::id))
            .first(conn)?;
        let Some(newest) = newest else {
            return Ok(0);
        };
        let forgotten = diesel::delete(search_outbox::table.filter(search_outbox::id.le(newest)))
            .execute(conn)?;
        diesel::update(search_outbox_pruned::table.find(1))
            .filter(search_outbox_pruned::through_id.lt(newest))
            .set(search_outbox_pruned::through_id.eq(newest))
            .execute(conn)?;
        Ok(forgotten)
    })
}

/// The newest change ever forgotten: an index that has applied less has missed changes.
pub fn pruned_through(conn: &mut DbConnection) -> AppResult<i64> {
    let through: Option<i64> = search_outbox_pruned::table
        .find(1)
        .select(search_outbox_pruned::through_id)
        .first(conn)
        .optional()?;
    Ok(through.unwrap_or(0))
}
