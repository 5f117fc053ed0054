//! What someone else is told about a worker's case deadlines: a type that holds the case
//! reference, what is due, the due date and its status, and nothing more. A custom deadline's
//! own label (and anything about the event that started it) never leaves this slice for
//! another reader.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::engine::DeadlineStatus;
use super::service::{CaseDeadline, worker_deadlines};
use super::timescales::{CUSTOM, Timescales};
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::policy;

/// What a custom deadline is called for anyone but its worker.
pub const CUSTOM_TITLE: &str = "Custom deadline";

/// A deadline as a supervisor may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosedDeadline {
    /// The case's reference.
    pub reference: String,
    /// What is due: the rule's kind, or `custom`.
    pub kind: String,
    /// The rule's title, or [`CUSTOM_TITLE`].
    pub title: String,
    /// The last day it may be met on.
    pub due_on: NaiveDate,
    /// Due, overdue or met.
    pub status: DeadlineStatus,
}

/// Keeps what may be disclosed of one deadline.
fn disclose(item: CaseDeadline) -> DisclosedDeadline {
    let CaseDeadline {
        reference,
        deadline,
    } = item;
    let title = if deadline.kind == CUSTOM {
        CUSTOM_TITLE.to_string()
    } else {
        deadline.title
    };
    DisclosedDeadline {
        reference,
        kind: deadline.kind,
        title,
        due_on: deadline.due_on,
        status: deadline.status,
    }
}

/// The open deadlines of `worker_id` as the actor may see them: the actor's own, or those of
/// someone the policy says they supervise or educate; anyone else's is not found.
pub fn open_deadlines_of(
    conn: &mut DbConnection,
    actor: &Actor,
    worker_id: i32,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Vec<DisclosedDeadline>> {
    let may_see = worker_id == actor.user_id
        || policy::scope_of(conn, actor)?
            .deadline_people()
            .contains(&worker_id);
    if !may_see {
        return Err(AppError::NotFound);
    }
    Ok(worker_deadlines(conn, worker_id, timescales, today, true)?
        .into_iter()
        .map(disclose)
        .collect())
}

/// One supervisee's open deadlines, as their supervisor sees them.
#[derive(Debug, Clone)]
pub struct SuperviseeDeadlines {
    /// The supervisee's name.
    pub name: String,
    /// Their open deadlines.
    pub deadlines: Vec<DisclosedDeadline>,
}

/// The open deadlines of everyone the actor supervises or educates, for planning supervision.
pub fn supervisees_deadlines(
    conn: &mut DbConnection,
    actor: &Actor,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Vec<SuperviseeDeadlines>> {
    let supervisees = policy::scope_of(conn, actor)?.deadline_people().to_vec();
    let names: HashMap<i32, String> = crate::accounts::directory::names(conn, &supervisees)?
        .into_iter()
        .map(|(id, _, name)| (id, name))
        .collect();
    let mut all = Vec::new();
    for supervisee in supervisees {
        all.push(SuperviseeDeadlines {
            name: names.get(&supervisee).cloned().unwrap_or_default(),
            deadlines: open_deadlines_of(conn, actor, supervisee, timescales, today)?,
        });
    }
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}
