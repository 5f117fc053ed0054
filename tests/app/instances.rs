//! Several instances on one database: each app has a data directory of its own (its own
//! search index) and all share one SQLite file, as two servers behind a load balancer would
//! share one database. Search replicas, sign-in limits, background jobs and instances coming
//! and going.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{DataDir, TestApp};
use rocket::http::Status;

use crate::search::search_reply;

mod credentials;
mod jobs;
mod own_writes;
mod replicas;
mod throttle;

/// The cookie key every instance is given, as an operator sets one key for all of them:
/// a session begun through one instance is good at every other.
const SHARED_SECRET_KEY: &str = "6a1f0c2e9b4d7a3850e6c1f2a9b7d4e3c0a8f6e2d1b9c7a5e3f1d0b8c6a4e2f0";

/// One database that instances are started on: the suite's PostgreSQL cluster when it runs
/// on one, otherwise a SQLite file none of the instances' data directories holds.
pub(crate) struct SharedDatabase {
    dir: DataDir,
}

impl SharedDatabase {
    pub(crate) fn new() -> Self {
        Self {
            dir: DataDir::new(),
        }
    }

    /// The database's location, as `PRAXIS_DATABASE_URL` takes it.
    pub(crate) fn url(&self) -> String {
        self.dir.postgres_url().map_or_else(
            || {
                self.dir
                    .path()
                    .join("shared.sqlite3")
                    .to_string_lossy()
                    .into_owned()
            },
            str::to_owned,
        )
    }

    /// An instance on a new, empty data directory of its own.
    pub(crate) fn instance(&self) -> TestApp {
        self.instance_with(|config| config)
    }

    /// An instance on a new data directory, its configuration adjusted by `f`.
    pub(crate) fn instance_with(
        &self,
        f: impl FnOnce(praxis::config::Config) -> praxis::config::Config,
    ) -> TestApp {
        let url = self.url();
        TestApp::with_config(|config| {
            std::fs::write(config.data_dir().join("secret.key"), SHARED_SECRET_KEY)
                .expect("key written");
            f(config.with_database_url(url))
        })
    }

    /// An instance started again on the data directory `dir` of an earlier one.
    pub(crate) fn restart_on(&self, dir: DataDir) -> TestApp {
        let url = self.url();
        TestApp::launch(dir, |config| config.with_database_url(url))
    }
}

/// Searches through `app` until `words` find entry `id`, at most `bound`; returns how long
/// that took, or fails the test.
#[track_caller]
pub(crate) fn found_within(
    app: &TestApp,
    token: &str,
    words: &str,
    id: i64,
    bound: Duration,
) -> Duration {
    let started = Instant::now();
    loop {
        let reply = search_reply(app, token, &[("q", words), ("limit", "100")]);
        // 503 while a new instance builds its index from the database.
        let result: Value = if reply.status == Status::Ok {
            reply.json()
        } else {
            Value::Null
        };
        let hits: Vec<i64> = result["hits"]
            .as_array()
            .map(|hits| hits.iter().filter_map(|hit| hit["id"].as_i64()).collect())
            .unwrap_or_default();
        if hits.contains(&id) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < bound,
            "entry {id} not found by {words:?} within {bound:?}: {result}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
