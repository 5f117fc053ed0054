//! The inbox's use cases, shared by the page, the dashboard, the API and the email digest.

use crate::platform::db::DbConnection;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{Asking, Inbox, collect, seen};
use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::db::Database;

/// Everything waiting for `actor` on `today`.
pub fn inbox(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Inbox> {
    collect(
        conn,
        &Asking {
            actor,
            today,
            timescales,
        },
    )
}

/// The same, off the async executor.
pub async fn load(
    db: &Database,
    actor: &Actor,
    timescales: &Arc<Timescales>,
    today: NaiveDate,
) -> AppResult<Inbox> {
    let actor = actor.clone();
    let timescales = Arc::clone(timescales);
    db.run(move |conn| inbox(conn, &actor, &timescales, today))
        .await
}

/// Marks the comments on `(kind, id)` as read up to comment `through` (the last one the
/// person was shown), if they are waiting for `actor` now; anything else (already read,
/// someone else's, made up) changes nothing. Returns whether it did.
pub fn mark_read(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    subject: (&str, i32, i32),
    today: NaiveDate,
) -> AppResult<bool> {
    let (kind, id, through) = subject;
    let waiting = inbox(conn, actor, timescales, today)?
        .items
        .iter()
        .filter_map(|item| item.seen)
        .find(|seen| seen.kind == kind && seen.id == id);
    match waiting {
        Some(seen) => {
            // A comment that came after the page was shown stays unread.
            seen::mark(conn, actor.user_id, kind, id, through.min(seen.through))?;
            Ok(true)
        }
        None => Ok(false),
    }
}
