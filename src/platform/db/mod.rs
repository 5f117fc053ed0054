//! Storage: a pool of connections to SQLite or PostgreSQL, migrations, and a way to run
//! Diesel off the executor.

pub mod backend;
pub mod ids;
pub mod migrations;
pub mod pool;
pub mod request;
pub mod schema;
pub mod text;
pub mod written;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use diesel::r2d2::{CustomizeConnection, Pool, PooledConnection};

pub use self::backend::{DbConnection, Location, MultiBackend};
use self::pool::{Manager, Pragmas};
use crate::error::{AppError, AppResult};
use crate::platform::threads::Threads;

/// A pooled connection.
pub type Conn = PooledConnection<Manager>;

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "praxis.sqlite3";

/// How long a request's database work may queue for a connection before it is answered
/// 503 (with `Retry-After`) rather than waiting on.
const QUEUE_WAIT: Duration = Duration::from_secs(10);

/// Connections in the pool, and so database tasks that run at once.
const POOL_SIZE: u32 = 8;

/// The application's database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Database {
    pool: Pool<Manager>,
    location: Location,
    threads: Arc<Lanes>,
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
            threads: Arc::new(Lanes {
                writes: Threads::start(1, "praxis-write")?,
                reads: Threads::start(POOL_SIZE as usize - 1, "praxis-read")?,
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

    /// Runs blocking database work on the database threads ([`Lanes`]), never on the async
    /// executor: a writing request's work after the writing requests' work queued before
    /// it, other work on the first free reading thread. Work that waits longer than
    /// [`QUEUE_WAIT`] to start is refused as busy.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    {
        let deadline = std::time::Instant::now() + QUEUE_WAIT;
        let lane = match &self.request {
            Some(scope) if scope.writes() => &self.threads.writes,
            _ => &self.threads.reads,
        };
        let pool = self.pool.clone();
        let author = self.request.as_ref().and_then(request::Scope::author);
        let (result, queued) = lane
            .run(deadline, busy, move || {
                Ok(written::capture(author, || {
                    let mut conn = pool.get()?;
                    work(&mut conn)
                }))
            })
            .await?;
        if let Some(scope) = &self.request {
            scope.queued(queued);
        }
        result
    }
}

/// The database threads, one per pooled connection: one for the work of requests that may
/// write, taken in order, and the rest for everything else.
///
/// SQLite lets one writer in at a time anyway, and a write given a lane of its own never
/// waits behind reads for a thread: when writes queued among reads, writes became the
/// slowest requests of a mixed load. Holding some reading threads back while writes run
/// made no difference that stood out of the noise in runs on two cores (README, Team load).
struct Lanes {
    writes: Threads,
    reads: Threads,
}

/// The answer to work that waited too long to start: 503 with [`BUSY`].
pub fn busy() -> AppError {
    AppError::Unavailable(BUSY.into())
}

/// What a person is told when the service is too busy to take their request in time.
pub const BUSY: &str = "Praxis is very busy just now; please try again in a moment.";

#[cfg(test)]
mod tests {
    use super::*;

    fn thread_name(_: &mut DbConnection) -> AppResult<String> {
        Ok(std::thread::current().name().unwrap_or_default().to_owned())
    }

    #[rocket::async_test]
    async fn writing_requests_work_in_their_own_lane_and_the_rest_on_reading_threads() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let database = Database::open(&dir.path().join(DATABASE_FILE)).expect("database opens");
        let mut writing = database.clone();
        writing.request = Some(request::Scope::writing());
        for _ in 0..3 {
            assert_eq!(
                writing.run(thread_name).await.expect("runs"),
                "praxis-write-0"
            );
            let reader = database.run(thread_name).await.expect("runs");
            assert!(reader.starts_with("praxis-read-"), "{reader}");
        }
    }
}
