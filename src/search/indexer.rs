//! The indexer thread: rebuilds the index when asked, then applies the outbox in batches,
//! each one committed with the last outbox id it contains.

use std::collections::BTreeSet;
use std::time::Duration;

use diesel::SqliteConnection;
use tantivy::{IndexWriter, Term};

use super::document::{RecordType, entry_document, key, supervision_document};
use super::index::{CommitPayload, Shared};
use super::outbox;
use super::rebuild;
use super::schema::{SCHEMA_VERSION, SearchFields};
use crate::error::{AppError, AppResult};
use crate::journal::store as journal_store;
use crate::platform::db::Database;

/// Outbox rows applied per commit.
const BATCH: i64 = 1000;

/// Runs until `wait` returns false (stop). `wait(timeout)` blocks until woken or timed out.
/// The indexer reads the database through a connection of its own, so a busy request pool
/// never holds up the index (and the index never takes a connection from requests).
pub fn run(
    shared: &Shared,
    mut writer: IndexWriter,
    database: &Database,
    needs_rebuild: bool,
    mut wait: impl FnMut(Duration) -> bool,
) {
    let mut conn: Option<SqliteConnection> = None;
    if needs_rebuild {
        tracing::info!("rebuilding the search index from the database");
        let outcome = connection(&mut conn, database).and_then(|conn| {
            rebuild::rebuild(&mut writer, &shared.fields, conn, |done, total| {
                shared.set_rebuilding(total.max(1));
                shared.set_rebuilt(done);
            })
        });
        match outcome.and_then(|applied| publish(shared, applied)) {
            Ok(()) => tracing::info!("the search index is ready"),
            Err(error) => tracing::error!("rebuilding the search index failed: {error}"),
        }
        shared.set_rebuilding(0);
    }
    loop {
        let outcome = connection(&mut conn, database)
            .and_then(|connection| apply_pending(shared, &mut writer, connection));
        if let Err(error) = outcome {
            tracing::error!("applying search changes failed (will retry): {error}");
            // A fresh connection next time, in case this one is what failed.
            conn = None;
        }
        if !wait(super::index::SearchIndex::idle_poll()) {
            break;
        }
    }
}

/// The indexer's own connection, opened when first needed or after a failure.
fn connection<'c>(
    conn: &'c mut Option<SqliteConnection>,
    database: &Database,
) -> AppResult<&'c mut SqliteConnection> {
    let open = match conn.take() {
        Some(open) => open,
        None => database.dedicated()?,
    };
    Ok(conn.insert(open))
}

fn publish(shared: &Shared, applied: i64) -> AppResult<()> {
    shared
        .published(applied)
        .map_err(|error| AppError::Internal(format!("search reader: {error}")))
}

/// Commits what the writer holds, recording the last outbox id it contains.
pub fn commit(writer: &mut IndexWriter, applied: i64) -> AppResult<()> {
    let fault =
        |error: tantivy::TantivyError| AppError::Internal(format!("search commit: {error}"));
    let payload = serde_json::to_string(&CommitPayload {
        schema: SCHEMA_VERSION,
        outbox: applied,
    })
    .map_err(|error| AppError::Internal(format!("search payload: {error}")))?;
    let mut prepared = writer.prepare_commit().map_err(fault)?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(fault)?;
    Ok(())
}

/// Re-indexes the given entries: each is removed, then added again unless it is gone or in
/// the bin, so applying a change twice gives the same index.
pub fn reindex_entries(
    writer: &mut IndexWriter,
    fields: &SearchFields,
    conn: &mut SqliteConnection,
    ids: &[i32],
) -> AppResult<usize> {
    let fault = |error: tantivy::TantivyError| AppError::Internal(format!("search index: {error}"));
    for id in ids {
        writer.delete_term(Term::from_field_text(
            fields.key,
            &key(RecordType::Entry, *id),
        ));
    }
    let rows = journal_store::rows_by_ids(conn, ids)?;
    let mut added = 0;
    for entry in journal_store::views(conn, rows)? {
        if let Some(document) = entry_document(fields, &entry) {
            writer.add_document(document).map_err(fault)?;
            added += 1;
        }
    }
    Ok(added)
}

/// Re-indexes the given supervision records (removed, then added again if they exist).
pub fn reindex_sessions(
    writer: &mut IndexWriter,
    fields: &SearchFields,
    conn: &mut SqliteConnection,
    ids: &[i32],
) -> AppResult<usize> {
    let fault = |error: tantivy::TantivyError| AppError::Internal(format!("search index: {error}"));
    let mut added = 0;
    let today = crate::platform::clock::today();
    for id in ids {
        writer.delete_term(Term::from_field_text(
            fields.key,
            &key(RecordType::Supervision, *id),
        ));
        let Some(row) = crate::supervision::store::session(conn, *id)? else {
            continue;
        };
        let educators = crate::supervision::store::educators_of(conn, row.supervisee_id)?;
        let supervisor = row.supervisor_id;
        let record = crate::supervision::view::assemble(conn, row, supervisor, false, today)?;
        writer
            .add_document(supervision_document(fields, &record, &educators))
            .map_err(fault)?;
        added += 1;
    }
    Ok(added)
}

/// Applies every pending outbox change; returns how many rows were applied.
pub fn apply_pending(
    shared: &Shared,
    writer: &mut IndexWriter,
    conn: &mut SqliteConnection,
) -> AppResult<usize> {
    let mut total = 0;
    loop {
        let applied = shared.applied.load(std::sync::atomic::Ordering::Acquire);
        let pending = outbox::pending_after(conn, applied, BATCH)?;
        let Some(last) = pending.last().map(|change| change.id) else {
            return Ok(total);
        };
        let (mut entries, mut sessions) = (BTreeSet::new(), BTreeSet::new());
        for change in &pending {
            match RecordType::parse(&change.record_type) {
                Some(RecordType::Entry) => {
                    entries.insert(change.record_id);
                }
                Some(RecordType::Supervision) => {
                    sessions.insert(change.record_id);
                }
                None => tracing::warn!(
                    "unknown record type {:?} in the search outbox",
                    change.record_type
                ),
            }
        }
        let entries: Vec<i32> = entries.into_iter().collect();
        reindex_entries(writer, &shared.fields, conn, &entries)?;
        let sessions: Vec<i32> = sessions.into_iter().collect();
        reindex_sessions(writer, &shared.fields, conn, &sessions)?;
        commit(writer, last)?;
        publish(shared, last)?;
        outbox::prune_through(conn, last)?;
        total += pending.len();
    }
}
