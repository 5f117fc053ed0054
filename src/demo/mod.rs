//! Demo data (`praxis demo`): a deterministic, realistic journal corpus for a newcomer to
//! try Praxis with, and for the search benchmarks. A team of practitioners, supervisors, a
//! student and a practice educator; each worker's pseudonymised caseload; and entries over
//! the last two years (diary notes, reflections, some following a reflective model, CPD
//! records) written in the field's own words and acronyms, linked to cases and catalogue
//! tags, about 30% shared with a supervisor.
//!
//! The text is assembled from templates that never contain anything the confidentiality
//! guard looks for (no names of family members, phone numbers, emails, postcodes, NHS or
//! National Insurance numbers, dates of birth). The same options give the same rows.

pub mod caseload;
pub mod compose;
pub mod lines;
pub mod people;
pub mod phrases;
pub mod rng;
mod store;
pub mod text;
pub mod topics;
pub mod writing;

use crate::platform::db::DbConnection;
use crate::platform::db::text::like_any_case;
use std::sync::mpsc;

use chrono::{NaiveDate, NaiveTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use self::compose::{Composer, DemoEntry};
use self::rng::Rng;
use crate::error::{AppError, AppResult};
use crate::journal::model::{EntryKind, Visibility};
use crate::platform::auth::{Role, password};
use crate::platform::db::schema::users;

/// Every demo account's password. It is published, so demo data must never be loaded into
/// an instance holding real records.
pub const DEMO_PASSWORD: &str = "praxis-demo-password";
/// Every demo username starts with this.
pub const USERNAME_PREFIX: &str = "demo-";
/// Entries generated and stored per transaction.
pub const BATCH: usize = 5000;
/// SQLite page cache while storing entries, in KiB.
const BULK_CACHE_KIB: i64 = 64 * 1024;
/// Most accounts one run creates.
pub const MAX_USERS: usize = 10_000;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Accounts (at least 1).
    pub users: usize,
    /// Journal entries.
    pub entries: usize,
    /// Seed of the generator: the same seed (and day) gives the same data.
    pub seed: u64,
    /// Entries fall in the two years up to this day.
    pub today: NaiveDate,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// Accounts created.
    pub users: usize,
    /// Supervision and practice educator links.
    pub links: usize,
    /// Cases created.
    pub cases: usize,
    /// Entries created.
    pub entries: usize,
    /// Of which diary notes.
    pub diary: usize,
    /// Of which reflections.
    pub reflections: usize,
    /// Of which CPD records.
    pub cpd: usize,
    /// Entries shared with a supervisor.
    pub shared: usize,
    /// Entries flagged for supervision.
    pub for_supervision: usize,
    /// One account of each role, with the role's name, to sign in with.
    pub sign_in: Vec<(String, &'static str)>,
}

impl DemoSummary {
    fn count(&mut self, batch: &[DemoEntry]) {
        for entry in batch {
            self.entries += 1;
            match entry.kind {
                EntryKind::Diary => self.diary += 1,
                EntryKind::Reflection => self.reflections += 1,
                EntryKind::Cpd => self.cpd += 1,
            }
            self.shared += usize::from(entry.visibility == Visibility::Supervisor);
            self.for_supervision += usize::from(entry.for_supervision);
        }
    }
}

/// How many accounts there are, and how many of them are demo accounts.
pub fn existing_accounts(conn: &mut DbConnection) -> AppResult<(i64, i64)> {
    let all: i64 = users::table.count().get_result(conn)?;
    let demo: i64 = users::table
        .filter(like_any_case(
            users::username,
            format!("{USERNAME_PREFIX}%"),
        ))
        .count()
        .get_result(conn)?;
    Ok((all, demo))
}

/// Deletes the demo accounts and, through the database's cascades, their journals, cases,
/// links and tokens; other accounts are untouched. Returns how many accounts went.
pub fn remove_demo_accounts(conn: &mut DbConnection) -> AppResult<usize> {
    Ok(diesel::delete(users::table.filter(like_any_case(
        users::username,
        format!("{USERNAME_PREFIX}%"),
    )))
    .execute(conn)?)
}

/// Runs `work` with a page cache large enough for bulk inserts into big tables, then puts
/// the connection's setting back.
fn with_bulk_cache<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> AppResult<T>,
) -> AppResult<T> {
    #[derive(QueryableByName)]
    struct CacheSize {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        cache_size: i64,
    }
    // PostgreSQL's caches are the server's to size.
    if conn.is_postgres() {
        return work(conn);
    }
    let before = diesel::sql_query("PRAGMA cache_size")
        .get_result::<CacheSize>(conn)?
        .cache_size;
    conn.batch_execute(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
    let outcome = work(conn);
    conn.batch_execute(&format!("PRAGMA cache_size = {before}"))?;
    outcome
}

/// Generates the demo data into the database (which must hold no demo accounts yet),
/// calling `progress(done, total)` after each batch of entries. The search index is not
/// touched: rebuild it afterwards.
pub fn generate(
    conn: &mut DbConnection,
    options: &DemoOptions,
    mut progress: impl FnMut(u64, u64),
) -> AppResult<DemoSummary> {
    if !(1..=MAX_USERS).contains(&options.users) {
        return Err(AppError::invalid(
            "users",
            format!("Use from 1 to {MAX_USERS} users."),
        ));
    }
    crate::legislation::service::load_catalogue(conn)?;
    let tag_ids = store::tag_ids(conn)?;
    let mut rng = Rng::new(options.seed);
    let team = people::team(options.users, &mut rng.fork(1));
    let now = options
        .today
        .and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default());
    let hash = password::hash(DEMO_PASSWORD)?;
    let ids = people::write(conn, &team, &hash, now)?;
    let authors: Vec<(i32, Role)> = team
        .people
        .iter()
        .zip(&ids)
        .filter(|(person, _)| {
            matches!(
                person.role,
                Role::Practitioner | Role::Student | Role::Supervisor
            )
        })
        .map(|(person, &id)| (id, person.role))
        .collect();
    let writers = caseload::write(conn, authors, &mut rng.fork(2), options.today)?;
    let mut summary = DemoSummary {
        users: team.people.len(),
        links: team.links.len(),
        cases: writers.iter().map(|writer| writer.cases.len()).sum(),
        sign_in: Role::ALL
            .iter()
            .filter_map(|&role| {
                let person = team.people.iter().find(|person| person.role == role)?;
                Some((person.username.clone(), role.label()))
            })
            .collect(),
        ..DemoSummary::default()
    };
    let first_id = store::next_entry_id(conn)?;
    let (today, entries, composing) = (options.today, options.entries, rng.fork(3));
    progress(0, entries as u64);
    // Entries are composed on a thread of their own while the previous batch is stored.
    std::thread::scope(|scope| -> AppResult<()> {
        let (batches, received) = mpsc::sync_channel::<Vec<DemoEntry>>(2);
        let writers = &writers;
        scope.spawn(move || {
            let mut composer = Composer::new(composing, writers, today, first_id, entries);
            let mut left = entries;
            while left > 0 {
                let size = left.min(BATCH);
                let batch = (0..size).map(|_| composer.entry()).collect();
                if batches.send(batch).is_err() {
                    return;
                }
                left -= size;
            }
        });
        with_bulk_cache(conn, |conn| {
            for batch in received {
                store::write_batch(conn, &batch, writers, &tag_ids)?;
                summary.count(&batch);
                progress(summary.entries as u64, entries as u64);
            }
            conn.ids_written("entries")?;
            Ok(())
        })
    })?;
    Ok(summary)
}
