//! `praxis migrate-to postgres://...`: copies a SQLite instance's records into an empty
//! PostgreSQL database, then proves the copy table by table (row count and checksum). The
//! SQLite file is opened read-only and read inside one read transaction, so a server may
//! keep serving from it and the copy is the state at one moment. The target is written in
//! one transaction: a failure, or a checksum that differs, leaves it as empty as it was.

pub mod checksum;
pub mod command;
pub mod copy;
pub mod tables;

use std::path::Path;

use diesel::connection::SimpleConnection;
use diesel::migration::MigrationSource;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::{Sqlite, SqliteConnection};

use super::db::migrations::{self, MIGRATIONS};
use super::db::{DbConnection, Location};
use crate::error::{AppError, AppResult};

/// What the copy reports as it goes.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// Rows to copy in all.
    Total(u64),
    /// Copying this table begins.
    Copying(&'a str),
    /// Checking this table begins.
    Checking(&'a str),
    /// Rows copied (or checked) so far, over every table.
    Done(u64),
}

/// One copied table, as verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableReport {
    /// The table.
    pub name: String,
    /// Rows in the source, and so in the target.
    pub rows: u64,
    /// The checksum both sides gave.
    pub checksum: String,
}

/// A finished copy.
#[derive(Debug, Clone)]
pub struct Report {
    /// Every copied table, in the order copied.
    pub tables: Vec<TableReport>,
    /// How many migrations the target needed first.
    pub migrations_applied: usize,
}

impl Report {
    /// Rows copied over every table.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|table| table.rows).sum()
    }
}

/// Copies the SQLite database `source` into the empty PostgreSQL database at `target_url`.
pub fn migrate_to(
    source: &Path,
    target_url: &str,
    progress: &mut dyn FnMut(Step<'_>),
) -> AppResult<Report> {
    let shown = Location::Postgres(target_url.to_string()).describe();
    if !(target_url.starts_with("postgres://") || target_url.starts_with("postgresql://")) {
        return Err(AppError::invalid(
            "url",
            format!("migrate-to needs a postgres:// or postgresql:// URL, not {shown}"),
        ));
    }
    let mut sqlite = open_source(source)?;
    let pg = PgConnection::establish(target_url).map_err(|error| {
        AppError::Config(format!(
            "cannot connect to the target database given to migrate-to ({}): {}",
            shown.trim_start_matches("PostgreSQL at "),
            error.to_string().trim()
        ))
    })?;
    let mut target = DbConnection::Postgres(pg);
    refuse_unless_empty(postgres(&mut target))?;
    let migrations_applied = migrations::run_pending(&mut target)?;
    let pg = postgres(&mut target);
    // One read transaction: every table is read as it stood at the same moment.
    sqlite.batch_execute("BEGIN")?;
    let copied = pg.transaction(|pg| copy_all(&mut sqlite, pg, progress));
    // Read-only, so ending the transaction either way changes nothing.
    let _ = sqlite.batch_execute("ROLLBACK");
    Ok(Report {
        tables: copied?,
        migrations_applied,
    })
}

fn postgres(conn: &mut DbConnection) -> &mut PgConnection {
    match conn {
        DbConnection::Postgres(pg) => pg,
        DbConnection::Sqlite(_) => unreachable!("migrate-to connects to PostgreSQL only"),
    }
}

fn copy_all(
    sqlite: &mut SqliteConnection,
    pg: &mut PgConnection,
    progress: &mut dyn FnMut(Step<'_>),
) -> AppResult<Vec<TableReport>> {
    refuse_unless_empty(pg)?;
    let plan = tables::plan(sqlite, pg)?;
    let mut total = 0;
    for table in &plan {
        total += copy::sqlite_count(sqlite, &table.name)?;
    }
    progress(Step::Total(total));
    let mut sums = Vec::with_capacity(plan.len());
    let mut before = 0;
    for table in &plan {
        progress(Step::Copying(&table.name));
        let sum = copy::copy_table(sqlite, pg, table, |rows| {
            progress(Step::Done(before + rows))
        })?;
        before += sum.rows;
        sums.push(sum);
    }
    let mut reports = Vec::with_capacity(plan.len());
    let mut differing = Vec::new();
    before = 0;
    progress(Step::Total(total));
    for (table, source) in plan.iter().zip(&sums) {
        progress(Step::Checking(&table.name));
        let copied = copy::postgres_sum(pg, table)?;
        if copied != *source {
            differing.push(format!(
                "{} ({} rows, checksum {} in SQLite; {} rows, checksum {} in PostgreSQL)",
                table.name,
                source.rows,
                source.hex(),
                copied.rows,
                copied.hex()
            ));
        }
        before += source.rows;
        progress(Step::Done(before));
        copy::continue_numbering(pg, table)?;
        reports.push(TableReport {
            name: table.name.clone(),
            rows: source.rows,
            checksum: source.hex(),
        });
    }
    if !differing.is_empty() {
        return Err(AppError::Internal(format!(
            "the copy differs from the source, so nothing was kept: {}",
            differing.join("; ")
        )));
    }
    continue_outbox_numbering(sqlite, pg)?;
    Ok(reports)
}

/// Opens the SQLite file read-only and checks it is a Praxis database migrated to exactly
/// this version.
fn open_source(source: &Path) -> AppResult<SqliteConnection> {
    if !source.is_file() {
        return Err(AppError::Config(format!(
            "there is no SQLite database at {}: name the data directory of the instance to \
             copy with --data-dir (or PRAXIS_DATA_DIR)",
            source.display()
        )));
    }
    let absolute = std::fs::canonicalize(source)?;
    let uri = format!("file:{}?mode=ro", uri_path(&absolute.to_string_lossy()));
    let mut conn = SqliteConnection::establish(&uri).map_err(|error| {
        AppError::Config(format!("cannot open {} to read: {error}", source.display()))
    })?;
    conn.batch_execute("PRAGMA busy_timeout = 5000;")?;
    #[derive(QueryableByName)]
    struct Version {
        #[diesel(sql_type = diesel::sql_types::Text)]
        version: String,
    }
    let applied: Vec<String> =
        diesel::sql_query(format!("SELECT version FROM {}", tables::MIGRATIONS_TABLE))
            .load::<Version>(&mut conn)
            .map_err(|_| {
                AppError::Config(format!(
                    "{} is not a Praxis database (it has no migration record)",
                    source.display()
                ))
            })?
            .into_iter()
            .map(|row| row.version)
            .collect();
    let known: Vec<String> = MigrationSource::<Sqlite>::migrations(&MIGRATIONS)
        .map_err(|error| AppError::Internal(format!("migrations: {error}")))?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let newer: Vec<&String> = applied.iter().filter(|v| !known.contains(v)).collect();
    if !newer.is_empty() {
        return Err(AppError::Config(format!(
            "{} was migrated by a newer version of Praxis (migrations {newer:?}); copy it with \
             that version",
            source.display()
        )));
    }
    let pending = known.iter().filter(|v| !applied.contains(v)).count();
    if pending > 0 {
        return Err(AppError::Config(format!(
            "{} lacks {pending} of this version's migrations: start Praxis on it once, or run \
             `praxis migrate`, then copy it",
            source.display()
        )));
    }
    Ok(conn)
}

/// A file path as the path part of a `file:` URI.
fn uri_path(path: &str) -> String {
    path.chars()
        .map(|c| match c {
            '%' | '?' | '#' | ' ' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Refuses a target that holds records: the copy goes into an empty database only.
fn refuse_unless_empty(pg: &mut PgConnection) -> AppResult<()> {
    for table in tables::postgres_tables(pg)? {
        if tables::SEEDED.contains(&table.as_str()) {
            continue;
        }
        if copy::postgres_has_rows(pg, &table)? {
            return Err(AppError::Conflict(format!(
                "the target database is not empty: table {table} holds rows. migrate-to copies \
                 into an empty database only; create a new one (createdb) and name that"
            )));
        }
    }
    Ok(())
}

/// The outbox rows stay behind, but its numbering goes on from the source's, and the copy
/// records everything up to there as already forgotten: an index built on the SQLite
/// instance that has not applied all of it rebuilds rather than miss changes.
fn continue_outbox_numbering(
    sqlite: &mut SqliteConnection,
    pg: &mut PgConnection,
) -> AppResult<()> {
    #[derive(QueryableByName)]
    struct Through {
        #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
        through: Option<i64>,
    }
    let through = diesel::sql_query(
        "SELECT MAX(m) AS through FROM (SELECT MAX(id) AS m FROM search_outbox \
         UNION ALL SELECT through_id FROM search_outbox_pruned)",
    )
    .get_result::<Through>(sqlite)?
    .through
    .unwrap_or(0);
    if through > 0 {
        diesel::sql_query(
            "SELECT setval(pg_get_serial_sequence('search_outbox', 'id'), $1 + 1, false)",
        )
        .bind::<diesel::sql_types::BigInt, _>(through)
        .execute(pg)?;
        diesel::sql_query("UPDATE search_outbox_pruned SET through_id = $1")
            .bind::<diesel::sql_types::BigInt, _>(through)
            .execute(pg)?;
    }
    Ok(())
}
