//! Team load: the real `praxis` server on the demo team's data directory (12 accounts,
//! 3,000 entries), six people signed in, driven by wrk with the mix of searches,
//! lists, reads, pages and writes; beside it a bare Rocket handler as the ceiling.
//!
//! `cargo bench --bench load` makes, in one run: the bare Rocket handler and the signed-in
//! entry page at 50 connections; reads only, the 80/20 mix and writes only at 10, 50 and 200
//! connections; then 30 s of idling. It prints a Markdown report with requests/s, latency,
//! answers that were not 2xx by status, socket errors, the server's CPU time and memory,
//! whether each write was found by its author's next search, and the targets.
//!
//! Settings: `PRAXIS_LOAD_SECONDS` (each run, default 15), `PRAXIS_LOAD_TIMEOUT` (seconds
//! before an unanswered request counts as a timeout, default 10), `PRAXIS_LOAD_CONNECTIONS`
//! (default `10,50,200`), `PRAXIS_LOAD_ENTRIES` (entries of the demo, default 3,000),
//! `PRAXIS_LOAD_DIR` (a data directory to reuse, or to create and fill, for SQLite; a
//! temporary one if unset), `PRAXIS_LOAD_SERVER` (another server binary),
//! `PRAXIS_LOAD_DATABASES` (`sqlite`, `postgres` or both, comma-separated: the same runs on
//! each, PostgreSQL in a throwaway cluster the bench starts, with a new database for each
//! setup; default `sqlite`) and `PRAXIS_LOAD_TWO_INSTANCES=1` (the same runs again against
//! two instances on one PostgreSQL database, wrk's connections spread over both, with how
//! soon a write through one is found through the other).

mod across;
mod ceiling;
mod client;
mod compare;
#[path = "../common/databases.rs"]
mod databases;
#[path = "../common/machine.rs"]
mod machine;
#[path = "../common/percentile.rs"]
mod percentile;
#[path = "../common/postgres.rs"]
mod postgres;
mod process;
mod report;
mod runs;
mod script;
mod server;
mod serving;
mod settings;
mod setups;
mod targets;
mod team;
mod wrk;

use runs::measure;
use script::Mix;
use settings::{PAGE_CONNECTIONS, PAGE_THREADS, Settings};
use wrk::Load;

fn main() {
    wrk::require_wrk();
    script::check_decks();
    let settings = Settings::from_env();
    let setups = setups::from_env();

    eprintln!("building the bare Rocket example");
    let bare = ceiling::build();
    let ceiling = {
        let process = ceiling::start(&bare);
        let dir = tempfile::tempdir().expect("a temporary directory");
        let page_load = Load {
            threads: PAGE_THREADS,
            connections: PAGE_CONNECTIONS,
            seconds: settings.seconds,
            timeout: settings.timeout,
        };
        measure(
            std::slice::from_ref(&process),
            dir.path(),
            Mix::Ceiling,
            &script::summary_script(),
            page_load,
            &|| true,
        )
    };

    let cluster = setups
        .iter()
        .any(|setup| setup.on_postgres())
        .then(postgres::Cluster::start);
    let mut served = Vec::new();
    for &setup in &setups {
        let url = cluster
            .as_ref()
            .filter(|_| setup.on_postgres())
            .map(|cluster| cluster.create_database(&format!("load_{}", setup.slug())));
        let result = serving::serve(setup, &settings, url.as_deref());
        report::print(&result, &ceiling, &conditions(&settings, &result));
        served.push(result);
    }
    if let Some(cluster) = &cluster {
        println!(
            "\nPostgreSQL {} in a throwaway cluster on 127.0.0.1 (`{}`).",
            cluster.version(),
            postgres::Cluster::settings()
        );
    }
    compare::print(&served);
}

/// How a setup's runs were made, for its heading.
fn conditions(settings: &Settings, served: &serving::Served) -> String {
    format!(
        "Measured on {} with `{}cargo bench --bench load` ({} s per run, {} s timeout; {} CPUs: \
         {}); {}; demo of 12 accounts and {} entries{}, 6 people signed in.",
        chrono::Utc::now().format("%Y-%m-%d"),
        settings::given(),
        settings.seconds,
        settings.timeout,
        std::thread::available_parallelism().map_or(0, usize::from),
        machine::cpu_model(),
        served.setup.label(),
        settings.entries,
        match &served.reused {
            Some(path) => format!(" (reused from {path:?}, with earlier runs' writes)"),
            None => String::new(),
        },
    )
}
