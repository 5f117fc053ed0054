//! Opening a supervision record to read it, and signing it: either, by anyone but the person
//! who drafted it, is noted in the drafter's access log.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::SessionRow;
use super::service;
use super::view::SessionView;
use crate::error::AppResult;
use crate::platform::access_log::{self, Access, Act, RecordKind};
use crate::platform::auth::Actor;

/// One record the caller may read, opened on its page or through the API. A refused or
/// missing record is not noted.
pub fn open_session(
    conn: &mut SqliteConnection,
    actor: &Actor,
    id: i32,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<SessionView> {
    let record = service::get_session(conn, actor, id, today)?;
    note(conn, actor, &record.row, Act::Read, now)?;
    Ok(record)
}

/// Notes `actor`'s signature on a record in its drafter's log (a drafter signing their own
/// record is not noted).
pub fn note_signature(
    conn: &mut SqliteConnection,
    actor: &Actor,
    session: &SessionRow,
    now: NaiveDateTime,
) -> AppResult<()> {
    note(conn, actor, session, Act::Signed, now)
}

fn note(
    conn: &mut SqliteConnection,
    actor: &Actor,
    session: &SessionRow,
    act: Act,
    now: NaiveDateTime,
) -> AppResult<()> {
    let access = Access {
        owner_id: session.drafted_by,
        actor_id: actor.user_id,
        act,
        kind: RecordKind::SupervisionRecord,
        record_id: session.id,
    };
    access_log::note(conn, access, now)
}
