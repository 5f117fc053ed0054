//! Deadlines on the person's own cases that are overdue or due within the week.

use crate::platform::db::DbConnection;

use crate::deadlines::engine::DeadlineStatus;
use crate::deadlines::service;
use crate::error::AppResult;
use crate::inbox::item::{day, segment};
use crate::inbox::{Asking, InboxItem, ItemKind};

/// One item per open deadline due by the end of the week. A custom deadline's label is the
/// worker's own words, so it is named only as a custom deadline.
pub fn items(conn: &mut DbConnection, asking: &Asking<'_>) -> AppResult<Vec<InboxItem>> {
    let mut items = Vec::new();
    for open in service::my_deadlines(conn, asking.actor, asking.timescales, asking.today, true)? {
        let deadline = &open.deadline;
        if deadline.status == DeadlineStatus::Met || deadline.due_on > asking.week_end() {
            continue;
        }
        let title = if deadline.kind == "custom" {
            "Custom deadline"
        } else {
            deadline.title.as_str()
        };
        items.push(
            InboxItem::new(
                ItemKind::DeadlineDue,
                format!("{title}, due {}", day(deadline.due_on)),
                deadline.due_on,
                format!("/cases/{}#deadlines-heading", segment(&open.reference)),
            )
            .due(deadline.due_on, asking.today)
            .with_case(&open.reference),
        );
    }
    Ok(items)
}
