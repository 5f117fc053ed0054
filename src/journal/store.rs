//! Diesel queries for entries and what hangs off them (sections, CPD fields, links,
//! revisions). Reading many entries loads their parts in one query per table, never per row.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use super::model::{
    CaseRef, CpdRecord, EntryInput, EntryKind, EntryRow, EntryView, SectionText, TagRef, Visibility,
};
use super::reflective::ReflectiveModel;
use crate::error::{AppError, AppResult};
use crate::platform::db::ids::InIds;
use crate::platform::db::schema::{
    cases, cpd_records, entries, entry_cases, entry_revisions, entry_sections, entry_tags, tags,
    users,
};
use crate::platform::policy::EntryAuthors;

/// A filtered, paginated list request. Entries come newest first (by day, then id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListQuery {
    /// Whose entries, as the policy's scope hands them out.
    pub authors: EntryAuthors,
    /// Only this kind.
    pub kind: Option<EntryKind>,
    /// Only entries linked to this case.
    pub case_id: Option<i32>,
    /// Only entries linked to every one of these tags.
    pub tag_ids: Vec<i32>,
    /// Only entries on or after this day.
    pub from: Option<NaiveDate>,
    /// Only entries on or before this day.
    pub to: Option<NaiveDate>,
    /// Only entries flagged for supervision.
    pub for_supervision: bool,
    /// Continue after this (day, id), from a previous page's cursor.
    pub after: Option<(NaiveDate, i32)>,
    /// Most entries to return.
    pub limit: i64,
}

/// The columns an entry's content fills, shared by insert and update so the two cannot
/// drift apart. `None` clears a column (mood, time, model) on update.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = entries, treat_none_as_null = true)]
struct EntryColumns<'a> {
    kind: &'a str,
    title: &'a str,
    occurred_on: NaiveDate,
    occurred_at: Option<NaiveTime>,
    body: &'a str,
    mood: Option<i32>,
    visibility: &'a str,
    for_supervision: bool,
    model: Option<&'a str>,
    revisit_on: Option<NaiveDate>,
    updated_at: NaiveDateTime,
}

impl<'a> EntryColumns<'a> {
    fn new(input: &'a EntryInput, now: NaiveDateTime) -> Self {
        Self {
            kind: input.kind.as_str(),
            title: &input.title,
            occurred_on: input.occurred_on,
            occurred_at: input.occurred_at,
            body: &input.body,
            mood: input.mood,
            visibility: input.visibility.as_str(),
            for_supervision: input.for_supervision,
            model: input.model.map(ReflectiveModel::as_str),
            revisit_on: input.revisit_on,
            updated_at: now,
        }
    }
}

/// Inserts an entry with its parts and links; returns its id.
pub fn insert(
    conn: &mut DbConnection,
    author_id: i32,
    input: &EntryInput,
    links: &Links,
    now: NaiveDateTime,
) -> AppResult<i32> {
    let id: i32 = diesel::insert_into(entries::table)
        .values((
            EntryColumns::new(input, now),
            entries::author_id.eq(author_id),
            entries::created_at.eq(now),
        ))
        .returning(entries::id)
        .get_result(conn)?;
    write_parts(conn, id, input, links)?;
    Ok(id)
}

/// Replaces an entry's fields, parts and links.
pub fn update(
    conn: &mut DbConnection,
    id: i32,
    input: &EntryInput,
    links: &Links,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(entries::table.find(id))
        .set(EntryColumns::new(input, now))
        .execute(conn)?;
    diesel::delete(entry_sections::table.filter(entry_sections::entry_id.eq(id))).execute(conn)?;
    diesel::delete(cpd_records::table.filter(cpd_records::entry_id.eq(id))).execute(conn)?;
    diesel::delete(entry_cases::table.filter(entry_cases::entry_id.eq(id))).execute(conn)?;
    diesel::delete(entry_tags::table.filter(entry_tags::entry_id.eq(id))).execute(conn)?;
    write_parts(conn, id, input, links)
}

/// Resolved ids of the cases and tags an entry links to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// Case ids.
    pub case_ids: Vec<i32>,
    /// Tag ids.
    pub tag_ids: Vec<i32>,
}

fn write_parts(
    conn: &mut DbConnection,
    id: i32,
    input: &EntryInput,
    links: &Links,
) -> AppResult<()> {
    let sections: Vec<_> = input
        .sections
        .iter()
        .map(|(stage, body)| {
            (
                entry_sections::entry_id.eq(id),
                entry_sections::stage.eq(stage),
                entry_sections::body.eq(body),
            )
        })
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(entry_sections::table)
        .values(&sections)
        .execute(c))?;
    if let Some(cpd) = &input.cpd {
        diesel::insert_into(cpd_records::table)
            .values(&CpdRecord {
                entry_id: id,
                ..cpd.clone()
            })
            .execute(conn)?;
    }
    let case_links: Vec<_> = links
        .case_ids
        .iter()
        .map(|case_id| {
            (
                entry_cases::entry_id.eq(id),
                entry_cases::case_id.eq(case_id),
            )
        })
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(entry_cases::table)
        .values(&case_links)
        .execute(c))?;
    let tag_links: Vec<_> = links
        .tag_ids
        .iter()
        .map(|tag_id| (entry_tags::entry_id.eq(id), entry_tags::tag_id.eq(tag_id)))
        .collect();
    crate::on_backend!(conn, |c| diesel::insert_into(entry_tags::table)
        .values(&tag_links)
        .execute(c))?;
    Ok(())
}

/// One entry row, binned or not.
pub fn find_row(conn: &mut DbConnection, id: i32) -> AppResult<Option<EntryRow>> {
    Ok(entries::table
        .find(id)
        .select(EntryRow::as_select())
        .first(conn)
        .optional()?)
}

/// A page of entry rows that are not in the bin.
pub fn list_rows(conn: &mut DbConnection, query: &ListQuery) -> AppResult<Vec<EntryRow>> {
    let mut rows = entries::table
        .filter(entries::deleted_at.is_null())
        .select(EntryRow::as_select())
        .order((entries::occurred_on.desc(), entries::id.desc()))
        .limit(query.limit)
        .into_boxed();
    rows = match (query.authors.own(), query.authors.shared_by()) {
        (Some(author), _) => rows.filter(entries::author_id.eq(author)),
        (None, shared_by) => rows
            .filter(entries::author_id.eq_any(shared_by.unwrap_or_default().to_vec()))
            .filter(entries::visibility.eq(Visibility::Supervisor.as_str())),
    };
    if let Some(kind) = query.kind {
        rows = rows.filter(entries::kind.eq(kind.as_str()));
    }
    if let Some(case_id) = query.case_id {
        rows = rows.filter(
            entries::id.eq_any(
                entry_cases::table
                    .filter(entry_cases::case_id.eq(case_id))
                    .select(entry_cases::entry_id),
            ),
        );
    }
    for tag_id in &query.tag_ids {
        rows = rows.filter(
            entries::id.eq_any(
                entry_tags::table
                    .filter(entry_tags::tag_id.eq(*tag_id))
                    .select(entry_tags::entry_id),
            ),
        );
    }
    if let Some(from) = query.from {
        rows = rows.filter(entries::occurred_on.ge(from));
    }
    if let Some(to) = query.to {
        rows = rows.filter(entries::occurred_on.le(to));
    }
    if query.for_supervision {
        rows = rows.filter(entries::for_supervision.eq(true));
    }
    if let Some((day, id)) = query.after {
        rows = rows.filter(
            entries::occurred_on
                .lt(day)
                .or(entries::occurred_on.eq(day).and(entries::id.lt(id))),
        );
    }
    Ok(rows.load(conn)?)
}

/// Ids of the entries linked to a case (binned ones too).
pub fn entries_of_case(conn: &mut DbConnection, case_id: i32) -> AppResult<Vec<i32>> {
    Ok(entry_cases::table
        .filter(entry_cases::case_id.eq(case_id))
        .select(entry_cases::entry_id)
        .load(conn)?)
}

/// Entry rows with these ids, binned ones included, in id order.
pub fn rows_by_ids(conn: &mut DbConnection, ids: &[i32]) -> AppResult<Vec<EntryRow>> {
    Ok(entries::table
        .filter(entries::id.in_ids(ids))
        .order(entries::id.asc())
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// Ids of all entries, those in the bin too, author by author and then by day (the order of
/// the `entries_author_date` index, read without touching the table).
pub fn ids_by_author(conn: &mut DbConnection) -> AppResult<Vec<i32>> {
    Ok(entries::table
        .order((entries::author_id, entries::occurred_on, entries::id))
        .select(entries::id)
        .load(conn)?)
}

/// How many entries are not in the bin.
pub fn count_live(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(entries::table
        .filter(entries::deleted_at.is_null())
        .count()
        .get_result(conn)?)
}

/// An author's binned entries, most recently binned first.
pub fn binned_rows(conn: &mut DbConnection, author_id: i32) -> AppResult<Vec<EntryRow>> {
    Ok(entries::table
        .filter(entries::author_id.eq(author_id))
        .filter(entries::deleted_at.is_not_null())
        .order(entries::deleted_at.desc())
        .select(EntryRow::as_select())
        .load(conn)?)
}

/// Shares an entry with the author's supervisors and educators; reports whether it was
/// private until now.
pub fn share(conn: &mut DbConnection, id: i32, now: NaiveDateTime) -> AppResult<bool> {
    let changed = diesel::update(
        entries::table
            .find(id)
            .filter(entries::visibility.ne(Visibility::Supervisor.as_str())),
    )
    .set((
        entries::visibility.eq(Visibility::Supervisor.as_str()),
        entries::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Moves an entry to the bin (`Some(time)`) or back out of it (`None`).
pub fn set_deleted(
    conn: &mut DbConnection,
    id: i32,
    deleted_at: Option<NaiveDateTime>,
) -> AppResult<()> {
    diesel::update(entries::table.find(id))
        .set(entries::deleted_at.eq(deleted_at))
        .execute(conn)?;
    Ok(())
}

/// Removes for good the entries binned before `cutoff`; returns how many.
pub fn purge_binned_before(conn: &mut DbConnection, cutoff: NaiveDateTime) -> AppResult<usize> {
    Ok(diesel::delete(entries::table.filter(entries::deleted_at.lt(cutoff))).execute(conn)?)
}

/// Stores the snapshot of an entry taken before an edit; numbers count up from 1.
pub fn insert_revision(
    conn: &mut DbConnection,
    entry_id: i32,
    snapshot: &str,
    saved_at: NaiveDateTime,
) -> AppResult<i32> {
    let last: Option<i32> = entry_revisions::table
        .filter(entry_revisions::entry_id.eq(entry_id))
        .select(diesel::dsl::max(entry_revisions::number))
        .first(conn)?;
    let number = last.unwrap_or(0) + 1;
    diesel::insert_into(entry_revisions::table)
        .values((
            entry_revisions::entry_id.eq(entry_id),
            entry_revisions::number.eq(number),
            entry_revisions::snapshot.eq(snapshot),
            entry_revisions::saved_at.eq(saved_at),
        ))
        .execute(conn)?;
    Ok(number)
}

/// An entry's revisions, newest first: (number, snapshot JSON, when it was replaced).
pub fn revisions(
    conn: &mut DbConnection,
    entry_id: i32,
) -> AppResult<Vec<(i32, String, NaiveDateTime)>> {
    Ok(entry_revisions::table
        .filter(entry_revisions::entry_id.eq(entry_id))
        .order(entry_revisions::number.desc())
        .select((
            entry_revisions::number,
            entry_revisions::snapshot,
            entry_revisions::saved_at,
        ))
        .load(conn)?)
}

/// Assembles full views of the given rows, keeping their order.
pub fn views(conn: &mut DbConnection, rows: Vec<EntryRow>) -> AppResult<Vec<EntryView>> {
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    let author_ids: Vec<i32> = rows.iter().map(|row| row.author_id).collect();
    let authors: HashMap<i32, (String, String)> = users::table
        .filter(users::id.in_ids(&author_ids))
        .select((users::id, users::username, users::display_name))
        .load::<(i32, String, String)>(conn)?
        .into_iter()
        .map(|(id, username, name)| (id, (username, name)))
        .collect();
    let mut sections: HashMap<i32, Vec<(String, String)>> = HashMap::new();
    for (entry_id, stage, body) in entry_sections::table
        .filter(entry_sections::entry_id.in_ids(&ids))
        .select((
            entry_sections::entry_id,
            entry_sections::stage,
            entry_sections::body,
        ))
        .load::<(i32, String, String)>(conn)?
    {
        sections.entry(entry_id).or_default().push((stage, body));
    }
    let mut cpd: HashMap<i32, CpdRecord> = cpd_records::table
        .filter(cpd_records::entry_id.in_ids(&ids))
        .select(CpdRecord::as_select())
        .load(conn)?
        .into_iter()
        .map(|record| (record.entry_id, record))
        .collect();
    let mut case_refs: HashMap<i32, Vec<CaseRef>> = HashMap::new();
    for (entry_id, id, reference, label) in entry_cases::table
        .inner_join(cases::table)
        .filter(entry_cases::entry_id.in_ids(&ids))
        .order(cases::reference.asc())
        .select((
            entry_cases::entry_id,
            cases::id,
            cases::reference,
            cases::label,
        ))
        .load::<(i32, i32, String, Option<String>)>(conn)?
    {
        case_refs.entry(entry_id).or_default().push(CaseRef {
            id,
            reference,
            label,
        });
    }
    let mut tag_refs: HashMap<i32, Vec<TagRef>> = HashMap::new();
    for (entry_id, code, title, kind, owner_id) in entry_tags::table
        .inner_join(tags::table)
        .filter(entry_tags::entry_id.in_ids(&ids))
        .order(tags::code.asc())
        .select((
            entry_tags::entry_id,
            tags::code,
            tags::title,
            tags::kind,
            tags::owner_id,
        ))
        .load::<(i32, String, String, String, Option<i32>)>(conn)?
    {
        tag_refs.entry(entry_id).or_default().push(TagRef {
            code,
            title,
            kind,
            owner_id,
        });
    }
    rows.into_iter()
        .map(|row| {
            let (author, author_name) = authors.get(&row.author_id).cloned().unwrap_or_default();
            let written = sections.remove(&row.id).unwrap_or_default();
            let cases = case_refs.remove(&row.id).unwrap_or_default();
            let tags = tag_refs.remove(&row.id).unwrap_or_default();
            let cpd = cpd.remove(&row.id);
            assemble(row, author, author_name, written, cpd, cases, tags)
        })
        .collect()
}

fn assemble(
    row: EntryRow,
    author: String,
    author_name: String,
    written: Vec<(String, String)>,
    cpd: Option<CpdRecord>,
    cases: Vec<CaseRef>,
    tags: Vec<TagRef>,
) -> AppResult<EntryView> {
    let stored = |what: &str, text: &str| {
        AppError::Internal(format!("entry {}: unknown {what} {text:?}", row.id))
    };
    let kind = EntryKind::parse(&row.kind).ok_or_else(|| stored("kind", &row.kind))?;
    let visibility =
        Visibility::parse(&row.visibility).ok_or_else(|| stored("visibility", &row.visibility))?;
    let model = row
        .model
        .as_deref()
        .map(|name| ReflectiveModel::parse(name).ok_or_else(|| stored("model", name)))
        .transpose()?;
    // Sections come back in the model's stage order, whatever order they were stored in.
    let sections = match model {
        Some(model) => model
            .stages()
            .iter()
            .filter_map(|stage| {
                written
                    .iter()
                    .find(|(key, _)| key == stage.key)
                    .map(|(_, body)| SectionText {
                        stage: stage.key.to_string(),
                        title: stage.title.to_string(),
                        body: body.clone(),
                    })
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(EntryView {
        id: row.id,
        author_id: row.author_id,
        author,
        author_name,
        kind,
        title: row.title,
        occurred_on: row.occurred_on,
        occurred_at: row.occurred_at,
        body: row.body,
        mood: row.mood,
        visibility,
        for_supervision: row.for_supervision,
        model,
        sections,
        cpd,
        cases,
        tags,
        created_at: row.created_at,
        updated_at: row.updated_at,
        deleted_at: row.deleted_at,
        revisit_on: row.revisit_on,
    })
}
