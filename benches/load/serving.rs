//! Every run of the team's load against one setup: its data directory (or two) filled with
//! the demo, its server (or two instances on one database) started, the team signed in,
//! the runs, the idle time and, with two instances, how soon a write through one is found
//! through the other.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::thread::sleep;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::across::{Across, Prober};
use super::client::request;
use super::process::Process;
use super::runs::{self, Idle, Run, Stage};
use super::script::Mix;
use super::server::{self, DataDir, LogSummary};
use super::settings::{IDLE_SECONDS, PAGE_CONNECTIONS, PAGE_THREADS, Settings};
use super::setups::Setup;
use super::targets::IDLE_LIMIT;
use super::team;
use super::wrk::Load;

/// Probes of the cross-instance time made one after another once the load is over.
const IDLE_PROBES: usize = 60;
/// How long a new instance may take to build its index from the database.
const CATCH_UP: Duration = Duration::from_secs(600);

/// What one setup measured.
pub struct Served {
    /// The setup.
    pub setup: Setup,
    /// Read, write and mixed runs, in the order made.
    pub runs: Vec<Run>,
    /// The entry page run.
    pub entry_pages: Run,
    /// Memory after the load.
    pub idle: Idle,
    /// What the servers logged.
    pub log: LogSummary,
    /// The first data directory, when an existing one was reused.
    pub reused: Option<PathBuf>,
    /// With two instances: the cross-instance time once the load was over.
    pub across_idle: Option<Across>,
}

/// Runs everything against `setup`; `database_url` names a new, empty PostgreSQL database
/// for the setups on PostgreSQL.
pub fn serve(setup: Setup, settings: &Settings, database_url: Option<&str>) -> Served {
    eprintln!("== {}", setup.label());
    let chosen = if setup.on_postgres() {
        None
    } else {
        settings.dir.clone()
    };
    let first = DataDir::prepare(chosen, settings.entries, database_url);
    let mut servers = vec![server::start(&first.path, database_url)];
    let mut dirs = vec![first.path.clone()];
    // Removed when this returns, after the servers have stopped.
    let mut other_dirs: Vec<TempDir> = Vec::new();
    for _ in 1..setup.instances() {
        let (dir, process) = start_another(&first.path, database_url);
        dirs.push(dir.path().to_path_buf());
        servers.push(process);
        other_dirs.push(dir);
    }
    let ports: Vec<u16> = servers.iter().map(|server| server.port).collect();
    eprintln!("servers on ports {ports:?}; signing in");
    let members = team::sign_in_all(ports[0]);
    let words = team::search_words();
    let tag = runs::run_tag();
    let check_word = format!("qzcheck{tag}");
    for &port in &ports {
        team::check_write_then_find(port, &members[0], &format!("{check_word}x{port}"));
    }
    let prober = (ports.len() == 2).then(|| Prober {
        writer: &members[0],
        reader: &members[team::SUPERVISOR],
        ports: [ports[0], ports[1]],
        run_tag: tag.clone(),
        next: AtomicU64::new(0),
    });
    if let Some(prober) = &prober {
        let tried = prober.times(2);
        assert_eq!(
            tried.found.len(),
            2,
            "a shared entry written through one instance was not found by the supervisor \
             through the other within 10 s: {tried:?}"
        );
    }
    let stage = Stage {
        servers: &servers,
        dir: &first.path,
        members: &members,
        words: &words,
        prober: prober.as_ref(),
    };
    let load = |threads: usize, connections: usize| Load {
        threads,
        connections,
        seconds: settings.seconds,
        timeout: settings.timeout,
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
    let idle = runs::idle(&servers, IDLE_SECONDS, IDLE_LIMIT);
    let across_idle = prober.as_ref().map(|prober| {
        eprintln!("  {IDLE_PROBES} cross-instance probes without load");
        prober.times(IDLE_PROBES)
    });
    let dir_refs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    let log = server::log_summary(&dir_refs);
    drop(servers);
    Served {
        setup,
        runs: team_runs,
        entry_pages,
        idle,
        log,
        reused: first.reused.then(|| first.path.clone()),
        across_idle,
    }
}

/// Starts another instance on the same database, in a new data directory of its own with
/// the first instance's session key (so that a browser session works on both), and waits
/// until it has built its index from the database and says it is ready.
fn start_another(first: &Path, database_url: Option<&str>) -> (TempDir, Process) {
    let dir = tempfile::Builder::new()
        .prefix("praxis-load-b-")
        .tempdir()
        .expect("a temporary directory");
    std::fs::copy(first.join("secret.key"), dir.path().join("secret.key"))
        .expect("copying the first instance's secret.key");
    let process = server::start(dir.path(), database_url);
    let started = Instant::now();
    eprintln!("  waiting for the second instance to build its index");
    loop {
        let ready = request(process.port, "GET", "/readyz", &[], None);
        if matches!(ready, Ok(ref answer) if answer.status == 200) {
            break;
        }
        assert!(
            started.elapsed() < CATCH_UP,
            "the second instance was not ready within {CATCH_UP:?}"
        );
        sleep(Duration::from_millis(200));
    }
    eprintln!(
        "  second instance ready after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    (dir, process)
}
