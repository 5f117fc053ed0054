//! Migrations embedded in the binary, applied at start-up and by `praxis migrate`.

use diesel::sqlite::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::error::{AppError, AppResult};

/// Every migration in `migrations/`, compiled in.
pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// Applies the migrations the database has not seen; returns how many ran.
pub fn run_pending(conn: &mut SqliteConnection) -> AppResult<usize> {
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|error| AppError::Internal(format!("migrations: {error}")))?;
    Ok(applied.len())
}

/// Reverts every applied migration, newest first (used to prove each `down.sql`).
pub fn revert_all(conn: &mut SqliteConnection) -> AppResult<usize> {
    let reverted = conn
        .revert_all_migrations(MIGRATIONS)
        .map_err(|error| AppError::Internal(format!("migrations: {error}")))?;
    Ok(reverted.len())
}

/// Migrations applied to the database that this build does not know: it was written by a
/// newer version of Praxis, which this one must not open.
pub fn unknown_applied(conn: &mut SqliteConnection) -> AppResult<Vec<String>> {
    use diesel::migration::MigrationSource;
    let known: Vec<String> = MigrationSource::<diesel::sqlite::Sqlite>::migrations(&MIGRATIONS)
        .map_err(|error| AppError::Internal(format!("migrations: {error}")))?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let applied = conn
        .applied_migrations()
        .map_err(|error| AppError::Internal(format!("migrations: {error}")))?;
    Ok(applied
        .into_iter()
        .map(|version| version.to_string())
        .filter(|version| !known.contains(version))
        .collect())
}
