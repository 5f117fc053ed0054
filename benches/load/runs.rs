//! One measured run against the server: its script, wrk, and what the server spent on it.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::across::{Across, Prober};
use super::process::{Memory, Process};
use super::script::{self, Mix};
use super::team::{self, Member};
use super::wrk::{self, Load, Measured};

/// A run and what it cost the server.
pub struct Run {
    /// What was asked.
    pub mix: Mix,
    /// Open connections.
    pub connections: usize,
    /// What wrk measured.
    pub measured: Measured,
    /// Server CPU time (user and system) during the run, seconds (of every instance).
    pub cpu_seconds: f64,
    /// Server memory right after the run (of every instance together); the peak is the
    /// run's own when `own_peak`.
    pub memory: Memory,
    /// False when the kernel would not reset the peak, so it counts since the server started.
    pub own_peak: bool,
    /// Writes through one instance found through the other during the run, with two.
    pub across: Option<Across>,
}

/// Memory after the load.
pub struct Idle {
    /// Resident memory after the idle time.
    pub resident: u64,
    /// The anonymous part of it.
    pub anonymous: u64,
    /// Seconds after the load ended at which memory was first under the limit, if it was.
    pub under_limit_after: Option<u64>,
}

/// What the people, words and data directory of all runs are.
pub struct Stage<'a> {
    /// The servers: one, or two instances on one database.
    pub servers: &'a [Process],
    /// Where scripts and wrk's output go.
    pub dir: &'a Path,
    /// Who is signed in.
    pub members: &'a [Member],
    /// What they search for.
    pub words: &'a [String],
    /// With two instances: what probes how soon a write through one is found through the
    /// other, alongside each run.
    pub prober: Option<&'a Prober<'a>>,
}

impl Stage<'_> {
    /// Runs `mix` with `load` once the server is quiet and answers a signed-in request
    /// promptly again (so that no queue left by the last run is measured in this one).
    pub fn run(&self, mix: Mix, load: Load) -> Run {
        let ports: Vec<u16> = self.servers.iter().map(|server| server.port).collect();
        let script = script::team_script(mix, self.members, self.words, &run_tag(), &ports);
        let ready = || {
            ports
                .iter()
                .all(|&port| team::answers_promptly(port, &self.members[0]))
        };
        let Some(prober) = self.prober else {
            return measure(self.servers, self.dir, mix, &script, load, &ready);
        };
        let stop = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let probes = scope.spawn(|| prober.until(&stop));
            let mut run = measure(self.servers, self.dir, mix, &script, load, &ready);
            stop.store(true, Ordering::Relaxed);
            run.across = probes.join().ok();
            run
        })
    }
}

/// Runs wrk with `script` against `servers` (wrk's URL names the first; the script sends
/// connections to the others) once they are quiet and `ready`, and reads the CPU time they
/// spent and their memory.
pub fn measure(
    servers: &[Process],
    dir: &Path,
    mix: Mix,
    script: &str,
    load: Load,
    ready: &dyn Fn() -> bool,
) -> Run {
    for server in servers {
        settle(server, ready);
    }
    let name = format!("load-{}-{}", mix.slug(), load.connections);
    let script_path = dir.join(format!("{name}.lua"));
    std::fs::write(&script_path, script).expect("writing the wrk script");
    eprintln!(
        "  {} at {} connections, {} s",
        mix.label(),
        load.connections,
        load.seconds
    );
    let own_peak = servers.iter().all(Process::reset_peak);
    let cpu = || servers.iter().map(Process::cpu_seconds).sum::<f64>();
    let cpu_before = cpu();
    let output = dir.join(format!("{name}.txt"));
    let measured = wrk::run(servers[0].port, &script_path, &output, load);
    let cpu_seconds = cpu() - cpu_before;
    Run {
        mix,
        connections: load.connections,
        measured,
        cpu_seconds,
        memory: servers.iter().map(Process::memory).sum(),
        own_peak,
        across: None,
    }
}

/// Letters unique to this run of this bench, so that no earlier run's entries match.
pub fn run_tag() -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    script::letters(now.as_millis() as u64)
}

/// Waits until the server spends less than a tenth of a core (work queued by the last run,
/// the indexer catching up) and is `ready`, for about a minute at most.
fn settle(server: &Process, ready: &dyn Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut before = server.cpu_seconds();
    while Instant::now() < deadline {
        sleep(Duration::from_millis(500));
        let now = server.cpu_seconds();
        if now - before < 0.05 && ready() {
            return;
        }
        before = server.cpu_seconds();
    }
    eprintln!("  the server was still busy after a minute; measuring anyway");
}

/// Reads resident memory each second for `seconds` after the load, noting when it first
/// fell under `limit` bytes.
pub fn idle(servers: &[Process], seconds: u64, limit: u64) -> Idle {
    let memory = || servers.iter().map(Process::memory).sum::<Memory>();
    let started = Instant::now();
    let mut under_limit_after = None;
    for second in 0..=seconds {
        let target = started + Duration::from_secs(second);
        sleep(target.saturating_duration_since(Instant::now()));
        if under_limit_after.is_none() && memory().resident < limit * servers.len() as u64 {
            under_limit_after = Some(second);
        }
    }
    let memory = memory();
    Idle {
        resident: memory.resident,
        anonymous: memory.anonymous,
        under_limit_after,
    }
}
