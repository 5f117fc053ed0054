//! Reads of someone's work by other people, kept so that each person can see who opened what
//! they shared or wrote with others. Only ids and a kind are stored: a title is looked up when
//! the log is shown, through the same permission check as any other read.

use chrono::{NaiveDateTime, Timelike};
use diesel::prelude::*;

use crate::error::{AppError, AppResult};
use crate::platform::db::schema::{access_log, users};
use crate::platform::text_enum::text_enum;

text_enum! {
    /// What kind of record was read.
    RecordKind {
        /// A journal entry.
        Entry => ("entry", "entry"),
        /// A supervision record.
        SupervisionRecord => ("supervision_record", "supervision record"),
        /// A placement's learning agreement or a review.
        PlacementDocument => ("placement_document", "placement document"),
        /// A placement's evidence.
        PlacementEvidence => ("placement_evidence", "placement evidence"),
    }
}

/// One person opening another's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    /// Whose record it is (the person whose log shows the read).
    pub owner_id: i32,
    /// Who opened it.
    pub reader_id: i32,
    /// What kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
}

/// Notes a read in its owner's log. Reading one's own record is not logged, and a reader
/// opening the same record again within the same clock hour adds nothing: one small
/// statement, so that a page served from a GET stays cheap under load.
pub fn note(conn: &mut SqliteConnection, read: Read, now: NaiveDateTime) -> AppResult<()> {
    if read.owner_id == read.reader_id {
        return Ok(());
    }
    diesel::insert_or_ignore_into(access_log::table)
        .values((
            access_log::owner_id.eq(read.owner_id),
            access_log::reader_id.eq(read.reader_id),
            access_log::record_kind.eq(read.kind.as_str()),
            access_log::record_id.eq(read.record_id),
            access_log::read_hour.eq(start_of_hour(now)),
            access_log::read_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// The clock hour `at` falls in, which keys the one-row-per-hour rule.
fn start_of_hour(at: NaiveDateTime) -> NaiveDateTime {
    at.date().and_hms_opt(at.hour(), 0, 0).unwrap_or(at)
}

/// A read as its owner's log lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRead {
    /// Row id.
    pub id: i32,
    /// Who opened the record.
    pub reader_id: i32,
    /// Their shown name.
    pub reader_name: String,
    /// Their stored role.
    pub reader_role: String,
    /// What kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
    /// When (UTC).
    pub read_at: NaiveDateTime,
}

type LoggedRow = (i32, i32, String, String, String, i32, NaiveDateTime);

/// Reads of `owner_id`'s records, newest first, `limit` at a time after skipping `offset`.
pub fn of_owner(
    conn: &mut SqliteConnection,
    owner_id: i32,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<LoggedRead>> {
    let rows: Vec<LoggedRow> = access_log::table
        .inner_join(users::table.on(users::id.eq(access_log::reader_id)))
        .filter(access_log::owner_id.eq(owner_id))
        .select((
            access_log::id,
            access_log::reader_id,
            users::display_name,
            users::role,
            access_log::record_kind,
            access_log::record_id,
            access_log::read_at,
        ))
        .order((access_log::read_at.desc(), access_log::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, reader_id, reader_name, reader_role, kind, record_id, read_at)| {
                let kind = RecordKind::parse(&kind).ok_or_else(|| {
                    AppError::Internal(format!("access log row {id} has an unknown kind {kind:?}"))
                })?;
                Ok(LoggedRead {
                    id,
                    reader_id,
                    reader_name,
                    reader_role,
                    kind,
                    record_id,
                    read_at,
                })
            },
        )
        .collect()
}
