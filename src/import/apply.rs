//! Carrying out an import in one transaction: the plan is worked out again inside it (so
//! nothing imported in between is doubled), then topics, cases and entries are written with
//! each entry's source key. Any refusal rolls everything back and names the entry and field.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::Parsed;
use super::plan::{self, Plan, name_problem};
use crate::cases::service as cases;
use crate::error::AppResult;
use crate::journal::imported;
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
}

/// Imports `parsed` for `person`, reporting progress as (entries written, entries to write).
pub fn apply(
    conn: &mut SqliteConnection,
    person: &Actor,
    parsed: &Parsed,
    today: NaiveDate,
    now: NaiveDateTime,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<Outcome> {
    conn.immediate_transaction(|conn| {
        let plan = plan::build(conn, person, parsed, today)?;
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
            let saved = imported::write(conn, person, &prepared.draft, today, now)
                .map_err(|error| name_problem(&prepared.origin, error))?;
            diesel::insert_into(import_sources::table)
                .values((
                    import_sources::user_id.eq(person.user_id),
                    import_sources::source_key.eq(&prepared.source_key),
                    import_sources::entry_id.eq(saved.record),
                    import_sources::imported_at.eq(now),
                ))
                .execute(conn)?;
            if done % 256 == 0 || done + 1 == total {
                progress(done + 1, total);
            }
        }
        audit::record(
            conn,
            AuditRecord {
                actor_id: Some(person.user_id),
                action: AuditAction::Import,
                subject: &person.username,
                detail: &format!(
                    "{} entries from {} ({} already imported)",
                    total,
                    plan.format.label(),
                    plan.already_imported
                ),
                ip: None,
            },
            now,
        )?;
        Ok(Outcome {
            created: total,
            plan,
        })
    })
}
