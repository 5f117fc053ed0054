//! Migrations embedded in the binary, one set per backend under the same names, applied at
//! start-up and by `praxis migrate`.

use diesel::backend::Backend;
use diesel::migration::MigrationSource;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::backend::DbConnection;
use crate::error::{AppError, AppResult};

/// Every SQLite migration in `migrations/`, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// The same migrations written for PostgreSQL, in `migrations-postgres/`.
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations-postgres");

/// The advisory lock an instance holds while it migrates a PostgreSQL database, so that
/// instances starting together migrate one after the other ("praxis" in ASCII).
const MIGRATION_LOCK: i64 = 0x7072_6178_6973;

/// Applies the migrations the database has not seen; returns how many ran. A database
/// that holds a migration this build does not know was written by a newer version, and is
/// refused with a message saying so.
pub fn run_pending(conn: &mut DbConnection) -> AppResult<usize> {
    match conn {
        DbConnection::Sqlite(conn) => apply(conn, MIGRATIONS),
        DbConnection::Postgres(conn) => {
            with_migration_lock(conn, |conn| apply(conn, POSTGRES_MIGRATIONS))
        }
    }
}

/// Reverts every applied migration, newest first (used to prove each `down.sql`).
pub fn revert_all(conn: &mut DbConnection) -> AppResult<usize> {
    let reverted = match conn {
        DbConnection::Sqlite(conn) => conn.revert_all_migrations(MIGRATIONS),
        DbConnection::Postgres(conn) => conn.revert_all_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(migration_error)?;
    Ok(reverted.len())
}

/// Migrations applied to the database that this build does not know: it was written by a
/// newer version of Praxis, which this one must not open.
pub fn unknown_applied(conn: &mut DbConnection) -> AppResult<Vec<String>> {
    match conn {
        DbConnection::Sqlite(conn) => unknown(conn, &MIGRATIONS),
        DbConnection::Postgres(conn) => unknown(conn, &POSTGRES_MIGRATIONS),
    }
}

fn apply<DB, C>(conn: &mut C, source: EmbeddedMigrations) -> AppResult<usize>
where
    DB: Backend,
    C: MigrationHarness<DB>,
    EmbeddedMigrations: MigrationSource<DB>,
{
    let newer = unknown(conn, &source)?;
    if !newer.is_empty() {
        return Err(AppError::Config(format!(
            "the database was migrated by a newer version of Praxis (migrations {} are \
             unknown to this one); run that version, or restore a backup taken before it",
            newer.join(", ")
        )));
    }
    let applied = conn
        .run_pending_migrations(source)
        .map_err(migration_error)?;
    Ok(applied.len())
}

/// The migrations applied to the database behind `conn` that `source` does not hold.
pub fn unknown<DB, C>(conn: &mut C, source: &EmbeddedMigrations) -> AppResult<Vec<String>>
where
    DB: Backend,
    C: MigrationHarness<DB>,
    EmbeddedMigrations: MigrationSource<DB>,
{
    let known: Vec<String> = MigrationSource::<DB>::migrations(source)
        .map_err(migration_error)?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let applied = conn.applied_migrations().map_err(migration_error)?;
    Ok(applied
        .into_iter()
        .map(|version| version.to_string())
        .filter(|version| !known.contains(version))
        .collect())
}

/// Runs `work` holding the migration lock; the lock is released even when the work fails.
fn with_migration_lock<T>(
    conn: &mut PgConnection,
    work: impl FnOnce(&mut PgConnection) -> AppResult<T>,
) -> AppResult<T> {
    use diesel::sql_types::BigInt;
    diesel::sql_query("SELECT pg_advisory_lock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK)
        .execute(conn)?;
    let result = work(conn);
    diesel::sql_query("SELECT pg_advisory_unlock($1)")
        .bind::<BigInt, _>(MIGRATION_LOCK)
        .execute(conn)?;
    result
}

fn migration_error(error: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("migrations: {error}"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    fn folders(dir: &str) -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        std::fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
            .map(|entry| entry.expect("folder entry"))
            .filter(|entry| entry.path().is_dir())
            .map(|entry| {
                for part in ["up.sql", "down.sql"] {
                    assert!(
                        entry.path().join(part).is_file(),
                        "{:?} lacks {part}",
                        entry.path()
                    );
                }
                entry.file_name().to_string_lossy().into_owned()
            })
            .collect()
    }

    #[test]
    fn every_migration_has_a_twin_for_the_other_backend() {
        let sqlite = folders("migrations");
        let postgres = folders("migrations-postgres");
        let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
        let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
        assert!(
            only_sqlite.is_empty() && only_postgres.is_empty(),
            "migrations without a PostgreSQL twin: {only_sqlite:?}; \
             PostgreSQL migrations without a SQLite one: {only_postgres:?}"
        );
        assert!(!sqlite.is_empty());
    }
}
