//! Writing an imported entry inside a transaction the importer holds (one per file, so a bad
//! file writes nothing): the same checks as a new entry, the confidentiality guard's findings
//! reported rather than waited on, and the search outbox row beside it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::EntryDraft;
use super::service::checked;
use super::store;
use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::privacy_review::{Acknowledgement, Saved};
use crate::search::document::RecordType;
use crate::search::outbox;

/// Checks and writes one entry for `actor`; the caller holds the transaction. Returns the
/// new entry's id with what the guard found.
pub fn write(
    conn: &mut SqliteConnection,
    actor: &Actor,
    draft: &EntryDraft,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let (input, links, privacy_warnings) =
        checked(conn, actor, draft, Acknowledgement::Given, today)?;
    let id = store::insert(conn, actor.user_id, &input, &links, now)?;
    outbox::enqueue_new(conn, RecordType::Entry, id)?;
    Ok(Saved {
        record: id,
        privacy_warnings,
    })
}

/// Keeps the earlier versions of an imported entry, oldest first, as an edit would have kept
/// them (each as the form the API accepts, with when the next version replaced it); the
/// caller holds the transaction.
pub fn write_revisions(
    conn: &mut SqliteConnection,
    entry_id: i32,
    versions: &[(NaiveDateTime, EntryDraft)],
) -> AppResult<()> {
    for (replaced_at, draft) in versions {
        let snapshot = serde_json::to_string(draft)
            .map_err(|error| crate::error::AppError::Internal(format!("snapshot: {error}")))?;
        store::insert_revision(conn, entry_id, &snapshot, *replaced_at)?;
    }
    Ok(())
}
