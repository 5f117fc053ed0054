//! What the search projection reads of the journal, and the entry lists other slices build
//! through the policy. The journal store is private to this slice: the indexer reads whole
//! entries by id because it writes them into an index that applies the policy at query time;
//! a list names its authors only through the scope's [`EntryAuthors`], so it cannot reach
//! beyond what the asker reads.
//!
//! [`EntryAuthors`]: crate::platform::policy::EntryAuthors

use std::collections::HashMap;

use crate::platform::db::DbConnection;

use super::model::{EntryRow, EntryView};
use super::store;
use crate::error::AppResult;

pub use super::store::ListQuery;

/// Entries with these ids, binned ones included, in the order of `ids` (for the index, or
/// for answers the index found and the caller filters by the policy).
pub fn entries_by_ids(conn: &mut DbConnection, ids: &[i32]) -> AppResult<Vec<EntryView>> {
    let mut by_id: HashMap<i32, EntryRow> = store::rows_by_ids(conn, ids)?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let rows = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    store::views(conn, rows)
}

/// Ids of every entry, binned ones included, grouped author by author.
pub fn ids_by_author(conn: &mut DbConnection) -> AppResult<Vec<i32>> {
    store::ids_by_author(conn)
}

/// How many entries are not in the bin.
pub fn count_live(conn: &mut DbConnection) -> AppResult<i64> {
    store::count_live(conn)
}

/// Ids of the entries linked to a case (binned ones too): their index documents carry the
/// case's reference.
pub fn entries_of_case(conn: &mut DbConnection, case_id: i32) -> AppResult<Vec<i32>> {
    store::entries_of_case(conn, case_id)
}

/// The rows a list asks for, newest first.
pub fn list_rows(conn: &mut DbConnection, query: &ListQuery) -> AppResult<Vec<EntryRow>> {
    store::list_rows(conn, query)
}

/// Whole entries for rows a list gave.
pub fn views(conn: &mut DbConnection, rows: Vec<EntryRow>) -> AppResult<Vec<EntryView>> {
    store::views(conn, rows)
}
