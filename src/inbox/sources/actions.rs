//! The person's own open supervision actions that are late or due within the week.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::{day, segment};
use crate::inbox::{Asking, InboxItem, ItemKind};
use crate::supervision::model::ActionStatus;
use crate::supervision::{pair, projection};

/// One item per open action the person owns, due by the end of the week.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let me = asking.actor.user_id;
    let mut items = Vec::new();
    for pair in pair::all_of(conn, asking.actor)? {
        let sessions = projection::sessions(conn, &pair)?;
        for action in projection::actions(conn, &pair)? {
            let open = action.status() == ActionStatus::Open;
            if action.owner_id != me || !open || action.due_on > asking.week_end() {
                continue;
            }
            let agreed_on = sessions
                .iter()
                .find(|session| session.id == action.session_id)
                .map(|session| format!(" from the session of {}", day(session.held_on)))
                .unwrap_or_default();
            items.push(
                InboxItem::new(
                    ItemKind::ActionDue,
                    format!("Action{agreed_on}, due {}", day(action.due_on)),
                    action.due_on,
                    format!(
                        "/supervision/with/{}#status-{}",
                        segment(pair.other()),
                        action.id
                    ),
                )
                .due(action.due_on, asking.today)
                .with_other(pair.other_name()),
            );
        }
    }
    Ok(items)
}
