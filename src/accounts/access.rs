//! Your own access log: who opened or signed what you wrote or shared. The log holds ids
//! only; each record's title is looked up here, as you, through the same checks as opening
//! it, so a record you can no longer see is named by its kind and number alone.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::error::AppResult;
use crate::platform::access_log::{self, Act, LoggedAccess, RecordKind};
use crate::platform::auth::{Actor, Role};
use crate::platform::clock;

/// Lines shown per page, newest first.
pub const PAGE_SIZE: i64 = 50;

/// One read or signature of your work by someone else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessLine {
    /// Who it was, by shown name.
    pub person: String,
    /// Their role, for people (e.g. "Supervisor").
    pub person_role: &'static str,
    /// What they did.
    pub act: Act,
    /// What kind of record (a stored name such as `entry`).
    pub kind: RecordKind,
    /// The record's id.
    pub record_id: i32,
    /// Its title, when you can still see it.
    pub title: Option<String>,
    /// Where you can open it, when you can still see it.
    #[serde(skip)]
    pub link: Option<String>,
    /// When (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub occurred_at: NaiveDateTime,
}

/// One page of your access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessPage {
    /// The lines, newest first.
    pub accesses: Vec<AccessLine>,
    /// The page number, from 1.
    pub page: i64,
    /// Whether an older page follows.
    pub has_more: bool,
}

/// The caller's access log, page `page` (from 1; out-of-range numbers are brought in range).
pub fn access_log(conn: &mut DbConnection, actor: &Actor, page: i64) -> AppResult<AccessPage> {
    // Bounded, so that no page number can overflow the offset.
    let page = page.clamp(1, i64::from(i32::MAX));
    let offset = (page - 1).saturating_mul(PAGE_SIZE);
    let mut rows = access_log::of_owner(conn, actor.user_id, PAGE_SIZE + 1, offset)?;
    let has_more = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let accesses = rows.into_iter().map(|row| line(conn, actor, row)).collect();
    Ok(AccessPage {
        accesses,
        page,
        has_more,
    })
}

fn line(conn: &mut DbConnection, actor: &Actor, row: LoggedAccess) -> AccessLine {
    let (title, link) = match visible_title(conn, actor, row.kind, row.record_id) {
        Some((title, link)) => (Some(title), Some(link)),
        None => (None, None),
    };
    AccessLine {
        person: row.actor_name,
        person_role: Role::parse(&row.actor_role).map_or("", Role::label),
        act: row.act,
        kind: row.kind,
        record_id: row.record_id,
        title,
        link,
        occurred_at: row.occurred_at,
    }
}

/// The title and address of a record, if `actor` may open it now; any refusal (deleted,
/// no longer shared with them) leaves it unnamed.
fn visible_title(
    conn: &mut DbConnection,
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
                    let held_on = record.row.held_on.format("%d %B %Y");
                    (
                        format!("Supervision record, {held_on}"),
                        format!("/supervision/sessions/{id}"),
                    )
                })
        }
        RecordKind::PlacementDocuments => placement_title(conn, actor, id)
            .map(|title| (title, format!("/placements/{id}/agreement"))),
        RecordKind::PlacementEvidence => {
            placement_title(conn, actor, id).map(|title| (title, format!("/placements/{id}")))
        }
    }
}

fn placement_title(conn: &mut DbConnection, actor: &Actor, id: i32) -> Option<String> {
    crate::placements::view::assemble(conn, actor, id, clock::today())
        .ok()
        .map(|view| format!("Placement at {}", view.placement.setting))
}
