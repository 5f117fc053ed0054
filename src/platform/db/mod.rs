//! Storage: a pool of SQLite connections, migrations, and a way to run Diesel off the executor.

pub mod ids;
pub mod migrations;
pub mod request;
pub mod schema;
pub mod workers;
pub mod written;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;
use rocket::tokio::sync::{Mutex, Semaphore};
use rocket::tokio::time::{Instant, timeout_at};

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

/// How long a request's database work may queue for a connection before it is answered
/// 503 (with `Retry-After`) rather than waiting on.
const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// Connections in the pool, and so database tasks that run at once.
const POOL_SIZE: u32 = 8;

/// What bounds database work: at most [`POOL_SIZE`] blocking tasks at once, and one
/// writing request at a time. Requests beyond that wait here, asynchronously, holding
/// neither a thread nor a connection; SQLite lets one writer in at a time anyway, and
/// queueing writers here spares them its busy-wait sleeps.
struct Limits {
    tasks: Arc<Semaphore>,
    writer: Mutex<()>,
    threads: workers::Workers,
}

/// The application's database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    pool: Pool<ConnectionManager<SqliteConnection>>,
    path: PathBuf,
    limits: Arc<Limits>,
    request: Option<request::Scope>,
}

impl Database {
    /// Opens (creating if needed) the database file at `path`; see [`Database::migrate`].
    pub fn open(path: &Path) -> AppResult<Self> {
        let manager = ConnectionManager::<SqliteConnection>::new(path.to_string_lossy());
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            // Open connections on demand: eight opening at once on a new file would race
            // to switch it to WAL.
            .min_idle(Some(1))
            .connection_timeout(QUEUE_WAIT)
            // A local file's connection does not drop like a network one; testing each
            // checkout would add a query to every request.
            .test_on_check_out(false)
            .connection_customizer(Box::new(Pragmas))
            .build(manager)
            .map_err(|error| AppError::Internal(format!("opening {}: {error}", path.display())))?;
        Ok(Self {
            pool,
            path: path.to_path_buf(),
            limits: Arc::new(Limits {
                tasks: Arc::new(Semaphore::new(POOL_SIZE as usize)),
                writer: Mutex::new(()),
                threads: workers::Workers::start(POOL_SIZE as usize, "praxis-db")?,
            }),
            request: None,
        })
    }

    /// Applies the migrations this database has not seen; returns how many ran.
    pub fn migrate(&self) -> AppResult<usize> {
        let mut conn = self.conn()?;
        migrations::run_pending(&mut conn)
    }

    /// Pooled connections now in use and idle.
    pub fn pool_use(&self) -> (u32, u32) {
        let state = self.pool.state();
        (
            state.connections - state.idle_connections,
            state.idle_connections,
        )
    }

    /// A connection for synchronous work (the CLI, tests, blocking tasks).
    pub fn conn(&self) -> AppResult<Conn> {
        Ok(self.pool.get()?)
    }

    /// A connection of its own, outside the pool, set up like the pooled ones: for a
    /// background worker, which must never compete with requests for the pool.
    pub fn dedicated(&self) -> AppResult<SqliteConnection> {
        let mut conn = SqliteConnection::establish(&self.path.to_string_lossy())
            .map_err(|error| AppError::Internal(format!("database connection: {error}")))?;
        Pragmas
            .on_acquire(&mut conn)
            .map_err(|error| AppError::Internal(format!("database connection: {error}")))?;
        Ok(conn)
    }

    /// Runs blocking database work on the database threads ([`workers`]), never on the
    /// async executor, at most [`POOL_SIZE`] at once; a writing request's work also waits for the one before
    /// it. Work that waits longer than [`QUEUE_WAIT`] to start is refused as busy.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut SqliteConnection) -> AppResult<T> + Send + 'static,
    {
        let deadline = Instant::now() + QUEUE_WAIT;
        let _writer = match &self.request {
            Some(scope) if scope.writes() => Some(
                timeout_at(deadline, self.limits.writer.lock())
                    .await
                    .map_err(|_| busy())?,
            ),
            _ => None,
        };
        let permit = timeout_at(deadline, Arc::clone(&self.limits.tasks).acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|_| AppError::Internal("database task limit closed".into()))?;
        let pool = self.pool.clone();
        let (result, queued) = self
            .limits
            .threads
            .run(move || {
                let _permit = permit;
                written::capture(|| {
                    let mut conn = pool.get()?;
                    work(&mut conn)
                })
            })
            .await?;
        if let Some(scope) = &self.request {
            scope.queued(queued);
        }
        result
    }
}

fn busy() -> AppError {
    AppError::Unavailable(BUSY.into())
}

/// What a person is told when the service is too busy to take their request in time.
pub const BUSY: &str = "Praxis is very busy just now; please try again in a moment.";
