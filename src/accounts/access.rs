//! Your own access log: who opened what you wrote or shared. The log holds ids only; each
//! record's title is looked up here, as you, through the same checks as opening it, so a
//! record you can no longer see is named by its kind and number alone.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::error::AppResult;
use crate::platform::access_log::{self, LoggedRead, RecordKind};
use crate::platform::auth::{Actor, Role};
use crate::platform::clock;

/// Reads shown per page, newest first.
pub const PAGE_SIZE: i64 = 50;

/// One read of your work by someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessLine {
    /// Who opened it, by shown name.
    pub reader: String,
    /// Their role, for people (e.g. "Supervisor").
    pub reader_role: &'static str,
    /// What kind of record (a stored name such as `entry`).
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
    /// Its title, when you can still see it.
    pub title: Option<String>,
    /// Where you can open it, when you can still see it.
    #[serde(skip)]
    pub link: Option<String>,
    /// When it was opened (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub read_at: NaiveDateTime,
}

/// One page of your access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessPage {
    /// The reads, newest first.
    pub reads: Vec<AccessLine>,
    /// The page number, from 1.
    pub page: i64,
    /// Whether an older page follows.
    pub has_more: bool,
}

/// The caller's access log, page `page` (from 1; out-of-range numbers are brought in range).
pub fn access_log(conn: &mut SqliteConnection, actor: &Actor, page: i64) -> AppResult<AccessPage> {
    // Bounded, so that no page number can overflow the offset.
    let page = page.clamp(1, i64::from(i32::MAX));
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let mut rows = access_log::of_owner(conn, actor.user_id, PAGE_SIZE + 1, offset)?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let reads = rows.into_iter().map(|row| line(conn, actor, row)).collect();
    Ok(AccessPage {
        reads,
        page,
        has_more,
    })
}

fn line(conn: &mut SqliteConnection, actor: &Actor, row: LoggedRead) -> AccessLine {
    let (title, link) = match visible_title(conn, actor, row.kind, row.record_id) {
        Some((title, link)) => (Some(title), Some(link)),
        None => (None, None),
    };
    AccessLine {
        reader: row.reader_name,
        reader_role: Role::parse(&row.reader_role).map_or("", Role::label),
        kind: row.kind,
        record_id: row.record_id,
        title,
        link,
        read_at: row.read_at,
    }
}

/// The title and address of a record, if `actor` may open it now; any refusal (deleted,
/// no longer shared with them, a kind without a page of its own) leaves it unnamed.
fn visible_title(
    conn: &mut SqliteConnection,
    actor: &Actor,
    kind: RecordKind,
    id: i32,
) -> Option<(String, String)> {
    match kind {
        RecordKind::Entry => crate::journal::service::get(conn, actor, id)
            .ok()
            .map(|entry| (entry.title, format!("/entries/{id}"))),
        RecordKind::SupervisionRecord => {
            crate::supervision::service::get_session(conn, actor, id, clock::today())
                .ok()
                .map(|record| {
                    (
                        format!(
                            "Supervision record, {}",
                            record.row.held_on.format("%d %B %Y")
                        ),
                        format!("/supervision/sessions/{id}"),
                    )
                })
        }
        RecordKind::PlacementDocument | RecordKind::PlacementEvidence => None,
    }
}
