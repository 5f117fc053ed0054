//! Comments others wrote on a student's placement evidence, until the student replies there
//! or marks them as read.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::local_day;
use crate::inbox::{Asking, InboxItem, ItemKind, seen};
use crate::placements::{access, projection, service};
use crate::platform::policy::PlacementRole;

/// One item per piece of the student's evidence with unread comments.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let me = asking.actor.user_id;
    let mut items = Vec::new();
    for placement in service::list(conn, asking.actor)? {
        let Some(can) = access::capabilities(conn, asking.actor, &placement)? else {
            continue;
        };
        if can.role() != PlacementRole::Student {
            continue;
        }
        let comments = projection::comments(conn, &placement, can)?;
        if comments.is_empty() {
            continue;
        }
        for (evidence, _) in projection::evidence(conn, &placement, can)? {
            let on_this: Vec<_> = comments
                .iter()
                .filter(|comment| comment.evidence_id == evidence.id)
                .collect();
            let mark = seen::last_seen(conn, me, seen::EVIDENCE, evidence.id)?;
            let unread = seen::unread(&on_this, me, mark, |c| (c.author_id, c.id));
            let Some(first) = unread.first() else {
                continue;
            };
            let count = unread.len();
            items.push(
                InboxItem::new(
                    ItemKind::EvidenceComment,
                    format!(
                        "{count} new {} on evidence for {}",
                        if count == 1 { "comment" } else { "comments" },
                        evidence.domain
                    ),
                    local_day(first.created_at),
                    format!("/placements/{}#evidence-{}", placement.id, evidence.id),
                )
                .seen_on(
                    seen::EVIDENCE,
                    evidence.id,
                    unread.last().map_or(0, |c| c.id),
                ),
            );
        }
    }
    Ok(items)
}
