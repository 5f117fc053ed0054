//! Supervision sessions overdue or due within the week, by the pair's agreement.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::{day, segment};
use crate::inbox::{Asking, InboxItem, ItemKind};
use crate::supervision::history;

/// One item per pair whose next session is overdue or due within the week.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let mut items = Vec::new();
    for line in history::overview(conn, asking.actor, asking.today)? {
        let Some(due) = line.next_due else { continue };
        if due > asking.week_end() {
            continue;
        }
        items.push(
            InboxItem::new(
                ItemKind::SupervisionDue,
                format!("Supervision due {}", day(due)),
                due,
                format!(
                    "/supervision/with/{}/sessions/new",
                    segment(line.pair.other())
                ),
            )
            .due(due, asking.today)
            .with_other(line.pair.other_name()),
        );
    }
    Ok(items)
}
