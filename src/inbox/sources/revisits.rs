//! The person's own reflections whose action plan has come due to be looked at again.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::inbox::item::day;
use crate::inbox::{Asking, InboxItem, ItemKind};
use crate::journal::revisit;

/// One item per reflection of the person's due to be revisited today or before; named by its
/// dates alone, never its title.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    Ok(revisit::due(conn, asking.actor, asking.today)?
        .into_iter()
        .map(|due| {
            InboxItem::new(
                ItemKind::RevisitDue,
                format!(
                    "Reflection of {}, to revisit on {}",
                    day(due.occurred_on),
                    day(due.revisit_on)
                ),
                due.revisit_on,
                format!("/entries/{}#revisit", due.entry_id),
            )
            .due(due.revisit_on, asking.today)
        })
        .collect())
}
