//! Reads and signatures of someone's work by other people, kept so that each person can see
//! who opened or signed what they shared or wrote with others. Only ids, a kind and the act
//! are stored: a title is looked up when the log is shown, through the same permission check
//! as any other read.

use crate::platform::db::DbConnection;
use std::collections::HashSet;

use chrono::{NaiveDateTime, Timelike};
use diesel::prelude::*;

use crate::error::{AppError, AppResult};
use crate::platform::db::schema::{access_log, users};
use crate::platform::text_enum::text_enum;

text_enum! {
    /// What kind of record was read or signed.
    RecordKind {
        /// A journal entry.
        Entry => ("entry", "entry"),
        /// A supervision record.
        SupervisionRecord => ("supervision_record", "supervision record"),
        /// A placement's learning agreement and reviews (the id is the placement's).
        PlacementDocuments => ("placement_documents", "placement agreement and reviews"),
        /// The evidence linked to a placement (the id is the placement's).
        PlacementEvidence => ("placement_evidence", "placement evidence"),
    }
}

text_enum! {
    /// What the other person did with the record.
    Act {
        /// Opened it to read.
        Read => ("read", "Opened"),
        /// Signed it.
        Signed => ("signed", "Signed"),
        /// Saw an extract of it among search results, without opening it.
        SawInSearch => ("search_extract", "Saw an extract in search"),
        /// Read it in a supervision preparation pack.
        ReadInPack => ("preparation_pack", "Read in a preparation pack"),
    }
}

/// One person reading or signing a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    /// Who read or signed it.
    pub actor_id: i32,
    /// Read or signed.
    pub act: Act,
    /// What kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
}

/// Notes an access in the log of each of the record's `owners` (a supervision record has two)
/// other than the person acting: what one does with one's own records is not logged.
pub fn note(
    conn: &mut DbConnection,
    owners: &[i32],
    access: Access,
    now: NaiveDateTime,
) -> AppResult<()> {
    let noted: Vec<(i32, Access)> = owners.iter().map(|owner| (*owner, access)).collect();
    note_all(conn, &noted, now)
}

/// Notes many accesses by one person at once (a page of search results, a preparation
/// pack), each in its owner's log. Accesses to one's own records are left out. The same
/// person doing the same to the same record again within the clock hour adds nothing, and
/// then writes nothing, so that a page served from a GET stays cheap under load: one query
/// asks what this hour already holds, and one insert adds the rest.
pub fn note_all(
    conn: &mut DbConnection,
    accesses: &[(i32, Access)],
    now: NaiveDateTime,
) -> AppResult<()> {
    let others: Vec<&(i32, Access)> = accesses
        .iter()
        .filter(|(owner, access)| *owner != access.actor_id)
        .collect();
    let Some((_, first)) = others.first() else {
        return Ok(());
    };
    let actor_id = first.actor_id;
    if others.iter().any(|(_, access)| access.actor_id != actor_id) {
        return Err(AppError::Internal(
            "one call notes the accesses of one person".into(),
        ));
    }
    let hour = start_of_hour(now);
    let record_ids: Vec<i32> = others.iter().map(|(_, access)| access.record_id).collect();
    // Asked first, because an insert, even one ignored, takes SQLite's one write lock: a
    // supervisor reading a page again within the hour must not queue behind writers.
    let already: HashSet<(i32, String, String, i32)> = access_log::table
        .filter(access_log::actor_id.eq(actor_id))
        .filter(access_log::hour.eq(hour))
        .filter(access_log::record_id.eq_any(&record_ids))
        .select((
            access_log::owner_id,
            access_log::act,
            access_log::record_kind,
            access_log::record_id,
        ))
        .load::<(i32, String, String, i32)>(conn)?
        .into_iter()
        .collect();
    let rows: Vec<_> = others
        .iter()
        .filter(|(owner, access)| {
            !already.contains(&(
                *owner,
                access.act.as_str().to_string(),
                access.kind.as_str().to_string(),
                access.record_id,
            ))
        })
        .map(|(owner, access)| {
            (
                access_log::owner_id.eq(*owner),
                access_log::actor_id.eq(actor_id),
                access_log::act.eq(access.act.as_str()),
                access_log::record_kind.eq(access.kind.as_str()),
                access_log::record_id.eq(access.record_id),
                access_log::hour.eq(hour),
                access_log::occurred_at.eq(now),
            )
        })
        .collect();
    if !rows.is_empty() {
        crate::on_backend!(conn, |c| diesel::insert_into(access_log::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    Ok(())
}

/// The clock hour `at` falls in, which keys the one-row-per-hour rule.
fn start_of_hour(at: NaiveDateTime) -> NaiveDateTime {
    at.date().and_hms_opt(at.hour(), 0, 0).unwrap_or(at)
}

/// An access as its owner's log lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedAccess {
    /// Row id.
    pub id: i32,
    /// Who read or signed the record, by shown name.
    pub actor_name: String,
    /// Their stored role.
    pub actor_role: String,
    /// Read or signed.
    pub act: Act,
    /// What kind of record.
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
    /// When (UTC).
    pub occurred_at: NaiveDateTime,
}

type LoggedRow = (i32, String, String, String, String, i32, NaiveDateTime);

/// Accesses to `owner_id`'s records, newest first, `limit` at a time after skipping `offset`.
pub fn of_owner(
    conn: &mut DbConnection,
    owner_id: i32,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<LoggedAccess>> {
    let rows: Vec<LoggedRow> = access_log::table
        .inner_join(users::table.on(users::id.eq(access_log::actor_id)))
        .filter(access_log::owner_id.eq(owner_id))
        .select((
            access_log::id,
            users::display_name,
            users::role,
            access_log::act,
            access_log::record_kind,
            access_log::record_id,
            access_log::occurred_at,
        ))
        .order((access_log::occurred_at.desc(), access_log::id.desc()))
        .limit(limit)
        .offset(offset)
        .load(conn)?;
    rows.into_iter().map(logged).collect()
}

fn logged(row: LoggedRow) -> AppResult<LoggedAccess> {
    let (id, actor_name, actor_role, act, kind, record_id, occurred_at) = row;
    let unknown = |what: &str, name: &str| {
        AppError::Internal(format!(
            "access log row {id} has an unknown {what} {name:?}"
        ))
    };
    Ok(LoggedAccess {
        id,
        actor_name,
        actor_role,
        act: Act::parse(&act).ok_or_else(|| unknown("act", &act))?,
        kind: RecordKind::parse(&kind).ok_or_else(|| unknown("kind", &kind))?,
        record_id,
        occurred_at,
    })
}
