//! Rebuilding the index from the database: at start-up when the index is missing or stale,
//! and outside the server (`praxis reindex`, `praxis demo`, the benchmarks) through
//! [`OfflineRebuild`].

use std::path::Path;

use crate::platform::db::DbConnection;
use tantivy::IndexWriter;

use super::document::entry_document;
use super::index::{open_or_create, writer};
use super::indexer::commit;
use super::outbox;
use super::schema::{SearchFields, register_analyzer};
use crate::error::{AppError, AppResult};
use crate::journal::projection;

/// Entries read from the database at a time.
const BATCH: usize = 2000;
/// Memory the writer of an offline rebuild may use, in megabytes.
pub const OFFLINE_WRITER_MB: usize = 1024;

/// The index in a data directory, opened (or created) for a full rebuild while the server
/// is stopped. Holding it holds the index's writer lock, so a server cannot start writing
/// meanwhile; open it before long preparations to fail early if one is running.
pub struct OfflineRebuild {
    writer: IndexWriter,
    fields: SearchFields,
}

impl OfflineRebuild {
    /// Opens the index in `dir`, or creates it; fails with a clear message when a running
    /// server holds it.
    pub fn open(dir: &Path) -> AppResult<Self> {
        let (index, _) = open_or_create(dir)?;
        register_analyzer(&index);
        let fields = SearchFields::of(&index)
            .map_err(|error| AppError::Internal(format!("search index: {error}")))?;
        let writer = writer(&index, OFFLINE_WRITER_MB).map_err(|error| match error {
            AppError::Internal(message) if message.to_lowercase().contains("lock") => {
                AppError::Config(format!(
                    "the search index in {} is in use; stop the server first",
                    dir.display()
                ))
            }
            other => other,
        })?;
        Ok(Self { writer, fields })
    }

    /// Replaces the whole index with documents built from the database, calling
    /// `progress(done, total)` as it goes, and waits for merges; returns how many entries
    /// were read.
    pub fn run(
        mut self,
        conn: &mut DbConnection,
        mut progress: impl FnMut(u64, u64),
    ) -> AppResult<u64> {
        let mut read = 0;
        rebuild(&mut self.writer, &self.fields, conn, |done, total| {
            read = done;
            progress(done, total);
        })?;
        self.writer
            .wait_merging_threads()
            .map_err(|error| AppError::Internal(format!("search index: {error}")))?;
        Ok(read)
    }
}

/// Whether the database holds nothing to index (a new installation), so that searches need
/// not wait for the first build of the index.
pub fn nothing_to_index(conn: &mut DbConnection) -> AppResult<bool> {
    Ok(projection::count_live(conn)? == 0
        && crate::supervision::projection::all_session_ids(conn)?.is_empty())
}

/// Replaces the writer's whole index with documents built from the database, calling
/// `progress(done, total)` as it goes; commits, and returns the outbox id the new index
/// includes. Changes queued after that id are applied afterwards by the indexer.
pub fn rebuild(
    writer: &mut IndexWriter,
    fields: &SearchFields,
    conn: &mut DbConnection,
    mut progress: impl FnMut(u64, u64),
) -> AppResult<i64> {
    let fault =
        |error: tantivy::TantivyError| AppError::Internal(format!("search rebuild: {error}"));
    // Everything queued so far is reflected in what is read below.
    let included = outbox::latest(conn)?;
    let total = u64::try_from(projection::count_live(conn)?).unwrap_or(0);
    writer.delete_all_documents().map_err(fault)?;
    progress(0, total);
    let (mut done, mut next_log) = (0u64, total / 10);
    // Documents added author by author sit together, and every search narrows to the asker's
    // own entries (and a few supervisees'): tantivy then scores the words in a few blocks of
    // documents instead of across the whole index. Entries in the bin make no document.
    for chunk in projection::ids_by_author(conn)?.chunks(BATCH) {
        for entry in projection::entries_by_ids(conn, chunk)? {
            if let Some(document) = entry_document(fields, &entry) {
                writer.add_document(document).map_err(fault)?;
                done += 1;
            }
        }
        progress(done, total);
        if done >= next_log && total > 0 {
            tracing::info!("search index rebuild: {done} of {total} entries");
            next_log = done + (total / 10).max(1);
        }
    }
    let sessions = crate::supervision::projection::all_session_ids(conn)?;
    super::indexer::reindex_sessions(writer, fields, conn, &sessions)?;
    commit(writer, included)?;
    Ok(included)
}
