//! One connection type for both databases Praxis runs on: SQLite in the data directory (the
//! default) or PostgreSQL (`PRAXIS_DATABASE_URL=postgres://...`). Every store takes a
//! [`DbConnection`], so one store code path serves both; the few statements the two speak
//! differently are written once per backend through [`on_backend!`](crate::on_backend).

use std::path::{Path, PathBuf};

use diesel::Connection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

use crate::error::{AppError, AppResult};

pub use self::connection::{DbConnection, MultiBackend};

// The derive's own items (the combined backend, rows, binds) carry no documentation.
#[allow(missing_docs)]
mod connection {
    use diesel::pg::PgConnection;
    use diesel::sqlite::SqliteConnection;

    /// A connection to the configured database, chosen by the configured location (never by
    /// trying one backend after the other).
    #[derive(diesel::MultiConnection)]
    pub enum DbConnection {
        /// A PostgreSQL server.
        Postgres(PgConnection),
        /// A SQLite file.
        Sqlite(SqliteConnection),
    }
}

/// Runs `$body` with `$c` bound to the concrete connection inside a [`DbConnection`], for
/// statements Diesel builds only for a concrete backend (`ON CONFLICT`) or that differ
/// between the two; the body is compiled once for each.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::platform::db::DbConnection::Sqlite($c) => $body,
            $crate::platform::db::DbConnection::Postgres($c) => $body,
        }
    };
}

/// Where the database is: a SQLite file, or a PostgreSQL server's URL.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// A SQLite database file.
    Sqlite(PathBuf),
    /// A `postgres://` or `postgresql://` URL (it may hold a password: never shown whole).
    Postgres(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Location {
    /// Reads a `PRAXIS_DATABASE_URL` value: `postgres://...` or `postgresql://...` for
    /// PostgreSQL, `sqlite://PATH` or a plain file path for SQLite.
    pub fn parse(url: &str) -> AppResult<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Err(AppError::Config(
                "PRAXIS_DATABASE_URL is empty: give a postgres:// URL or a SQLite file path".into(),
            ));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err(AppError::Config(
                    "PRAXIS_DATABASE_URL sqlite:// needs a file path after it".into(),
                ));
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        if url.contains("://") {
            return Err(AppError::Config(format!(
                "PRAXIS_DATABASE_URL must start with postgres://, postgresql:// or sqlite://, \
                 or be a file path; {} is neither",
                redacted(url)
            )));
        }
        Ok(Self::Sqlite(PathBuf::from(url)))
    }

    /// The SQLite file, if the database is one.
    pub fn sqlite_path(&self) -> Option<&Path> {
        match self {
            Self::Sqlite(path) => Some(path),
            Self::Postgres(_) => None,
        }
    }

    /// Whether the database is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    /// The location for messages and logs, with any password left out.
    pub fn describe(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("SQLite file {}", path.display()),
            Self::Postgres(url) => format!("PostgreSQL at {}", redacted(url)),
        }
    }

    /// Opens a new connection of the right kind.
    pub fn connect(&self) -> AppResult<DbConnection> {
        match self {
            Self::Sqlite(path) => SqliteConnection::establish(&path.to_string_lossy())
                .map(DbConnection::Sqlite)
                .map_err(|error| AppError::Internal(format!("database connection: {error}"))),
            Self::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(|error| {
                    AppError::Config(format!(
                        "cannot connect to the database PRAXIS_DATABASE_URL names ({}): {}",
                        redacted(url),
                        error.to_string().trim()
                    ))
                }),
        }
    }
}

/// The advisory lock PostgreSQL's writing transactions take in turn ("writer" in ASCII).
const WRITER_LOCK: i64 = 0x7772_6974_6572;

fn take_writer_lock(conn: &mut PgConnection) -> diesel::QueryResult<()> {
    use diesel::RunQueryDsl;
    use diesel::sql_types::BigInt;
    diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
        .bind::<BigInt, _>(WRITER_LOCK)
        .execute(conn)
        .map(|_| ())
}

/// A URL with the password between `:` and `@` replaced, for messages.
fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((credentials, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match credentials.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

impl DbConnection {
    /// Runs `work` in a transaction that writes. On SQLite it takes the write lock at the
    /// start (`BEGIN IMMEDIATE`), so what it reads no other writer can change before it
    /// commits (the checks before a signature, the next revision number). PostgreSQL has
    /// no database-wide write lock, so there the transaction takes one advisory lock that
    /// every such transaction takes, held until it ends: the same one-writer-at-a-time
    /// rule, across every instance on the database, with no serialization failures to
    /// retry.
    pub fn immediate_transaction<T, E, F>(&mut self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut Self) -> Result<T, E>,
        E: From<diesel::result::Error>,
    {
        use diesel::connection::{AnsiTransactionManager, TransactionManager};
        match self {
            Self::Sqlite(conn) => {
                AnsiTransactionManager::begin_transaction_sql(conn, "BEGIN IMMEDIATE")?
            }
            Self::Postgres(conn) => {
                AnsiTransactionManager::begin_transaction(conn)?;
                if let Err(error) = take_writer_lock(conn) {
                    let _ = AnsiTransactionManager::rollback_transaction(conn);
                    return Err(error.into());
                }
            }
        }
        match work(self) {
            Ok(value) => {
                <Self as Connection>::TransactionManager::commit_transaction(self)?;
                Ok(value)
            }
            Err(error) => {
                // The work's own error is what the caller needs; a failed rollback leaves
                // the connection marked broken, and the pool discards it.
                let _ = <Self as Connection>::TransactionManager::rollback_transaction(self);
                Err(error)
            }
        }
    }

    /// Whether this connection is to PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }

    /// Tells the database that rows were written into `table` with ids chosen by the
    /// writer (bulk loads that number rows themselves): PostgreSQL's id sequence moves past
    /// the highest id, so the next ordinary insert does not collide; SQLite always
    /// continues from the highest id and needs nothing.
    pub fn ids_written(&mut self, table: &str) -> diesel::QueryResult<()> {
        use diesel::RunQueryDsl;
        // The name goes into the statement itself; it comes from code, never from a client.
        if table.is_empty() || !table.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Err(diesel::result::Error::QueryBuilderError(
                format!("not a table name: {table:?}").into(),
            ));
        }
        match self {
            Self::Sqlite(_) => Ok(()),
            Self::Postgres(conn) => diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
            ))
            .execute(conn)
            .map(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_choose_the_backend() {
        assert_eq!(
            Location::parse("postgres://praxis@db/praxis").unwrap(),
            Location::Postgres("postgres://praxis@db/praxis".into())
        );
        assert!(
            Location::parse("postgresql://db/praxis")
                .unwrap()
                .is_postgres()
        );
        assert_eq!(
            Location::parse("sqlite:///srv/praxis/praxis.sqlite3").unwrap(),
            Location::Sqlite("/srv/praxis/praxis.sqlite3".into())
        );
        assert_eq!(
            Location::parse("shared/praxis.sqlite3").unwrap(),
            Location::Sqlite("shared/praxis.sqlite3".into())
        );
        for bad in ["", "  ", "mysql://db/praxis", "sqlite://"] {
            let error = Location::parse(bad).unwrap_err().to_string();
            assert!(error.contains("PRAXIS_DATABASE_URL"), "{bad}: {error}");
        }
    }

    #[test]
    fn passwords_never_reach_messages() {
        let location = Location::parse("postgres://praxis:s3cret@db:5432/praxis").unwrap();
        assert_eq!(
            location.describe(),
            "PostgreSQL at postgres://praxis:***@db:5432/praxis"
        );
        assert!(!format!("{location:?}").contains("s3cret"));
        let error = Location::parse("mysql://me:s3cret@db/x")
            .unwrap_err()
            .to_string();
        assert!(!error.contains("s3cret"), "{error}");
    }
}
