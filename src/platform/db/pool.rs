//! The connection pool: connections opened for the configured [`Location`], each set up for
//! its backend before first use.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{CustomizeConnection, ManageConnection, R2D2Connection};

use super::backend::{DbConnection, Location};

/// Opens pooled connections to one [`Location`], of exactly its kind.
#[derive(Debug)]
pub struct Manager {
    pub(super) location: Location,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        self.location.connect().map_err(|error| {
            diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(
                error.to_string(),
            ))
        })
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Every SQLite connection is set up the same way: WAL so readers never wait for the
/// writer, foreign keys enforced, a busy timeout instead of immediate "database is locked",
/// NORMAL sync, which is durable with WAL except across a power cut, and reads through a
/// memory map of up to 1 GiB, which spares a copy per page read (search hydrates many rows
/// by id); the mapped pages are shared page cache, counted in the process's resident size.
/// PostgreSQL needs none of this: its server is configured by its administrator.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for Pragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        match conn {
            DbConnection::Sqlite(conn) => conn
                .batch_execute(
                    "PRAGMA busy_timeout = 5000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA foreign_keys = ON;
                     PRAGMA synchronous = NORMAL;
                     PRAGMA mmap_size = 1073741824;",
                )
                .map_err(diesel::r2d2::Error::QueryError),
            // Times are stored as UTC without a zone; the session zone keeps the server's
            // own zone setting out of anything it computes.
            DbConnection::Postgres(conn) => conn
                .batch_execute("SET TIME ZONE 'UTC';")
                .map_err(diesel::r2d2::Error::QueryError),
        }
    }
}
