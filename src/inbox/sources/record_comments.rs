//! Comments and disagreements the other party wrote on the person's supervision records,
//! until the person replies there or marks them as read.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::{day, local_day};
use crate::inbox::{Asking, InboxItem, ItemKind, seen};
use crate::supervision::{pair, projection};

/// One item per record with unread comments; a disagreement among them makes it one.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let me = asking.actor.user_id;
    let mut items = Vec::new();
    for pair in pair::all_of(conn, asking.actor)? {
        for session in projection::sessions(conn, &pair)? {
            let comments = projection::comments(conn, &pair, &session)?;
            if comments.is_empty() {
                continue;
            }
            let mark = seen::last_seen(conn, me, seen::SESSION, session.id)?;
            let unread = seen::unread(&comments, me, mark, |c| (c.author_id, c.id));
            let Some(first) = unread.first() else {
                continue;
            };
            let kind = if unread.iter().any(|comment| comment.disagrees) {
                ItemKind::RecordDisagreement
            } else {
                ItemKind::RecordComment
            };
            let count = unread.len();
            let what = format!(
                "{count} new {} on the record of {}",
                if count == 1 { "comment" } else { "comments" },
                day(session.held_on)
            );
            items.push(
                InboxItem::new(
                    kind,
                    what,
                    local_day(first.created_at),
                    format!("/supervision/sessions/{}#comments-heading", session.id),
                )
                .with_other(pair.other_name())
                .seen_on(
                    seen::SESSION,
                    session.id,
                    unread.last().map_or(0, |c| c.id),
                ),
            );
        }
    }
    Ok(items)
}
