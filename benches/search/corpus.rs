//! Building a corpus: the demo generator into a fresh data directory, then a full rebuild
//! of the search index through the same function as `praxis reindex`.

use std::time::Instant;

use praxis::config::Config;
use praxis::demo::{self, DemoOptions, DemoSummary};
use praxis::platform::clock;
use praxis::platform::db::Database;
use praxis::search::rebuild::OfflineRebuild;
use tempfile::TempDir;

/// A data directory holding a generated corpus and its index.
pub struct Corpus {
    /// The data directory (deleted on drop).
    pub dir: TempDir,
    /// Its configuration.
    pub config: Config,
    /// The database.
    pub database: Database,
    /// What was generated.
    pub summary: DemoSummary,
    /// Entries generated and stored per second.
    pub generate_per_s: f64,
    /// Entries indexed per second by a full rebuild.
    pub rebuild_per_s: f64,
}

/// Accounts for a corpus of `entries`: one per 2,500 entries (about two years of a
/// worker's notes), at least 20; `PRAXIS_BENCH_USERS` overrides.
pub fn users_for(entries: usize) -> usize {
    std::env::var("PRAXIS_BENCH_USERS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or((entries / 2500).max(20))
}

/// Generates `entries` entries and builds their index in a new temporary directory
/// (under `PRAXIS_BENCH_DIR` if set, created if missing); the entries go into the SQLite
/// file there, or into the empty PostgreSQL database at `database_url`.
pub fn build(entries: usize, database_url: Option<&str>) -> Corpus {
    let dir = match std::env::var_os("PRAXIS_BENCH_DIR") {
        Some(parent) => {
            std::fs::create_dir_all(&parent).and_then(|()| tempfile::tempdir_in(parent))
        }
        None => tempfile::tempdir(),
    }
    .expect("a temporary directory");
    let mut config = Config::new(dir.path());
    if let Some(url) = database_url {
        config = config.with_database_url(url);
    }
    let location = config.database_location().expect("the database's location");
    let database = Database::connect(&location).expect("open the database");
    database.migrate().expect("migrate");
    let mut conn = database.conn().expect("a connection");
    let options = DemoOptions {
        users: users_for(entries),
        entries,
        seed: 1,
        today: clock::today(),
    };
    let started = Instant::now();
    let mut last_report = Instant::now();
    let summary = demo::generate(&mut conn, &options, |done, total| {
        if last_report.elapsed().as_secs() >= 10 {
            eprintln!("  generated {done} of {total} entries");
            last_report = Instant::now();
        }
    })
    .expect("generate the corpus");
    let generate_per_s = entries as f64 / started.elapsed().as_secs_f64();
    eprintln!("  generated {entries} entries ({generate_per_s:.0}/s); rebuilding the index");
    let rebuild = OfflineRebuild::open(&config.index_dir()).expect("open the index");
    let started = Instant::now();
    let indexed = rebuild
        .run(&mut conn, |_, _| {})
        .expect("rebuild the index");
    let rebuild_s = started.elapsed().as_secs_f64();
    let rebuild_per_s = indexed as f64 / rebuild_s;
    eprintln!("  indexed {indexed} entries in {rebuild_s:.1} s ({rebuild_per_s:.0}/s)");
    drop(conn);
    Corpus {
        dir,
        config,
        database,
        summary,
        generate_per_s,
        rebuild_per_s,
    }
}
