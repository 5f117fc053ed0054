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
//! (default `10,50,200`), `PRAXIS_LOAD_DIR` (a data directory to reuse, or to create and
//! fill; a temporary one if unset), `PRAXIS_LOAD_SERVER` (another server binary).

mod ceiling;
mod client;
#[path = "../common/machine.rs"]
mod machine;
mod process;
mod report;
mod runs;
mod script;
mod server;
mod settings;
mod targets;
mod team;
mod wrk;

use runs::{Stage, measure};
use script::Mix;
use settings::{IDLE_SECONDS, PAGE_CONNECTIONS, PAGE_THREADS, Settings};
use wrk::Load;

fn main() {
    wrk::require_wrk();
    script::check_decks();
    let settings = Settings::from_env();
    let load = |threads: usize, connections: usize| Load {
        threads,
        connections,
        seconds: settings.seconds,
        timeout: settings.timeout,
    };

    eprintln!("building the bare Rocket example");
    let bare = ceiling::build();
    let data = server::DataDir::prepare(settings.dir.clone());
    let ceiling = {
        let process = ceiling::start(&bare);
        let script = script::summary_script();
        let page_load = load(PAGE_THREADS, PAGE_CONNECTIONS);
        measure(
            &process,
            &data.path,
            Mix::Ceiling,
            &script,
            page_load,
            &|| true,
        )
    };

    let server = server::start(&data.path);
    eprintln!("server on port {}; signing in", server.port);
    let members = team::sign_in_all(server.port);
    let words = team::search_words();
    // A word no earlier run wrote, also in a reused data directory.
    let check_word = format!("qzcheck{}", runs::run_tag());
    team::check_write_then_find(server.port, &members[0], &check_word);
    let stage = Stage {
        server: &server,
        dir: &data.path,
        members: &members,
        words: &words,
    };
    let entry_pages = stage.run(Mix::EntryPages, load(PAGE_THREADS, PAGE_CONNECTIONS));
    let mut team_runs = Vec::new();
    for mix in [Mix::Reads, Mix::Team, Mix::Writes] {
        for &connections in &settings.connections {
            // One connection per thread: each response is then known to answer the
            // request before it, which the read-your-writes check needs.
            team_runs.push(stage.run(mix, load(connections, connections)));
        }
    }
    eprintln!("  idling {IDLE_SECONDS} s");
    let idle = runs::idle(&server, IDLE_SECONDS, targets::IDLE_LIMIT);
    let log = server::log_summary(&data.path);
    drop(server);

    let verdicts = targets::check(&team_runs, &entry_pages, &ceiling, &idle);
    let conditions = format!(
        "Measured on {} with `{}cargo bench --bench load` ({} s per run, {} s timeout; {} CPUs: \
         {}); demo of 12 accounts and 3,000 entries{}, 6 people signed in.",
        chrono::Utc::now().format("%Y-%m-%d"),
        settings::given(),
        settings.seconds,
        settings.timeout,
        std::thread::available_parallelism().map_or(0, usize::from),
        machine::cpu_model(),
        if data.reused {
            format!(" (reused from {:?}, with earlier runs' writes)", data.path)
        } else {
            String::new()
        },
    );
    report::print(&report::Report {
        runs: &team_runs,
        entry_pages: &entry_pages,
        ceiling: &ceiling,
        idle: &idle,
        verdicts: &verdicts,
        conditions,
        log: &log,
    });
}
