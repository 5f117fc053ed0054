//! A test app's data directory and its database: SQLite inside the directory, or, when
//! `PRAXIS_TEST_POSTGRES_URL` names a PostgreSQL cluster where the test role may create
//! databases, a fresh database of its own there, dropped when the directory goes.

use std::ops::Deref;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use praxis::config::Config;
use tempfile::TempDir;

/// The variable naming the PostgreSQL cluster the suite runs against.
pub const POSTGRES_URL: &str = "PRAXIS_TEST_POSTGRES_URL";

/// A temporary data directory, with the PostgreSQL database that goes with it if any.
pub struct DataDir {
    // Declared first so the database is dropped before the directory, though neither
    // depends on the other.
    postgres: Option<PostgresDatabase>,
    dir: TempDir,
}

impl Deref for DataDir {
    type Target = TempDir;

    fn deref(&self) -> &TempDir {
        &self.dir
    }
}

impl From<TempDir> for DataDir {
    fn from(dir: TempDir) -> Self {
        Self {
            postgres: std::env::var(POSTGRES_URL)
                .ok()
                .filter(|url| !url.trim().is_empty())
                .map(|url| PostgresDatabase::create(&url)),
            dir,
        }
    }
}

impl DataDir {
    /// A new empty data directory (and database).
    pub fn new() -> Self {
        tempfile::tempdir().expect("temp dir").into()
    }

    /// A new empty data directory whose database is SQLite whatever the suite runs on, for
    /// what only SQLite has (`praxis backup`, file modes of the database).
    pub fn sqlite() -> Self {
        Self {
            postgres: None,
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// The URL of this directory's PostgreSQL database, if it has one.
    pub fn postgres_url(&self) -> Option<&str> {
        self.postgres.as_ref().map(|database| database.url.as_str())
    }

    /// Whether this directory's database is on PostgreSQL.
    pub fn on_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// The `praxis` binary, set to run on this directory and its database.
    pub fn praxis(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_praxis"));
        command
            .arg("--data-dir")
            .arg(self.dir.path())
            .env_remove("PRAXIS_DATA_DIR")
            .env_remove("PRAXIS_DATABASE_URL");
        if let Some(database) = &self.postgres {
            command.env("PRAXIS_DATABASE_URL", &database.url);
        }
        command
    }

    /// The command-line options that point `praxis` at this directory and its database.
    pub fn cli_args(&self) -> Vec<String> {
        let mut args = vec![
            "--data-dir".to_string(),
            self.dir.path().to_string_lossy().into_owned(),
        ];
        if let Some(database) = &self.postgres {
            args.extend(["--database-url".to_string(), database.url.clone()]);
        }
        args
    }

    /// `config` pointed at this directory's PostgreSQL database, if it has one.
    pub fn configure(&self, config: Config) -> Config {
        match &self.postgres {
            Some(database) => config.with_database_url(database.url.clone()),
            None => config,
        }
    }

    /// The app's configuration on this directory, as the harness builds it.
    pub fn config(&self) -> Config {
        self.configure(Config::new(self.dir.path()).quiet())
    }
}

/// A database created for one test app.
struct PostgresDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PostgresDatabase {
    fn create(admin_url: &str) -> Self {
        static CREATED: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "praxis_test_{}_{}",
            std::process::id(),
            CREATED.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = PgConnection::establish(admin_url)
            .unwrap_or_else(|error| panic!("{POSTGRES_URL} cannot be reached: {error}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("the test role may create databases");
        Self {
            admin_url: admin_url.to_string(),
            url: with_database(admin_url, &name),
            name,
        }
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        // FORCE ends what the app left connected (its indexer's own connection).
        let dropped = PgConnection::establish(&self.admin_url).and_then(|mut admin| {
            admin
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .map_err(|error| diesel::ConnectionError::BadConnection(error.to_string()))
        });
        if let Err(error) = dropped {
            eprintln!("could not drop test database {}: {error}", self.name);
        }
    }
}

/// `url` with its database name replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (before_query, query) = match url.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (url, None),
    };
    let scheme_end = before_query.find("://").map_or(0, |at| at + 3);
    let base = match before_query[scheme_end..].find('/') {
        Some(slash) => &before_query[..scheme_end + slash],
        None => before_query,
    };
    match query {
        Some(query) => format!("{base}/{name}?{query}"),
        None => format!("{base}/{name}"),
    }
}

#[test]
fn a_test_database_url_keeps_host_and_options() {
    assert_eq!(
        with_database("postgres://postgres@localhost:55432/postgres", "t1"),
        "postgres://postgres@localhost:55432/t1"
    );
    assert_eq!(
        with_database("postgres://u:p@h/postgres?host=/tmp&port=5", "t2"),
        "postgres://u:p@h/t2?host=/tmp&port=5"
    );
    assert_eq!(with_database("postgres://h", "t3"), "postgres://h/t3");
}
