//! Rebuilding the index from the database: at start-up when the index is missing or stale,
//! and from the command line (`praxis reindex`).

use diesel::SqliteConnection;
use tantivy::IndexWriter;

use super::document::entry_document;
use super::indexer::commit;
use super::outbox;
use super::schema::SearchFields;
use crate::error::{AppError, AppResult};
use crate::journal::store as journal_store;

/// Entries read from the database at a time.
const BATCH: i64 = 2000;

/// Replaces the writer's whole index with documents built from the database, calling
/// `progress(done, total)` as it goes; commits, and returns the outbox id the new index
/// includes. Changes queued after that id are applied afterwards by the indexer.
pub fn rebuild(
    writer: &mut IndexWriter,
    fields: &SearchFields,
    conn: &mut SqliteConnection,
    mut progress: impl FnMut(u64, u64),
) -> AppResult<i64> {
    let fault =
        |error: tantivy::TantivyError| AppError::Internal(format!("search rebuild: {error}"));
    // Everything queued so far is reflected in what is read below.
    let included = outbox::latest(conn)?;
    let total = u64::try_from(journal_store::count_live(conn)?).unwrap_or(0);
    writer.delete_all_documents().map_err(fault)?;
    progress(0, total);
    let (mut done, mut after, mut next_log) = (0u64, 0, total / 10);
    loop {
        let rows = journal_store::rows_after(conn, after, BATCH)?;
        let Some(last) = rows.last().map(|row| row.id) else {
            break;
        };
        after = last;
        for entry in journal_store::views(conn, rows)? {
            if let Some(document) = entry_document(fields, &entry) {
                writer.add_document(document).map_err(fault)?;
            }
            done += 1;
        }
        progress(done, total);
        if done >= next_log && total > 0 {
            tracing::info!("search index rebuild: {done} of {total} entries");
            next_log = done + (total / 10).max(1);
        }
    }
    commit(writer, included)?;
    Ok(included)
}
