//! Carrying out an import in one transaction: the plan is worked out again inside it (so
//! nothing imported in between is doubled), then topics, cases and entries are written with
//! each entry's source key. Any refusal rolls everything back and names the entry and field.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::Parsed;
use super::plan::{self, Plan, name_problem};
use crate::cases::service as cases;
use crate::deadlines::service as deadlines;
use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;
use crate::imported::service as imported_records;
use crate::journal::imported::{self, ImportBatch};
use crate::legislation::service as tags;
use crate::platform::audit::{self, AuditAction, AuditRecord};
use crate::platform::auth::Actor;
use crate::platform::db::schema::import_sources;

/// What an import did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The plan it carried out.
    pub plan: Plan,
    /// Entries created.
    pub created: usize,
    /// Read-only copies kept.
    pub read_only: usize,
}

/// The live entry an earlier import made from the record with `source_key`, if any.
fn entry_imported_before(
    conn: &mut DbConnection,
    person: &Actor,
    source_key: &str,
) -> AppResult<Option<i32>> {
    let entry: Option<Option<i32>> = import_sources::table
        .filter(import_sources::user_id.eq(person.user_id))
        .filter(import_sources::source_key.eq(source_key))
        .select(import_sources::entry_id)
        .first(conn)
        .optional()?;
    let Some(entry) = entry.flatten() else {
        return Ok(None);
    };
    let live = crate::journal::service::is_own_live_entry(conn, person, entry)?;
    Ok(live.then_some(entry))
}

/// Remembers source keys (with the entry each made, if any), so that importing the same
/// records again creates nothing; written together, a thousand rows a statement.
fn remember(
    conn: &mut DbConnection,
    person: &Actor,
    keys: &[(&str, Option<i32>)],
    now: NaiveDateTime,
) -> AppResult<()> {
    for chunk in keys.chunks(1000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(source_key, entry_id)| {
                (
                    import_sources::user_id.eq(person.user_id),
                    import_sources::source_key.eq(*source_key),
                    import_sources::entry_id.eq(*entry_id),
                    import_sources::imported_at.eq(now),
                )
            })
            .collect();
        crate::on_backend!(conn, |c| diesel::insert_into(import_sources::table)
            .values(&rows)
            .execute(c))?;
    }
    Ok(())
}

/// Imports `parsed` for `person`, reporting progress as (entries written, entries to write).
pub fn apply(
    conn: &mut DbConnection,
    person: &Actor,
    parsed: &Parsed,
    timescales: &Timescales,
    today: NaiveDate,
    now: NaiveDateTime,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<Outcome> {
    conn.immediate_transaction(|conn| {
        let plan = plan::build(conn, person, parsed, timescales, today)?;
        let histories = plan::histories(parsed);
        let mut written: HashMap<&str, i32> = HashMap::new();
        let mut keys: Vec<(&str, Option<i32>)> = Vec::new();
        let mut batch = ImportBatch::new();
        for (code, (title, summary)) in &plan.new_topics {
            tags::write_topic(conn, person, title, summary, now)
                .map_err(|error| name_problem(&format!("{}, tag {code}", parsed.file), error))?;
        }
        for case in &plan.new_cases {
            let reference = case.reference.clone().unwrap_or_default();
            cases::write_imported(conn, person, case, today, now).map_err(|error| {
                name_problem(&format!("{}, case {reference}", parsed.file), error)
            })?;
        }
        let total = plan.entries.len();
        for (done, prepared) in plan.entries.iter().enumerate() {
            let id = batch
                .write(conn, person, &prepared.draft, today, now)
                .map_err(|error| name_problem(&prepared.origin, error))?;
            keys.push((&prepared.source_key, Some(id)));
            if let Some(history) = histories.get(prepared.source_key.as_str()) {
                imported::write_revisions(conn, id, &history.versions)?;
            }
            written.insert(&prepared.source_key, id);
            if done % 256 == 0 || done + 1 == total {
                progress(done + 1, total);
            }
        }
        let entry_keys: HashMap<i64, &str> = parsed
            .histories
            .iter()
            .map(|history| (history.export_id, history.entry_key.as_str()))
            .collect();
        for event in &plan.events {
            let mut draft = event.draft.clone();
            if let Some(key) = event.export_entry.and_then(|id| entry_keys.get(&id)) {
                draft.entry_id = match written.get(key) {
                    Some(id) => Some(*id),
                    None => entry_imported_before(conn, person, key)?,
                };
            }
            deadlines::record_imported_event(
                conn,
                person,
                timescales,
                &event.reference,
                &draft,
                today,
                now,
            )
            .map_err(|error| name_problem(&event.origin, error))?;
            keys.push((&event.source_key, None));
        }
        for copy in &plan.read_only {
            imported_records::write_imported(conn, person, copy, now).map_err(|error| {
                name_problem(&format!("{}, {}", parsed.file, copy.title), error)
            })?;
            keys.push((&copy.source_key, None));
        }
        batch.finish(conn)?;
        remember(conn, person, &keys, now)?;
        audit::record(
            conn,
            AuditRecord {
                actor_id: Some(person.user_id),
                action: AuditAction::Import,
                subject: &person.username,
                detail: &format!(
                    "{} entries ({} earlier versions), {} case events and {} read-only copies from {} ({} already imported)",
                    total,
                    plan.revisions,
                    plan.events.len(),
                    plan.read_only.len(),
                    plan.format.label(),
                    plan.already_imported
                ),
                ip: None,
            },
            now,
        )?;
        Ok(Outcome {
            created: total,
            read_only: plan.read_only.len(),
            plan,
        })
    })
}
