//! What other slices read of supervision. The supervision store is private to this slice:
//! the search projection reads records by id (the index applies the policy at query time,
//! and the hits are checked again against the database), and the inbox reads a pair's
//! records only through a [`Pair`], which the slice makes only for one of its two people.

use crate::platform::db::DbConnection;

use super::model::{ActionRow, Agreement, CaseDiscussion, Comment, SessionRow};
use super::pair::Pair;
use super::store;
use crate::error::AppResult;

/// Ids of every record, for rebuilding the index.
pub fn all_session_ids(conn: &mut DbConnection) -> AppResult<Vec<i32>> {
    store::all_session_ids(conn)
}

/// One record by id, for the indexer.
pub fn session(conn: &mut DbConnection, id: i32) -> AppResult<Option<SessionRow>> {
    store::session(conn, id)
}

/// The cases a record discusses, for a search hit the caller has checked may be read.
pub fn case_discussions(
    conn: &mut DbConnection,
    session_id: i32,
) -> AppResult<Vec<CaseDiscussion>> {
    store::case_discussions(conn, session_id)
}

/// The pair's agreement, if any.
pub fn agreement(conn: &mut DbConnection, pair: &Pair) -> AppResult<Option<Agreement>> {
    store::agreement(conn, pair.parties)
}

/// The pair's records, oldest first.
pub fn sessions(conn: &mut DbConnection, pair: &Pair) -> AppResult<Vec<SessionRow>> {
    store::sessions(conn, pair.parties)
}

/// The actions agreed in the pair's records.
pub fn actions(conn: &mut DbConnection, pair: &Pair) -> AppResult<Vec<ActionRow>> {
    let ids: Vec<i32> = store::sessions(conn, pair.parties)?
        .iter()
        .map(|session| session.id)
        .collect();
    store::actions_of_sessions(conn, &ids)
}

/// The comments on one of the pair's records, oldest first; a record of another pair has
/// none to give.
pub fn comments(
    conn: &mut DbConnection,
    pair: &Pair,
    session: &SessionRow,
) -> AppResult<Vec<Comment>> {
    let of_pair = session.supervisor_id == pair.parties.supervisor
        && session.supervisee_id == pair.parties.supervisee;
    if !of_pair {
        return Ok(Vec::new());
    }
    store::comments(conn, session.id)
}
