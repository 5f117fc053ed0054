//! The indexer thread: rebuilds the index when asked, then applies the outbox in batches,
//! each one committed with the last outbox id it contains.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::platform::db::DbConnection;
use tantivy::{IndexWriter, Term};

use super::document::{RecordType, entry_document, key, supervision_document};
use super::fault::caught;
use super::generation;
use super::index::{Command, CommitPayload, IndexOptions, SearchIndex, Shared};
use super::outbox;
use super::rebuild;
use super::replica::Replica;
use super::schema::{SCHEMA_VERSION, SearchFields};
use crate::error::{AppError, AppResult};
use crate::journal::projection;
use crate::platform::db::Database;
use crate::platform::policy::SupervisionCapabilities;

/// Outbox rows applied per commit.
const BATCH: i64 = 1000;

/// How long after a failed rebuild the indexer tries again (searches answer 503 meanwhile).
const REBUILD_RETRY: Duration = Duration::from_secs(60);

/// The least time between two commits that apply the outbox. Under a stream of writes,
/// committing every one or two changes on their own made a tiny segment each, then merged
/// them again; changes that arrive within this spell share one commit instead. An idle index
/// commits at once, and a waiting search waits at most this much longer.
const COMMIT_SPACING: Duration = Duration::from_millis(15);

/// Runs until `next` says stop. `next(timeout)` blocks until a command comes or the timeout
/// passes (then it answers [`Command::Wake`]).
pub fn run(
    shared: &Shared,
    options: &IndexOptions,
    writer: IndexWriter,
    database: &Database,
    replica: &mut Replica,
    needs_rebuild: bool,
    mut next: impl FnMut(Duration) -> Command,
) {
    let mut writer = Some(writer);
    let mut rebuild_due = needs_rebuild.then(Instant::now);
    // The indexer's own connection: a busy request pool never holds up the index, and the
    // index never takes a connection from requests. Opened again after any failure.
    let mut conn: Option<DbConnection> = None;
    let mut last_commit: Option<Instant> = None;
    loop {
        if rebuild_due.is_some_and(|due| due <= Instant::now()) {
            if writer.is_none() {
                writer = replace(shared, options);
            }
            let outcome = match writer.as_mut() {
                Some(current) => caught(|| {
                    connection(&mut conn, database)
                        .and_then(|conn| rebuild_all(shared, current, conn, replica))
                })
                .and_then(|done| done.map_err(|error| error.to_string())),
                None => Err("no index could be made".to_string()),
            };
            rebuild_due = match outcome {
                Ok(()) => None,
                Err(problem) => {
                    conn = None;
                    tracing::error!(
                        "rebuilding the search index failed (search answers 503; trying again \
                         in {} s): {problem}",
                        REBUILD_RETRY.as_secs()
                    );
                    Some(Instant::now() + REBUILD_RETRY)
                }
            };
        }
        if let (None, Some(current)) = (rebuild_due, writer.as_mut()) {
            if let Some(wait) = last_commit.and_then(|at| COMMIT_SPACING.checked_sub(at.elapsed()))
            {
                std::thread::sleep(wait);
            }
            let applied = caught(|| {
                connection(&mut conn, database)
                    .and_then(|conn| follow_outbox(shared, current, conn, replica))
            });
            if !matches!(applied, Ok(Ok(_))) {
                conn = None;
            }
            match applied {
                Ok(Ok(Followed::Applied(0))) => {}
                Ok(Ok(Followed::Applied(_))) => last_commit = Some(Instant::now()),
                Ok(Ok(Followed::MissedChanges)) => {
                    tracing::warn!(
                        "search changes this index had not applied were pruned (the instance \
                         was away longer than the outbox retention); rebuilding it from the \
                         database"
                    );
                    rebuild_due = Some(Instant::now());
                }
                Ok(Err(error)) => {
                    tracing::error!("applying search changes failed (will retry): {error}");
                }
                Err(panic) => {
                    tracing::error!("applying search changes failed: {panic}; checking the index");
                    if let Some(due) = check(shared, options, &mut writer) {
                        rebuild_due = Some(due);
                    }
                }
            }
        }
        match next(SearchIndex::idle_poll()) {
            Command::Stop => break,
            Command::Wake => {}
            Command::Check => {
                if let Some(due) = check(shared, options, &mut writer) {
                    rebuild_due = Some(due);
                }
            }
        }
    }
}

/// What one round of following the outbox came to.
enum Followed {
    /// Every pending change was applied: this many.
    Applied(usize),
    /// Changes this index lacks are no longer in the outbox: it must be rebuilt.
    MissedChanges,
}

/// Applies what is pending, unless changes the index lacks were pruned meanwhile; then
/// reports to the other instances and prunes when due.
fn follow_outbox(
    shared: &Shared,
    writer: &mut IndexWriter,
    conn: &mut DbConnection,
    replica: &mut Replica,
) -> AppResult<Followed> {
    let applied = shared.applied.load(std::sync::atomic::Ordering::Acquire);
    if replica.missed_changes(conn, applied)? {
        return Ok(Followed::MissedChanges);
    }
    let changes = apply_pending(shared, writer, conn)?;
    let applied = shared.applied.load(std::sync::atomic::Ordering::Acquire);
    replica.tick(conn, applied)?;
    Ok(Followed::Applied(changes))
}

/// Checks the index searches read after a fault. An intact one is kept (and not checked
/// again); a damaged one is moved aside and replaced by a fresh one, and the time to rebuild
/// it is returned.
fn check(
    shared: &Shared,
    options: &IndexOptions,
    writer: &mut Option<IndexWriter>,
) -> Option<Instant> {
    let current = shared.current();
    let verdict = current.check();
    shared.fault_handled();
    match verdict {
        Ok(()) => {
            tracing::warn!(
                "the search index's files are intact; the fault lies elsewhere, so it is kept"
            );
            current.mark_intact();
            None
        }
        Err(problem) => {
            tracing::error!(
                "the search index is damaged ({problem}); moving it aside and rebuilding it \
                 from the database in the background (search answers 503 meanwhile)"
            );
            shared.set_rebuilding(1);
            // The writer holds the folder's lock and files: let go of them first.
            drop(writer.take());
            drop(current);
            *writer = replace(shared, options);
            Some(Instant::now())
        }
    }
}

/// Moves the index folder aside and puts a fresh, empty index in its place for searches;
/// returns its writer.
fn replace(shared: &Shared, options: &IndexOptions) -> Option<IndexWriter> {
    shared.set_rebuilding(1);
    if let Some(aside) = generation::move_aside(&options.dir) {
        tracing::warn!("the damaged search index was moved to {}", aside.display());
    }
    match generation::fresh(&options.dir, options.writer_memory_mb) {
        Ok(opened) => {
            shared.replace(opened.generation);
            Some(opened.writer)
        }
        Err(error) => {
            tracing::error!("no search index can be made: {error}");
            None
        }
    }
}

/// The indexer's own connection, opened when first needed or after a failure.
fn connection<'c>(
    conn: &'c mut Option<DbConnection>,
    database: &Database,
) -> AppResult<&'c mut DbConnection> {
    let open = match conn.take() {
        Some(open) => open,
        None => database.dedicated()?,
    };
    Ok(conn.insert(open))
}

/// Rebuilds the whole index from the database and makes it visible.
fn rebuild_all(
    shared: &Shared,
    writer: &mut IndexWriter,
    conn: &mut DbConnection,
    replica: &mut Replica,
) -> AppResult<()> {
    tracing::info!("rebuilding the search index from the database");
    let fields = shared.current().fields;
    let applied = rebuild::rebuild(writer, &fields, conn, |done, total| {
        shared.set_rebuilding(total.max(1));
        shared.set_rebuilt(done);
    })?;
    publish(shared, applied)?;
    replica.committed(conn, applied)?;
    shared.set_rebuilding(0);
    tracing::info!("the search index is ready");
    Ok(())
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
    conn: &mut DbConnection,
    ids: &[i32],
) -> AppResult<usize> {
    let fault = |error: tantivy::TantivyError| AppError::Internal(format!("search index: {error}"));
    for id in ids {
        writer.delete_term(Term::from_field_text(
            fields.key,
            &key(RecordType::Entry, *id),
        ));
    }
    let mut added = 0;
    for entry in projection::entries_by_ids(conn, ids)? {
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
    conn: &mut DbConnection,
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
        let Some(row) = crate::supervision::projection::session(conn, *id)? else {
            continue;
        };
        let supervisor = row.supervisor_id;
        let record = crate::supervision::view::assemble(
            conn,
            row,
            supervisor,
            SupervisionCapabilities::read_only(),
            today,
        )?;
        writer
            .add_document(supervision_document(fields, &record))
            .map_err(fault)?;
        added += 1;
    }
    Ok(added)
}

/// Applies every pending outbox change; returns how many rows were applied.
///
/// The position other instances see is reported by [`Replica::tick`] at most once a second,
/// not after each commit: a write to the shared database per commit competed with the
/// requests' own writes, and a position reported late only keeps outbox rows a little longer.
pub fn apply_pending(
    shared: &Shared,
    writer: &mut IndexWriter,
    conn: &mut DbConnection,
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
        let fields = shared.current().fields;
        reindex_entries(writer, &fields, conn, &entries)?;
        let sessions: Vec<i32> = sessions.into_iter().collect();
        reindex_sessions(writer, &fields, conn, &sessions)?;
        commit(writer, last)?;
        publish(shared, last)?;
        total += pending.len();
    }
}
