//! Opening a supervision record to read it, and signing it: the record belongs to both people
//! of the pair, so either act is noted in the access log of each of them other than the one
//! acting (a practice educator reading a placement record shows in both logs).

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::model::SessionRow;
use super::pack::{self, Pack};
use super::service;
use super::view::SessionView;
use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;
use crate::platform::access_log::{self, Access, Act, RecordKind};
use crate::platform::auth::Actor;

/// One record the caller may read, opened on its page or through the API. A refused or
/// missing record is not noted.
pub fn open_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<SessionView> {
    let record = service::get_session(conn, actor, id, today)?;
    note(conn, actor, &record.row, Act::Read, now)?;
    Ok(record)
}

/// The preparation pack for the pair the actor forms with `other`, as it is shown: each
/// shared entry it brings in full is noted in its author's log (the supervisee's own view
/// of the pack notes nothing).
pub fn open_pack(
    conn: &mut DbConnection,
    actor: &Actor,
    other: &str,
    timescales: &Timescales,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Pack> {
    let pack = pack::pack(conn, actor, other, timescales, today)?;
    let reads: Vec<(i32, Access)> = pack
        .flagged
        .iter()
        .map(|entry| {
            let access = Access {
                actor_id: actor.user_id,
                act: Act::ReadInPack,
                kind: RecordKind::Entry,
                record_id: entry.id,
            };
            (entry.author_id, access)
        })
        .collect();
    access_log::note_all(conn, &reads, now)?;
    Ok(pack)
}

/// Notes `actor`'s signature on a record in the other party's log.
pub fn note_signature(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    now: NaiveDateTime,
) -> AppResult<()> {
    note(conn, actor, session, Act::Signed, now)
}

fn note(
    conn: &mut DbConnection,
    actor: &Actor,
    session: &SessionRow,
    act: Act,
    now: NaiveDateTime,
) -> AppResult<()> {
    let access = Access {
        actor_id: actor.user_id,
        act,
        kind: RecordKind::SupervisionRecord,
        record_id: session.id,
    };
    let pair = [session.supervisor_id, session.supervisee_id];
    access_log::note(conn, &pair, access, now)
}
