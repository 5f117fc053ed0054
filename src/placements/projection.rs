//! What other slices (the inbox) read of a placement. The placements store is private to
//! this slice: each read here asks for the reader's [`PlacementCapabilities`], which only the
//! policy makes, so a caller must have asked the policy about the placement first.

use crate::platform::db::DbConnection;

use super::model::{EvidenceComment, EvidenceRow, LearningAgreement, Placement, ReviewRow};
use super::store::{self, EntryLine};
use crate::error::AppResult;
use crate::platform::policy::PlacementCapabilities;

/// The placement's learning agreement, if drafted.
pub fn agreement(
    conn: &mut DbConnection,
    placement: &Placement,
    _can: PlacementCapabilities,
) -> AppResult<Option<LearningAgreement>> {
    store::agreement(conn, placement.id)
}

/// The placement's reviews, for those who read them (not an on-site supervisor).
pub fn reviews(
    conn: &mut DbConnection,
    placement: &Placement,
    can: PlacementCapabilities,
) -> AppResult<Vec<ReviewRow>> {
    if !can.reads_reviews() {
        return Ok(Vec::new());
    }
    store::reviews(conn, placement.id)
}

/// The evidence linked to the placement, with a line about each entry.
pub fn evidence(
    conn: &mut DbConnection,
    placement: &Placement,
    _can: PlacementCapabilities,
) -> AppResult<Vec<(EvidenceRow, EntryLine)>> {
    store::evidence(conn, placement.id)
}

/// The comments on the placement's evidence, oldest first.
pub fn comments(
    conn: &mut DbConnection,
    placement: &Placement,
    _can: PlacementCapabilities,
) -> AppResult<Vec<EvidenceComment>> {
    store::comments(conn, placement.id)
}
