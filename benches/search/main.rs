//! Search benchmarks: builds corpora with the demo generator and measures, on this machine,
//! search latency over HTTP with permissions (the real server binary), the same searches as
//! raw tantivy calls and on SQLite FTS5, full rebuild throughput, freshness under a steady
//! write load, and the server's peak memory; prints Markdown tables.
//!
//! `cargo bench --bench search` runs corpora of 100,000 and 1,000,000 entries. Settings:
//! `PRAXIS_BENCH_SIZES=20000` (comma-separated corpus sizes), `PRAXIS_BENCH_ROUNDS` (rounds
//! of the query mix, default 40), `PRAXIS_BENCH_USERS` (accounts; default one per 2,500
//! entries, at least 20), `PRAXIS_BENCH_DIR` (where the temporary data directories go),
//! `PRAXIS_BENCH_SERVER` (another server binary), `PRAXIS_BENCH_DATABASES` (`sqlite`,
//! `postgres` or both, comma-separated: each corpus is built and measured on each, in one
//! run, PostgreSQL in a throwaway cluster the bench starts; default `sqlite`). FTS5 is
//! measured on SQLite only.

mod api;
mod corpus;
#[path = "../common/databases.rs"]
mod databases;
mod fts;
mod http;
#[path = "../common/machine.rs"]
mod machine;
mod mix;
#[path = "../common/percentile.rs"]
mod percentile;
#[path = "../common/postgres.rs"]
mod postgres;
mod raw;
mod report;
mod server;
mod stats;

use std::collections::HashMap;

/// The allocator the `praxis` binary uses, so that the in-process rebuild and raw searches
/// are measured as the application runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use api::{ApiSearch, Freshness};
use databases::Database;
use mix::MIX;
use stats::{QueryTimings, Samples, Searcher, round};

/// Everything measured on one corpus.
pub struct SizeResult {
    /// The database the corpus was in.
    pub database: Database,
    /// Entries in the corpus.
    pub entries: usize,
    /// Accounts.
    pub users: usize,
    /// Entries generated per second.
    pub generate_per_s: f64,
    /// Entries indexed per second by a full rebuild.
    pub rebuild_per_s: f64,
    /// Search timings over HTTP, per query.
    pub http: QueryTimings,
    /// Bare tantivy timings (`TopDocs` on the query without the permission scope), per query.
    pub raw_bare: QueryTimings,
    /// Raw tantivy timings (permission scope, `Count` and `TopDocs`), per query.
    pub raw: QueryTimings,
    /// Tantivy timings with facets too, per query.
    pub raw_facets: QueryTimings,
    /// Tantivy timings with facets and snippets too, per query.
    pub raw_full: QueryTimings,
    /// FTS5 timings, per query (no samples on PostgreSQL).
    pub fts: QueryTimings,
    /// Writes and how soon they were found.
    pub freshness: Freshness,
    /// Server peak memory after the query rounds, MiB.
    pub peak_mib: f64,
    /// Server peak memory at the end (after the write load), MiB.
    pub peak_end_mib: f64,
}

impl SizeResult {
    /// All queries' timings together.
    pub fn all(timings: &QueryTimings) -> Samples {
        let mut all = Samples::default();
        for (samples, _) in timings {
            all.extend(samples);
        }
        all
    }
}

fn sizes() -> Vec<usize> {
    std::env::var("PRAXIS_BENCH_SIZES")
        .ok()
        .map(|text| {
            text.split(',')
                .filter_map(|size| size.trim().replace('_', "").parse().ok())
                .collect()
        })
        .filter(|sizes: &Vec<usize>| !sizes.is_empty())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn run(entries: usize, rounds: usize, database: Database, url: Option<&str>) -> SizeResult {
    eprintln!("corpus of {entries} entries on {}:", database.label());
    let corpus = corpus::build(entries, url);
    let mut fts = (database == Database::Sqlite).then(|| {
        let (fts, fill_s) =
            fts::FtsSearch::build(corpus.dir.path(), &corpus.config.database_path());
        eprintln!("  filled FTS5 in {fill_s:.1} s");
        fts
    });
    eprintln!("  starting the server");
    let server = server::Server::start(corpus.dir.path(), url);
    let usernames = mix::usernames();
    let tokens: HashMap<String, String> = server.tokens(&usernames);
    let index_dir = corpus.config.index_dir();
    let open = |level| raw::RawSearch::open(&index_dir, &corpus.database, &usernames, level);
    let mut raw_bare = open(raw::Level::Bare);
    let mut raw = open(raw::Level::Plain);
    let mut raw_facets = open(raw::Level::Facets);
    let mut raw_full = open(raw::Level::Snippets);
    let mut http = ApiSearch::new(server.port, tokens.clone(), MIX);
    let mut warm = QueryTimings::new();
    for number in 0..5 {
        for searcher in [
            &mut http as &mut dyn Searcher,
            &mut raw_bare,
            &mut raw,
            &mut raw_facets,
            &mut raw_full,
        ] {
            round(searcher, MIX, number, &mut warm);
        }
        if let Some(fts) = fts.as_mut() {
            round(fts, MIX, number, &mut warm);
        }
    }
    eprintln!("  timing {rounds} rounds of {} searches", MIX.len());
    let (mut over_http, mut bare, mut in_process, mut with_facets, mut in_process_full) = (
        QueryTimings::new(),
        QueryTimings::new(),
        QueryTimings::new(),
        QueryTimings::new(),
        QueryTimings::new(),
    );
    let mut on_fts = QueryTimings::new();
    // Interleaved, so that noise from other work on the machine falls on all alike.
    for number in 0..rounds {
        round(&mut http, MIX, number, &mut over_http);
        round(&mut raw_bare, MIX, number, &mut bare);
        round(&mut raw, MIX, number, &mut in_process);
        round(&mut raw_facets, MIX, number, &mut with_facets);
        round(&mut raw_full, MIX, number, &mut in_process_full);
        if let Some(fts) = fts.as_mut() {
            round(fts, MIX, number, &mut on_fts);
        }
    }
    on_fts.resize(MIX.len(), Default::default());
    let peak_mib = server.peak_memory_mib();
    eprintln!("  writing 20 entries/s for 10 s and searching for each");
    let freshness = api::freshness(server.port, &tokens[mix::PRACTITIONERS[0]], 20, 10);
    let peak_end_mib = server.peak_memory_mib();
    SizeResult {
        database,
        entries,
        users: corpus.summary.users,
        generate_per_s: corpus.generate_per_s,
        rebuild_per_s: corpus.rebuild_per_s,
        http: over_http,
        raw_bare: bare,
        raw: in_process,
        raw_facets: with_facets,
        raw_full: in_process_full,
        fts: on_fts,
        freshness,
        peak_mib,
        peak_end_mib,
    }
}

fn main() {
    let sizes = sizes();
    let rounds = setting("PRAXIS_BENCH_ROUNDS", 40);
    let databases = databases::from_env("PRAXIS_BENCH_DATABASES");
    let cluster = databases
        .contains(&Database::Postgres)
        .then(postgres::Cluster::start);
    let mut results = Vec::new();
    for &entries in &sizes {
        for &database in &databases {
            let url = match (database, &cluster) {
                (Database::Postgres, Some(cluster)) => {
                    Some(cluster.create_database(&format!("search_{entries}")))
                }
                _ => None,
            };
            let result = run(entries, rounds, database, url.as_deref());
            report::detail(&result);
            results.push(result);
        }
    }
    report::summary(&sizes, rounds, &results, cluster.as_ref());
}
