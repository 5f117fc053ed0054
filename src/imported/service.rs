//! Reading and writing read-only copies. Reading asks the policy (a copy that is someone
//! else's answers like a missing id); writing happens only inside an import's transaction.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::{ImportedDraft, ImportedRecord, store};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::input::{LineEnds, check_controls, check_length};
use crate::platform::policy::{may_read_imported_record, require_visible};

/// The longest title kept.
const TITLE_MAX: usize = 300;
/// The longest text kept (a placement with a year of days stays well under it).
const BODY_MAX: usize = 2_000_000;

/// The copies the person holds: only their own, which the policy lets them read.
pub fn list(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<ImportedRecord>> {
    let records = store::of_owner(conn, actor.user_id)?;
    Ok(records
        .into_iter()
        .filter(|record| may_read_imported_record(actor, record.owner_id))
        .collect())
}

/// One copy, if the person may read it; otherwise the answer of a missing id.
pub fn get(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<ImportedRecord> {
    let record = store::find(conn, id)?.ok_or(AppError::NotFound)?;
    require_visible(may_read_imported_record(actor, record.owner_id))?;
    Ok(record)
}

/// Checks a copy the way typed text is checked.
pub fn check(draft: &ImportedDraft) -> AppResult<()> {
    let mut errors = FieldErrors::new();
    if draft.title.trim().is_empty() {
        errors.add("title", "A copy needs a title.");
    }
    check_length("title", &draft.title, TITLE_MAX, &mut errors);
    check_length("body", &draft.body, BODY_MAX, &mut errors);
    check_controls("title", &draft.title, LineEnds::Newline, &mut errors);
    check_controls(
        "body",
        &draft.body,
        LineEnds::WithCarriageReturn,
        &mut errors,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// Writes a copy for the person importing it; the caller holds the import's transaction.
pub fn write_imported(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &ImportedDraft,
    now: NaiveDateTime,
) -> AppResult<i32> {
    check(draft)?;
    store::insert(conn, actor.user_id, draft, now)
}
