//! Writing imported entries inside a transaction the importer holds (one per file, so a bad
//! file writes nothing): the same checks as a new entry, with each case reference and tag
//! code resolved once per import rather than once per entry (an import of thousands of
//! entries names the same few), and the search outbox rows written together at the end.
//! The confidentiality guard's findings are the import's preview's, so they are not worked
//! out again here.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::model::EntryDraft;
use super::store::{self, Links};
use super::validate;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::legislation::service as legislation;
use crate::platform::auth::Actor;
use crate::search::document::RecordType;
use crate::search::outbox;

/// The entries of one import, written one by one and queued for the index together.
#[derive(Debug, Default)]
pub struct ImportBatch {
    /// Case references already looked up: the case's id, or none.
    cases: HashMap<String, Option<i32>>,
    /// Tag codes (or words) already looked up: the tags they name, or none.
    tags: HashMap<String, Option<Vec<i32>>>,
    /// Entries written so far.
    written: Vec<i32>,
}

impl ImportBatch {
    /// An empty batch.
    pub fn new() -> Self {
        Self::default()
    }

    fn case(
        &mut self,
        conn: &mut DbConnection,
        actor: &Actor,
        reference: &str,
    ) -> AppResult<Option<i32>> {
        if let Some(found) = self.cases.get(reference) {
            return Ok(*found);
        }
        let (ids, _) = crate::cases::lookup::resolve_own(conn, actor, &[reference.to_string()])?;
        let found = ids.first().copied();
        self.cases.insert(reference.to_string(), found);
        Ok(found)
    }

    fn tag(
        &mut self,
        conn: &mut DbConnection,
        actor: &Actor,
        code: &str,
    ) -> AppResult<Option<Vec<i32>>> {
        if let Some(found) = self.tags.get(code) {
            return Ok(found.clone());
        }
        let (ids, unknown) = legislation::resolve_codes(conn, actor, &[code.to_string()])?;
        let found = unknown.is_empty().then_some(ids);
        self.tags.insert(code.to_string(), found.clone());
        Ok(found)
    }

    /// The ids of the draft's cases and tags, or every name that is unknown.
    fn links(
        &mut self,
        conn: &mut DbConnection,
        actor: &Actor,
        draft: &EntryDraft,
    ) -> AppResult<Result<Links, FieldErrors>> {
        let names = |values: &[String]| -> Vec<String> {
            values
                .iter()
                .map(|value| value.trim().to_string())
                .filter(|value| !value.is_empty())
                .collect()
        };
        let mut links = Links::default();
        let (mut unknown_cases, mut unknown_tags) = (Vec::new(), Vec::new());
        for reference in names(&draft.cases) {
            match self.case(conn, actor, &reference)? {
                Some(id) if !links.case_ids.contains(&id) => links.case_ids.push(id),
                Some(_) => {}
                None => unknown_cases.push(reference),
            }
        }
        for code in names(&draft.tags) {
            match self.tag(conn, actor, &code)? {
                Some(ids) => {
                    for id in ids {
                        if !links.tag_ids.contains(&id) {
                            links.tag_ids.push(id);
                        }
                    }
                }
                None => unknown_tags.push(code),
            }
        }
        let mut errors = FieldErrors::new();
        if !unknown_cases.is_empty() {
            errors.add(
                "cases",
                format!("You have no case called {}.", unknown_cases.join(", ")),
            );
        }
        if !unknown_tags.is_empty() {
            errors.add("tags", format!("Unknown tag: {}.", unknown_tags.join(", ")));
        }
        Ok(if errors.is_empty() {
            Ok(links)
        } else {
            Err(errors)
        })
    }

    /// Checks and writes one entry for `actor`; returns its id.
    pub fn write(
        &mut self,
        conn: &mut DbConnection,
        actor: &Actor,
        draft: &EntryDraft,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> AppResult<i32> {
        let validated = validate::validate(draft, today);
        let links = self.links(conn, actor, draft)?;
        let (input, links) = super::service::valid_with_links(validated, links)?;
        let id = store::insert(conn, actor.user_id, &input, &links, now)?;
        self.written.push(id);
        Ok(id)
    }

    /// Queues every entry written for the index, in the same transaction.
    pub fn finish(self, conn: &mut DbConnection) -> AppResult<()> {
        outbox::enqueue_new_many(conn, RecordType::Entry, &self.written)
    }
}

/// Keeps the earlier versions of an imported entry, oldest first, as an edit would have kept
/// them (each as the form the API accepts, with when the next version replaced it); the
/// caller holds the transaction.
pub fn write_revisions(
    conn: &mut DbConnection,
    entry_id: i32,
    versions: &[(NaiveDateTime, EntryDraft)],
) -> AppResult<()> {
    for (replaced_at, draft) in versions {
        let snapshot = serde_json::to_string(draft)
            .map_err(|error| AppError::Internal(format!("snapshot: {error}")))?;
        store::insert_revision(conn, entry_id, &snapshot, *replaced_at)?;
    }
    Ok(())
}
