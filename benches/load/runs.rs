//! One measured run against the server: its script, wrk, and what the server spent on it.

use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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
    /// Server CPU time (user and system) during the run, seconds.
    pub cpu_seconds: f64,
    /// Server memory right after the run; the peak is the run's own when `own_peak`.
    pub memory: Memory,
    /// False when the kernel would not reset the peak, so it counts since the server started.
    pub own_peak: bool,
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
    /// The server.
    pub server: &'a Process,
    /// Where scripts and wrk's output go.
    pub dir: &'a Path,
    /// Who is signed in.
    pub members: &'a [Member],
    /// What they search for.
    pub words: &'a [String],
}

impl Stage<'_> {
    /// Runs `mix` with `load` once the server is quiet and answers a signed-in request
    /// promptly again (so that no queue left by the last run is measured in this one).
    pub fn run(&self, mix: Mix, load: Load) -> Run {
        let script = script::team_script(mix, self.members, self.words, &run_tag());
        let ready = || team::answers_promptly(self.server.port, &self.members[0]);
        measure(self.server, self.dir, mix, &script, load, &ready)
    }
}

/// Runs wrk with `script` against `process` once it is quiet and `ready`, and reads the CPU
/// time it spent and its memory.
pub fn measure(
    process: &Process,
    dir: &Path,
    mix: Mix,
    script: &str,
    load: Load,
    ready: &dyn Fn() -> bool,
) -> Run {
    settle(process, ready);
    let name = format!("load-{}-{}", mix.slug(), load.connections);
    let script_path = dir.join(format!("{name}.lua"));
    std::fs::write(&script_path, script).expect("writing the wrk script");
    eprintln!(
        "  {} at {} connections, {} s",
        mix.label(),
        load.connections,
        load.seconds
    );
    let own_peak = process.reset_peak();
    let cpu_before = process.cpu_seconds();
    let output = dir.join(format!("{name}.txt"));
    let measured = wrk::run(process.port, &script_path, &output, load);
    let cpu_seconds = process.cpu_seconds() - cpu_before;
    Run {
        mix,
        connections: load.connections,
        measured,
        cpu_seconds,
        memory: process.memory(),
        own_peak,
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
pub fn idle(server: &Process, seconds: u64, limit: u64) -> Idle {
    let started = Instant::now();
    let mut under_limit_after = None;
    for second in 0..=seconds {
        let target = started + Duration::from_secs(second);
        sleep(target.saturating_duration_since(Instant::now()));
        if under_limit_after.is_none() && server.memory().resident < limit {
            under_limit_after = Some(second);
        }
    }
    let memory = server.memory();
    Idle {
        resident: memory.resident,
        anonymous: memory.anonymous,
        under_limit_after,
    }
}
