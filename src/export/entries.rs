//! The journal section: every entry the person wrote (not those in the bin), with the
//! earlier versions of each. Loaded through the journal's service as the author, which
//! returns only their own entries.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::error::AppResult;
use crate::journal::json::EntryJson;
use crate::journal::model::{EntryDraft, EntryView};
use crate::journal::service;
use crate::platform::auth::Actor;

/// An earlier version of an entry.
#[derive(Debug, Serialize)]
pub struct RevisionJson {
    /// 1 for the first version.
    pub number: i32,
    /// When the next version replaced it (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub replaced_at: NaiveDateTime,
    /// The entry as it was then, in the form the API accepts.
    pub entry: EntryDraft,
}

/// An entry with its history.
#[derive(Debug, Serialize)]
pub struct ExportedEntry {
    /// The entry as the API shows it.
    #[serde(flatten)]
    pub entry: EntryJson,
    /// Earlier versions, oldest first.
    pub revisions: Vec<RevisionJson>,
    /// Kept for the Markdown layout; the JSON carries the same facts in `entry`.
    #[serde(skip)]
    pub view: EntryView,
}

/// The person's entries, oldest first.
pub fn load(conn: &mut DbConnection, person: &Actor) -> AppResult<Vec<ExportedEntry>> {
    let mut exported = Vec::new();
    for view in service::all_own(conn, person)? {
        let (_, mut revisions) = service::revisions(conn, person, view.id)?;
        revisions.sort_by_key(|revision| revision.number);
        exported.push(ExportedEntry {
            entry: EntryJson::new(&view, Vec::new()),
            revisions: revisions
                .into_iter()
                .map(|revision| RevisionJson {
                    number: revision.number,
                    replaced_at: revision.replaced_at,
                    entry: revision.entry,
                })
                .collect(),
            view,
        });
    }
    Ok(exported)
}
