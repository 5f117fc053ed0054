//! The real `praxis` binary: filling a data directory with the demo team, and serving it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use praxis::config::Config;
use tempfile::TempDir;

use super::process::{Process, free_port};

/// Accounts of the demo, as the issue measured it.
const DEMO_USERS: &str = "12";
/// The server's log, in the data directory.
pub const LOG_FILE: &str = "load-server.log";

/// The server binary: `PRAXIS_LOAD_SERVER` if set, else the one Cargo built for the bench.
pub fn binary() -> PathBuf {
    std::env::var_os("PRAXIS_LOAD_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_praxis")))
}

/// The data directory under load; a temporary one is deleted on drop.
pub struct DataDir {
    /// Where it is.
    pub path: PathBuf,
    /// True when an existing demo was reused rather than generated.
    pub reused: bool,
    _temporary: Option<TempDir>,
}

impl DataDir {
    /// `chosen` if set (reused when it holds a SQLite database, else created and filled),
    /// or a new temporary directory, filled with a demo of `entries` entries; the demo goes
    /// into the PostgreSQL database at `database_url` if given.
    pub fn prepare(chosen: Option<PathBuf>, entries: u64, database_url: Option<&str>) -> Self {
        let (path, temporary) = match chosen {
            Some(path) => {
                std::fs::create_dir_all(&path).expect("creating PRAXIS_LOAD_DIR");
                (path, None)
            }
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("praxis-load-")
                    .tempdir()
                    .expect("a temporary directory");
                (dir.path().to_path_buf(), Some(dir))
            }
        };
        let reused = database_url.is_none() && Config::new(&path).database_path().exists();
        if !reused {
            fill_with_demo(&path, entries, database_url);
        }
        Self {
            path,
            reused,
            _temporary: temporary,
        }
    }
}

fn fill_with_demo(dir: &Path, entries: u64, database_url: Option<&str>) {
    eprintln!("generating the demo ({DEMO_USERS} users, {entries} entries) in {dir:?}");
    let started = std::time::Instant::now();
    let output = with_database(&mut Command::new(binary()), database_url)
        .arg("--data-dir")
        .arg(dir)
        .args(["demo", "--users", DEMO_USERS, "--entries"])
        .arg(entries.to_string())
        .stdin(Stdio::null())
        .output()
        .expect("running praxis demo");
    assert!(
        output.status.success(),
        "praxis demo failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("  in {:.0} s", started.elapsed().as_secs_f64());
}

/// `command` told to use the PostgreSQL database at `url`, or the SQLite file of its data
/// directory when None (whatever the bench's own environment says).
pub fn with_database<'a>(command: &'a mut Command, url: Option<&str>) -> &'a mut Command {
    match url {
        Some(url) => command.env("PRAXIS_DATABASE_URL", url),
        None => command.env_remove("PRAXIS_DATABASE_URL"),
    }
}

/// Starts `praxis serve` on `dir` (and the PostgreSQL database at `database_url`, if given),
/// on a free port of 127.0.0.1, logging to [`LOG_FILE`] there with the server's own default
/// log levels.
pub fn start(dir: &Path, database_url: Option<&str>) -> Process {
    let port = free_port();
    let log = std::fs::File::create(dir.join(LOG_FILE)).expect("the server log file");
    let mut command = Command::new(binary());
    with_database(&mut command, database_url)
        .arg("--data-dir")
        .arg(dir)
        .arg("serve")
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("ROCKET_PORT", port.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    Process::spawn(command, port, "the praxis server")
}

/// What the server logged during the bench.
#[derive(Debug, Default)]
pub struct LogSummary {
    /// Warning lines.
    pub warnings: usize,
    /// Error lines.
    pub errors: usize,
    /// The most frequent warnings and errors, numbers written as N, with their counts.
    pub frequent: Vec<(usize, String)>,
}

/// Reads the server logs in `dirs`: lines by level and the three most frequent messages.
pub fn log_summary(dirs: &[&Path]) -> LogSummary {
    let log: String = dirs
        .iter()
        .map(|dir| std::fs::read_to_string(dir.join(LOG_FILE)).unwrap_or_default())
        .collect();
    let mut summary = LogSummary::default();
    let mut messages: BTreeMap<String, usize> = BTreeMap::new();
    for line in log.lines().map(without_colours) {
        let Some(at) = ["WARN", "ERROR"].iter().find_map(|level| line.find(level)) else {
            continue;
        };
        if line[at..].starts_with("WARN") {
            summary.warnings += 1;
        } else {
            summary.errors += 1;
        }
        *messages.entry(numbers_as_n(&line[at..])).or_default() += 1;
    }
    let mut frequent: Vec<(usize, String)> = messages
        .into_iter()
        .map(|(message, count)| (count, message))
        .collect();
    frequent.sort_by_key(|(count, _)| std::cmp::Reverse(*count));
    frequent.truncate(3);
    summary.frequent = frequent;
    summary
}

fn without_colours(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_escape = false;
    for character in line.chars() {
        match character {
            '\u{1b}' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            _ => out.push(character),
        }
    }
    out
}

fn numbers_as_n(message: &str) -> String {
    let mut out = String::new();
    for character in message.chars().take(160) {
        if character.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(character);
        }
    }
    out
}
