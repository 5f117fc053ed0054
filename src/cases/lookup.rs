//! What other slices may ask about cases. The cases store is private to this slice: a
//! journal list, a search filter or a link resolves the asker's own references through the
//! actor; the deadline lists and supervision records, which the policy has already let see
//! a worker's case references, name that worker.

use crate::platform::db::DbConnection;

use super::model::Case;
use super::store;
use crate::error::AppResult;
use crate::platform::auth::Actor;

/// One of the actor's own cases by reference (case-insensitive).
pub fn own_case(
    conn: &mut DbConnection,
    actor: &Actor,
    reference: &str,
) -> AppResult<Option<Case>> {
    store::find_by_reference(conn, actor.user_id, reference)
}

/// Ids of the actor's own cases with these references, and the references that name none.
pub fn resolve_own(
    conn: &mut DbConnection,
    actor: &Actor,
    references: &[String],
) -> AppResult<(Vec<i32>, Vec<String>)> {
    store::resolve_references(conn, actor.user_id, references)
}

/// Every case of a worker whose deadlines the caller lists (their own, or one the policy's
/// scope discloses).
pub fn cases_of_worker(conn: &mut DbConnection, worker_id: i32) -> AppResult<Vec<Case>> {
    store::list(conn, worker_id, None)
}

/// The references of a supervisee's cases and nothing else about them: what a supervision
/// record of their pair may name.
pub fn references_of_supervisee(
    conn: &mut DbConnection,
    supervisee_id: i32,
) -> AppResult<Vec<String>> {
    store::references(conn, supervisee_id)
}
