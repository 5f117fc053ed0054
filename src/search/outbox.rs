//! The search outbox: which records changed, written in the same transaction as the change.

use crate::platform::db::DbConnection;
use diesel::prelude::*;

use super::document::RecordType;
use crate::error::AppResult;
use crate::platform::clock;
use crate::platform::db::schema::search_outbox;
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
    insert(conn, record_type, ids)?;
    written::note_new(latest(conn)?);
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
    insert(conn, record_type, ids)?;
    written::note_change(latest(conn)?);
    Ok(())
}

fn insert(conn: &mut DbConnection, record_type: RecordType, ids: &[i32]) -> AppResult<()> {
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
    Ok(())
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

/// Forgets changes the index has committed.
pub fn prune_through(conn: &mut DbConnection, applied: i64) -> AppResult<usize> {
    Ok(diesel::delete(search_outbox::table.filter(search_outbox::id.le(applied))).execute(conn)?)
}
