//! The results of a search as people see them: each record the index found, loaded from
//! the database (which has the last word on what exists and who may read it), with its
//! snippet.

use std::collections::HashMap;

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::document::RecordType;
use crate::error::AppResult;
use crate::journal::model::Visibility;
use crate::journal::summary::{self, EntrySummary};
use crate::platform::access_log::{self, Access, Act, RecordKind};
use crate::platform::auth::Actor;
use crate::platform::policy::Scope;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 220;

/// A supervision record found by a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionHit {
    /// Record id.
    pub id: i32,
    /// When it was held.
    pub held_on: NaiveDate,
    /// "Supervisor and supervisee".
    pub between: String,
    /// Cases discussed.
    pub cases: Vec<String>,
}

/// What a result is.
#[derive(Debug, Clone)]
pub enum Found {
    /// A journal entry.
    Entry(Box<EntrySummary>),
    /// A supervision record.
    Supervision(SupervisionHit),
}

/// One result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record.
    pub found: Found,
    /// A fragment of its text with the matched words marked; safe HTML.
    pub snippet_html: String,
    /// Relevance (0 when sorted by date).
    pub score: f32,
}

/// Loads the records behind the hits from the database, in order, keeping only those the
/// asker may read (the index is a projection: the database has the last word). An extract
/// of someone else's record shown in the results is noted in their access log.
pub fn hydrate(
    conn: &mut DbConnection,
    actor: &Actor,
    scope: &Scope,
    found: Vec<(RecordType, i32, String, f32)>,
    now: NaiveDateTime,
) -> AppResult<Vec<Hit>> {
    let entry_ids: Vec<i32> = found
        .iter()
        .filter(|(kind, ..)| *kind == RecordType::Entry)
        .map(|(_, id, ..)| *id)
        .collect();
    let mut entries: HashMap<i32, EntrySummary> = summary::summaries(conn, &entry_ids)?
        .into_iter()
        .map(|entry| (entry.id, entry))
        .collect();
    let mut hits = Vec::new();
    let mut seen: Vec<(i32, Access)> = Vec::new();
    let extract = |kind, record_id| Access {
        actor_id: actor.user_id,
        act: Act::SawInSearch,
        kind,
        record_id,
    };
    for (kind, id, mut snippet_html, score) in found {
        let record = match kind {
            RecordType::Entry => {
                let Some(entry) = entries.remove(&id) else {
                    continue;
                };
                let shared_entry = entry.visibility == Visibility::Supervisor;
                if entry.deleted_at.is_some()
                    || !scope.may_read_entry(entry.author_id, shared_entry)
                {
                    continue;
                }
                if snippet_html.is_empty() {
                    snippet_html = opening(&entry.body);
                }
                seen.push((entry.author_id, extract(RecordKind::Entry, id)));
                Found::Entry(Box::new(entry))
            }
            RecordType::Supervision => {
                let Ok((row, _)) = crate::supervision::pair::readable_session(conn, actor, id)
                else {
                    continue;
                };
                let pair = crate::supervision::pair::named(
                    conn,
                    crate::supervision::pair::parties_of(&row),
                    actor.user_id,
                )?;
                let cases = crate::supervision::projection::case_discussions(conn, id)?
                    .into_iter()
                    .map(|case| case.case_reference)
                    .collect();
                if snippet_html.is_empty() {
                    snippet_html = opening(&row.agenda);
                }
                for party in [row.supervisor_id, row.supervisee_id] {
                    seen.push((party, extract(RecordKind::SupervisionRecord, id)));
                }
                Found::Supervision(SupervisionHit {
                    id,
                    held_on: row.held_on,
                    between: format!("{} and {}", pair.supervisor_name, pair.supervisee_name),
                    cases,
                })
            }
        };
        hits.push(Hit {
            found: record,
            snippet_html,
            score,
        });
    }
    access_log::note_all(conn, &seen, now)?;
    Ok(hits)
}

/// The first words of a text, escaped, when no words were searched for.
fn opening(markdown: &str) -> String {
    let text = crate::platform::markdown::plain_text(markdown);
    let mut opening: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS {
        opening.push('…');
    }
    crate::platform::markdown::escape_html(&opening)
}
