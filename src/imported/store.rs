//! The imported_records table. Private to the slice: the service asks the policy first.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{ImportedDraft, ImportedKind, ImportedRecord};
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::imported_records as table;

#[derive(Queryable, Selectable)]
#[diesel(table_name = table)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct Row {
    id: i32,
    user_id: i32,
    kind: String,
    title: String,
    occurred_on: Option<NaiveDate>,
    body: String,
    original: String,
    source_key: String,
    imported_at: NaiveDateTime,
}

impl Row {
    /// The row as a record; a kind or original this version cannot read is a fault.
    fn record(self) -> AppResult<ImportedRecord> {
        let id = self.id;
        let fault = |what: String| AppError::Internal(format!("imported record {id}: {what}"));
        let kind = ImportedKind::parse(&self.kind).ok_or_else(|| fault(self.kind.clone()))?;
        let original =
            serde_json::from_str(&self.original).map_err(|error| fault(error.to_string()))?;
        Ok(ImportedRecord {
            id,
            owner_id: self.user_id,
            imported_at: self.imported_at,
            copy: ImportedDraft {
                kind,
                title: self.title,
                occurred_on: self.occurred_on,
                body: self.body,
                original,
                source_key: self.source_key,
            },
        })
    }
}

/// Writes a copy for `owner_id`; returns its id.
pub(super) fn insert(
    conn: &mut DbConnection,
    owner_id: i32,
    draft: &ImportedDraft,
    now: NaiveDateTime,
) -> AppResult<i32> {
    Ok(diesel::insert_into(table::table)
        .values((
            table::user_id.eq(owner_id),
            table::kind.eq(draft.kind.as_str()),
            table::title.eq(&draft.title),
            table::occurred_on.eq(draft.occurred_on),
            table::body.eq(&draft.body),
            table::original.eq(draft.original.to_string()),
            table::source_key.eq(&draft.source_key),
            table::imported_at.eq(now),
        ))
        .returning(table::id)
        .get_result(conn)?)
}

/// The copies `owner_id` holds, oldest original first.
pub(super) fn of_owner(conn: &mut DbConnection, owner_id: i32) -> AppResult<Vec<ImportedRecord>> {
    table::table
        .filter(table::user_id.eq(owner_id))
        .order((table::occurred_on.asc(), table::id.asc()))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::record)
        .collect()
}

/// The copy with `id`, whoever holds it.
pub(super) fn find(conn: &mut DbConnection, id: i32) -> AppResult<Option<ImportedRecord>> {
    table::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::record)
        .transpose()
}
