//! Storage: a pool of SQLite connections, migrations, and a way to run Diesel off the executor.

pub mod ids;
pub mod migrations;
pub mod schema;

use std::path::Path;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;

use crate::error::{AppError, AppResult};

/// A pooled SQLite connection.
pub type Conn = PooledConnection<ConnectionManager<SqliteConnection>>;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "praxis.sqlite3";

/// Every connection is set up the same way: WAL so readers never wait for the writer,
/// foreign keys enforced, a busy timeout instead of immediate "database is locked",
/// NORMAL sync, which is durable with WAL except across a power cut, and reads through a
/// memory map of up to 1 GiB, which spares a copy per page read (search hydrates many rows
/// by id); the mapped pages are shared page cache, counted in the process's resident size.
#[derive(Debug, Clone, Copy)]
struct Pragmas;

impl CustomizeConnection<SqliteConnection, diesel::r2d2::Error> for Pragmas {
    fn on_acquire(&self, conn: &mut SqliteConnection) -> Result<(), diesel::r2d2::Error> {
        conn.batch_execute(
            "PRAGMA busy_timeout = 5000;
             PRAGMA journal_mode = WAL;
             PRAGMA foreign_keys = ON;
             PRAGMA synchronous = NORMAL;
             PRAGMA mmap_size = 1073741824;",
        )
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// The application's database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    pool: Pool<ConnectionManager<SqliteConnection>>,
}

impl Database {
    /// Opens (creating if needed) the database file at `path`; see [`Database::migrate`].
    pub fn open(path: &Path) -> AppResult<Self> {
        let manager = ConnectionManager::<SqliteConnection>::new(path.to_string_lossy());
        let pool = Pool::builder()
            .max_size(8)
            // Open connections on demand: eight opening at once on a new file would race
            // to switch it to WAL.
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(10))
            // A local file's connection does not drop like a network one; testing each
            // checkout would add a query to every request.
            .test_on_check_out(false)
            .connection_customizer(Box::new(Pragmas))
            .build(manager)
            .map_err(|error| AppError::Internal(format!("opening {}: {error}", path.display())))?;
        Ok(Self { pool })
    }

    /// Applies the migrations this database has not seen; returns how many ran.
    pub fn migrate(&self) -> AppResult<usize> {
        let mut conn = self.conn()?;
        migrations::run_pending(&mut conn)
    }

    /// A connection for synchronous work (the CLI, tests, blocking tasks).
    pub fn conn(&self) -> AppResult<Conn> {
        Ok(self.pool.get()?)
    }

    /// Runs blocking database work on Rocket's blocking pool, never on the async executor.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> AppResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        rocket::tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(|error| AppError::Internal(format!("blocking task: {error}")))?
    }
}
