//! Entries in brief, as a list of results shows them: what, when, whose, and the cases and
//! tags linked, read for a page of ids in three queries.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{EntryKind, Visibility};
use crate::error::{AppError, AppResult};
use crate::platform::db::ids::InIds;
use crate::platform::db::schema::{cases, entries, entry_cases, entry_tags, tags, users};

/// One entry in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySummary {
    /// Row id.
    pub id: i32,
    /// Author's user id.
    pub author_id: i32,
    /// Author's display name.
    pub author_name: String,
    /// Diary, reflection or CPD.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// The day it is about.
    pub occurred_on: NaiveDate,
    /// Private or shared.
    pub visibility: Visibility,
    /// When it went to the bin, if it did.
    pub deleted_at: Option<NaiveDateTime>,
    /// The Markdown body (for an opening line when nothing was searched for).
    pub body: String,
    /// References of linked cases, in order.
    pub cases: Vec<String>,
    /// Codes of linked tags, in order.
    pub tags: Vec<String>,
}

type SummaryRow = (
    i32,
    i32,
    String,
    String,
    String,
    NaiveDate,
    String,
    Option<NaiveDateTime>,
    String,
);

/// The entries with these ids, in id order; ids with no entry are left out.
pub fn summaries(conn: &mut DbConnection, ids: &[i32]) -> AppResult<Vec<EntrySummary>> {
    let rows: Vec<SummaryRow> = entries::table
        .inner_join(users::table)
        .filter(entries::id.in_ids(ids))
        .order(entries::id.asc())
        .select((
            entries::id,
            entries::author_id,
            users::display_name,
            entries::kind,
            entries::title,
            entries::occurred_on,
            entries::visibility,
            entries::deleted_at,
            entries::body,
        ))
        .load(conn)?;
    let mut case_refs = links(
        entry_cases::table
            .inner_join(cases::table)
            .filter(entry_cases::entry_id.in_ids(ids))
            .order(cases::reference.asc())
            .select((entry_cases::entry_id, cases::reference))
            .load(conn)?,
    );
    let mut tag_codes = links(
        entry_tags::table
            .inner_join(tags::table)
            .filter(entry_tags::entry_id.in_ids(ids))
            .order(tags::code.asc())
            .select((entry_tags::entry_id, tags::code))
            .load(conn)?,
    );
    rows.into_iter()
        .map(
            |(
                id,
                author_id,
                author_name,
                kind,
                title,
                occurred_on,
                visibility,
                deleted_at,
                body,
            )| {
                let stored = |what: &str, text: &str| {
                    AppError::Internal(format!("entry {id}: unknown {what} {text:?}"))
                };
                Ok(EntrySummary {
                    id,
                    author_id,
                    author_name,
                    kind: EntryKind::parse(&kind).ok_or_else(|| stored("kind", &kind))?,
                    title,
                    occurred_on,
                    visibility: Visibility::parse(&visibility)
                        .ok_or_else(|| stored("visibility", &visibility))?,
                    deleted_at,
                    body,
                    cases: case_refs.remove(&id).unwrap_or_default(),
                    tags: tag_codes.remove(&id).unwrap_or_default(),
                })
            },
        )
        .collect()
}

/// (entry id, text) pairs grouped by entry, keeping their order.
fn links(pairs: Vec<(i32, String)>) -> HashMap<i32, Vec<String>> {
    let mut by_entry: HashMap<i32, Vec<String>> = HashMap::new();
    for (entry_id, text) in pairs {
        by_entry.entry(entry_id).or_default().push(text);
    }
    by_entry
}
