//! Storage: a pool of connections to SQLite or PostgreSQL, migrations, and a way to run
//! Diesel off the executor.

pub mod backend;
pub mod ids;
pub mod migrations;
pub mod pool;
pub mod request;
pub mod schema;
pub mod text;
pub mod workers;
pub mod written;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use diesel::r2d2::{CustomizeConnection, Pool, PooledConnection};
use rocket::tokio::sync::{Mutex, Semaphore};
use rocket::tokio::time::{Instant, timeout_at};

pub use self::backend::{DbConnection, Location, MultiBackend};
use self::pool::{Manager, Pragmas};
use crate::error::{AppError, AppResult};

/// A pooled connection.
pub type Conn = PooledConnection<Manager>;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "praxis.sqlite3";

/// How long a request's database work may queue for a connection before it is answered
/// 503 (with `Retry-After`) rather than waiting on.
const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// Connections in the pool, and so database tasks that run at once.
const POOL_SIZE: u32 = 8;

/// What bounds database work: one writing request's task at a time, and at most
/// [`readers_at_once`] other tasks at once (never more than [`POOL_SIZE`] - 1), so the writer always finds a thread and a
/// connection free. Requests beyond that wait here, asynchronously, holding neither a thread
/// nor a connection; SQLite lets one writer in at a time anyway, and queueing writers here
/// spares them its busy-wait sleeps.
///
/// The writer's slot of its own matters under a mix of reads and writes: when the writer
/// queued behind reads for a slot while holding the writer's turn, every write waited for
/// the reads ahead of it, and writes became the slowest requests by far.
struct Limits {
    readers: Arc<Semaphore>,
    writer: Arc<Mutex<()>>,
    threads: workers::Workers,
}

/// The application's database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    pool: Pool<Manager>,
    location: Location,
    limits: Arc<Limits>,
    request: Option<request::Scope>,
}

impl Database {
    /// Opens (creating if needed) the SQLite database file at `path`; see
    /// [`Database::migrate`].
    pub fn open(path: &Path) -> AppResult<Self> {
        Self::connect(&Location::Sqlite(path.to_path_buf()))
    }

    /// Opens a pool of connections to the database at `location`; a PostgreSQL server that
    /// cannot be reached stops here, with the setting named.
    pub fn connect(location: &Location) -> AppResult<Self> {
        // Open one connection first, so a bad location fails start-up with its own message
        // rather than the pool's timeout.
        let mut first = location.connect()?;
        Pragmas.on_acquire(&mut first).map_err(|error| {
            AppError::Internal(format!("opening {}: {error}", location.describe()))
        })?;
        drop(first);
        let manager = Manager {
            location: location.clone(),
        };
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            // Open connections on demand: eight opening at once on a new file would race
            // to switch it to WAL.
            .min_idle(Some(1))
            .connection_timeout(QUEUE_WAIT)
            // A local file's connection does not drop like a network one; testing each
            // checkout would add a query to every request. A server's connection can drop.
            .test_on_check_out(location.is_postgres())
            .connection_customizer(Box::new(Pragmas))
            .build(manager)
            .map_err(|error| {
                AppError::Internal(format!("opening {}: {error}", location.describe()))
            })?;
        Ok(Self {
            pool,
            location: location.clone(),
            limits: Arc::new(Limits {
                readers: Arc::new(Semaphore::new(readers_at_once(location))),
                writer: Arc::new(Mutex::new(())),
                threads: workers::Workers::start(POOL_SIZE as usize, "praxis-db")?,
            }),
            request: None,
        })
    }

    /// Prepares the data directory (which holds the search index and secret key whichever
    /// database is used), opens the configured database, creating a SQLite file private,
    /// and migrates it.
    pub fn open_configured(config: &crate::config::Config) -> AppResult<Self> {
        let location = config.database_location()?;
        match location.sqlite_path() {
            Some(file) => crate::platform::data_dir::prepare(config.data_dir(), file)?,
            None => crate::platform::data_dir::prepare_dir(config.data_dir())?,
        }
        let database = Self::connect(&location)?;
        database.migrate()?;
        Ok(database)
    }

    /// Where the database is.
    pub fn location(&self) -> &Location {
        &self.location
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
    pub fn dedicated(&self) -> AppResult<DbConnection> {
        let mut conn = self.location.connect()?;
        Pragmas
            .on_acquire(&mut conn)
            .map_err(|error| AppError::Internal(format!("database connection: {error}")))?;
        Ok(conn)
    }

    /// Runs blocking database work on the database threads ([`workers`]), never on the
    /// async executor, at most [`POOL_SIZE`] at once: a writing request's work waits only for
    /// the writing request before it, other work for a free slot among the rest. Work that
    /// waits longer than [`QUEUE_WAIT`] to start is refused as busy.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    {
        let deadline = Instant::now() + QUEUE_WAIT;
        let writer = match &self.request {
            Some(scope) if scope.writes() => Some(
                timeout_at(deadline, Arc::clone(&self.limits.writer).lock_owned())
                    .await
                    .map_err(|_| busy())?,
            ),
            _ => None,
        };
        // The writer's turn is its slot.
        let permit = match writer {
            Some(_) => None,
            None => Some(
                timeout_at(deadline, Arc::clone(&self.limits.readers).acquire_owned())
                    .await
                    .map_err(|_| busy())?
                    .map_err(|_| AppError::Internal("database task limit closed".into()))?,
            ),
        };
        let pool = self.pool.clone();
        let author = self.request.as_ref().and_then(request::Scope::author);
        let (result, queued) = self
            .limits
            .threads
            .run(move || {
                // Both are let go on the database thread the moment the work is done, not
                // when the asking request is next polled: on a busy executor that came
                // milliseconds later, and every writer queued behind the delay.
                let (_permit, _writer) = (permit, writer);
                written::capture(author, || {
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

/// How many tasks besides the writer's may run at once. SQLite's work is the server's own
/// CPU: with seven readers on two cores the writer's turn, which every write waits for,
/// stretched until writes were the slowest requests of a mixed load. Two per core kept the
/// mix's p99 under 400 ms but cost a third of the read-only rate (README, Team load): a trade
/// measured, not settled. PostgreSQL's work is mostly waiting on the server, so there every
/// connection but the writer's reads.
fn readers_at_once(location: &Location) -> usize {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    if location.is_postgres() {
        POOL_SIZE as usize - 1
    } else {
        (2 * cores).clamp(2, POOL_SIZE as usize - 1)
    }
}

fn busy() -> AppError {
    AppError::Unavailable(BUSY.into())
}

/// What a person is told when the service is too busy to take their request in time.
pub const BUSY: &str = "Praxis is very busy just now; please try again in a moment.";
