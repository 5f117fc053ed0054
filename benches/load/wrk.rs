//! Running wrk against 127.0.0.1 for a fixed time, and reading back what the script printed.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How hard and how long.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// wrk threads.
    pub threads: usize,
    /// Open connections.
    pub connections: usize,
    /// Length of the run, seconds.
    pub seconds: u64,
    /// A request unanswered after this many seconds counts as a timeout.
    pub timeout: u64,
}

/// Socket-level failures wrk counted.
#[derive(Debug, Clone, Copy, Default)]
pub struct SocketErrors {
    /// Failed connects.
    pub connect: u64,
    /// Failed reads.
    pub read: u64,
    /// Failed writes.
    pub write: u64,
    /// Requests unanswered within the timeout.
    pub timeout: u64,
}

impl SocketErrors {
    /// All of them.
    pub fn total(&self) -> u64 {
        self.connect + self.read + self.write + self.timeout
    }
}

/// What one wrk run measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Answers received.
    pub requests: u64,
    /// Length of the run, seconds.
    pub seconds: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Slowest answer, ms.
    pub max_ms: f64,
    /// Answers by request kind (a letter of the deck; J is the API list) and status.
    pub statuses: BTreeMap<(String, u16), u64>,
    /// Answers of 400 or more, as wrk counted them (also without a response callback).
    pub status_errors: u64,
    /// Socket errors and timeouts.
    pub socket: SocketErrors,
    /// Writes found by their author's next search.
    pub found: u64,
    /// Writes not found by it (it answered 200 without the entry).
    pub missed: u64,
    /// Writes whose next search failed (answered other than 200).
    pub check_failed: u64,
}

impl Measured {
    /// Answers per second.
    pub fn rate(&self) -> f64 {
        self.requests as f64 / self.seconds.max(f64::MIN_POSITIVE)
    }

    /// Answers that were not 2xx, by status (from the script's counts, else wrk's own).
    pub fn failed_by_status(&self) -> BTreeMap<u16, u64> {
        let mut failed = BTreeMap::new();
        for (&(_, status), &count) in &self.statuses {
            if !(200..300).contains(&status) {
                *failed.entry(status).or_default() += count;
            }
        }
        if self.statuses.is_empty() && self.status_errors > 0 {
            failed.insert(400, self.status_errors);
        }
        failed
    }

    /// Failed answers and socket errors together.
    pub fn errors(&self) -> u64 {
        self.failed_by_status().values().sum::<u64>() + self.socket.total()
    }
}

/// Exits with a clear message when wrk is not installed.
pub fn require_wrk() {
    let installed = Command::new("wrk")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !installed {
        eprintln!(
            "the load bench drives the server with wrk, which is not on PATH; \
             install it with `apt-get install wrk` (Debian's package) and run again"
        );
        std::process::exit(2);
    }
}

/// Runs wrk with `script` on `port` and returns what it printed; wrk's whole output is kept
/// in `output_file`. wrk is killed if it outlives its duration by a minute.
pub fn run(port: u16, script: &Path, output_file: &Path, load: Load) -> Measured {
    let output = std::fs::File::create(output_file).expect("the wrk output file");
    let mut child = Command::new("wrk")
        .arg(format!("--threads={}", load.threads))
        .arg(format!("--connections={}", load.connections))
        .arg(format!("--duration={}s", load.seconds))
        .arg(format!("--timeout={}s", load.timeout))
        .arg("--script")
        .arg(script)
        .arg(format!("http://127.0.0.1:{port}/"))
        .stdin(Stdio::null())
        .stdout(output.try_clone().expect("the wrk output file"))
        .stderr(output)
        .spawn()
        .expect("starting wrk");
    let deadline = Instant::now() + Duration::from_secs(load.seconds + load.timeout + 60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for wrk") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("wrk outlived its run by a minute; its output is in {output_file:?}");
        }
        sleep(Duration::from_millis(100));
    };
    let printed = std::fs::read_to_string(output_file).unwrap_or_default();
    assert!(status.success(), "wrk failed ({status}):\n{printed}");
    parse(&printed)
}

fn parse(printed: &str) -> Measured {
    let mut measured = Measured::default();
    let mut seen = 0;
    for line in printed.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let number = |at: usize| -> u64 {
            fields
                .get(at)
                .and_then(|value| value.parse::<f64>().ok())
                .map_or(0, |value| value as u64)
        };
        let ms = |at: usize| number(at) as f64 / 1000.0;
        seen += 1;
        match fields.as_slice() {
            ["@load", "requests", ..] => measured.requests = number(2),
            ["@load", "duration_us", ..] => measured.seconds = number(2) as f64 / 1e6,
            ["@load", "p50_us", ..] => measured.p50_ms = ms(2),
            ["@load", "p99_us", ..] => measured.p99_ms = ms(2),
            ["@load", "max_us", ..] => measured.max_ms = ms(2),
            ["@load", "connect", ..] => measured.socket.connect = number(2),
            ["@load", "read", ..] => measured.socket.read = number(2),
            ["@load", "write", ..] => measured.socket.write = number(2),
            ["@load", "timeout", ..] => measured.socket.timeout = number(2),
            ["@load", "status_errors", ..] => measured.status_errors = number(2),
            ["@load", "found", ..] => measured.found = number(2),
            ["@load", "missed", ..] => measured.missed = number(2),
            ["@load", "check_failed", ..] => measured.check_failed = number(2),
            ["@load", "status", kind, status, ..] => {
                let status = status.parse().unwrap_or(0);
                measured
                    .statuses
                    .insert((kind.to_string(), status), number(4));
            }
            _ => seen -= 1,
        }
    }
    assert!(seen >= 10, "wrk printed no figures:\n{printed}");
    measured
}
