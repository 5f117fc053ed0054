//! Writing generated entries fast: one immediate transaction per batch, multi-row inserts
//! chunked to stay inside SQLite's limit of 32766 bound parameters per statement.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::compose::{DemoEntry, Writer};
use crate::error::{AppError, AppResult};
use crate::journal::cpd_activity::CpdActivity;
use crate::journal::reflective::ReflectiveModel;
use crate::platform::db::schema::{
    cpd_records, entries, entry_cases, entry_sections, entry_tags, tags,
};

/// Bound parameters allowed in one SQLite statement.
const MAX_PARAMETERS: usize = 32_766;

#[derive(Insertable)]
#[diesel(table_name = entries, treat_none_as_default_value = false)]
struct EntryRow<'a> {
    id: i32,
    author_id: i32,
    kind: &'static str,
    title: &'a str,
    occurred_on: NaiveDate,
    occurred_at: Option<NaiveTime>,
    body: &'a str,
    mood: Option<i32>,
    visibility: &'static str,
    for_supervision: bool,
    model: Option<&'static str>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = entry_sections)]
struct SectionRow<'a> {
    entry_id: i32,
    stage: &'static str,
    body: &'a str,
}

#[derive(Insertable)]
#[diesel(table_name = cpd_records, treat_none_as_default_value = false)]
struct CpdRow<'a> {
    entry_id: i32,
    activity: CpdActivity,
    activity_type: &'a str,
    description: &'a str,
    learning: &'a str,
    impact: &'a str,
    peer_role: Option<&'a str>,
    peer_reflection: Option<&'a str>,
    hours: f64,
}

/// Inserts `rows` with as many rows per statement as `columns` allows.
macro_rules! insert_chunked {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks(MAX_PARAMETERS / $columns) {
            $crate::on_backend!(&mut *$conn, |c| diesel::insert_into($table)
                .values(chunk)
                .execute(c))?;
        }
    };
}

/// Ids of the catalogue tags by code.
pub fn tag_ids(conn: &mut DbConnection) -> AppResult<HashMap<String, i32>> {
    Ok(tags::table
        .filter(tags::owner_id.is_null())
        .select((tags::code, tags::id))
        .load::<(String, i32)>(conn)?
        .into_iter()
        .collect())
}

/// The id the next entry can be stored under.
pub fn next_entry_id(conn: &mut DbConnection) -> AppResult<i32> {
    let last: Option<i32> = entries::table
        .select(diesel::dsl::max(entries::id))
        .first(conn)?;
    Ok(last.unwrap_or(0) + 1)
}

/// Stores one batch of entries with their sections, CPD fields and links.
pub fn write_batch(
    conn: &mut DbConnection,
    batch: &[DemoEntry],
    writers: &[Writer],
    tag_ids: &HashMap<String, i32>,
) -> AppResult<()> {
    let mut entry_rows = Vec::with_capacity(batch.len());
    let mut sections = Vec::new();
    let mut cpd = Vec::new();
    let mut case_links = Vec::new();
    let mut tag_links = Vec::new();
    for entry in batch {
        entry_rows.push(EntryRow {
            id: entry.id,
            author_id: writers[entry.writer].user_id,
            kind: entry.kind.as_str(),
            title: &entry.title,
            occurred_on: entry.occurred_on,
            occurred_at: entry.occurred_at,
            body: &entry.body,
            mood: entry.mood,
            visibility: entry.visibility.as_str(),
            for_supervision: entry.for_supervision,
            model: entry.model.map(ReflectiveModel::as_str),
            created_at: entry.created_at,
            updated_at: entry.created_at,
        });
        sections.extend(entry.sections.iter().map(|(stage, body)| SectionRow {
            entry_id: entry.id,
            stage,
            body,
        }));
        if let Some(record) = &entry.cpd {
            cpd.push(CpdRow {
                entry_id: entry.id,
                activity: record.activity,
                activity_type: &record.activity_type,
                description: &record.description,
                learning: &record.learning,
                impact: &record.impact,
                peer_role: record.peer_role.as_deref(),
                peer_reflection: record.peer_reflection.as_deref(),
                hours: record.hours,
            });
        }
        for &case_id in &entry.case_ids {
            case_links.push((
                entry_cases::entry_id.eq(entry.id),
                entry_cases::case_id.eq(case_id),
            ));
        }
        for code in &entry.tags {
            let tag_id = *tag_ids.get(*code).ok_or_else(|| {
                AppError::Internal(format!("demo data uses {code}, which the catalogue lacks"))
            })?;
            tag_links.push((
                entry_tags::entry_id.eq(entry.id),
                entry_tags::tag_id.eq(tag_id),
            ));
        }
    }
    conn.immediate_transaction(|conn| {
        insert_chunked!(conn, entries::table, entry_rows, 13);
        insert_chunked!(conn, entry_sections::table, sections, 3);
        insert_chunked!(conn, cpd_records::table, cpd, 8);
        insert_chunked!(conn, entry_cases::table, case_links, 2);
        insert_chunked!(conn, entry_tags::table, tag_links, 2);
        Ok(())
    })
}
