//! The drafts table. Every query is keyed by the writer's own id, so no function here can
//! read or change another person's draft.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::db::schema::drafts;

/// A kept draft: its fields as JSON text and when it was last saved.
#[derive(Debug, Clone, Queryable)]
pub(super) struct KeptDraft {
    pub(super) fields: String,
    pub(super) saved_at: NaiveDateTime,
}

/// The writer's draft of `form_key`, if any.
pub(super) fn read(
    conn: &mut DbConnection,
    writer_id: i32,
    form_key: &str,
) -> AppResult<Option<KeptDraft>> {
    Ok(drafts::table
        .filter(drafts::user_id.eq(writer_id))
        .filter(drafts::form_key.eq(form_key))
        .select((drafts::fields, drafts::saved_at))
        .first(conn)
        .optional()?)
}

/// Keeps `fields` as the writer's draft of `form_key`, replacing an earlier one.
pub(super) fn keep(
    conn: &mut DbConnection,
    writer_id: i32,
    form_key: &str,
    fields: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    crate::on_backend!(conn, |c| diesel::insert_into(drafts::table)
        .values((
            drafts::user_id.eq(writer_id),
            drafts::form_key.eq(form_key),
            drafts::fields.eq(fields),
            drafts::saved_at.eq(now),
        ))
        .on_conflict((drafts::user_id, drafts::form_key))
        .do_update()
        .set((drafts::fields.eq(fields), drafts::saved_at.eq(now)))
        .execute(c))?;
    Ok(())
}

/// Removes the writer's draft of `form_key`; true when there was one.
pub(super) fn discard(conn: &mut DbConnection, writer_id: i32, form_key: &str) -> AppResult<bool> {
    let removed = diesel::delete(
        drafts::table
            .filter(drafts::user_id.eq(writer_id))
            .filter(drafts::form_key.eq(form_key)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}
