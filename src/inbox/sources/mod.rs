//! The sources of "Waiting for you", one file each. A source reads only what its person may
//! act on and returns items of its own kinds.

mod actions;
mod deadlines;
mod evidence_comments;
mod placement_signatures;
mod record_comments;
mod revisits;
mod supervision_due;
mod supervision_signatures;

use crate::platform::db::DbConnection;

use super::{Asking, InboxItem};
use crate::error::AppResult;

/// A source of waiting items.
pub type Source = fn(&mut DbConnection, &Asking<'_>) -> AppResult<Vec<InboxItem>>;

/// Every source, in no particular order (the inbox sorts).
pub const ALL: &[Source] = &[
    supervision_signatures::items,
    placement_signatures::items,
    record_comments::items,
    evidence_comments::items,
    supervision_due::items,
    actions::items,
    deadlines::items,
    revisits::items,
];
