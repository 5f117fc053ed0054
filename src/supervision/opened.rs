//! Opening a supervision record to read it: a read by anyone but the person who drafted it is
//! noted in the drafter's access log.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::service;
use super::view::SessionView;
use crate::error::AppResult;
use crate::platform::access_log::{self, Read, RecordKind};
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
    access_log::note(
        conn,
        Read {
            owner_id: record.row.drafted_by,
            reader_id: actor.user_id,
            kind: RecordKind::SupervisionRecord,
            record_id: record.row.id,
        },
        now,
    )?;
    Ok(record)
}
