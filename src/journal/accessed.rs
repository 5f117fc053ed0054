//! Opening an entry to read it, as distinct from loading it for some other purpose: a read by
//! anyone but the author is noted in the author's access log.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::model::EntryView;
use super::service;
use crate::error::AppResult;
use crate::platform::access_log::{self, Access, Act, RecordKind};
use crate::platform::auth::Actor;

/// One entry the caller may read, opened on its page or through the API. A refused or
/// missing entry is not noted (there was no read).
pub fn open_entry(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
    now: NaiveDateTime,
) -> AppResult<EntryView> {
    let entry = service::get(conn, actor, id)?;
    let read = Access {
        actor_id: actor.user_id,
        act: Act::Read,
        kind: RecordKind::Entry,
        record_id: entry.id,
    };
    access_log::note(conn, &[entry.author_id], read, now)?;
    Ok(entry)
}
