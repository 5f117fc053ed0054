//! What the environment may change about a run of the load bench.

use std::path::PathBuf;

/// The bench's settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Seconds each wrk run lasts (`PRAXIS_LOAD_SECONDS`, default 15).
    pub seconds: u64,
    /// Seconds after which an unanswered request counts as a timeout
    /// (`PRAXIS_LOAD_TIMEOUT`, default 10).
    pub timeout: u64,
    /// Connection counts of the read, write and mixed runs (`PRAXIS_LOAD_CONNECTIONS`,
    /// default `10,50,200`).
    pub connections: Vec<usize>,
    /// Data directory to reuse or fill for the SQLite setup (`PRAXIS_LOAD_DIR`); a temporary
    /// one if unset, and always for PostgreSQL, whose database is new in each run.
    pub dir: Option<PathBuf>,
    /// Entries of the demo (`PRAXIS_LOAD_ENTRIES`, default 3,000).
    pub entries: u64,
}

/// Seconds of idling after the last run before memory is read again.
pub const IDLE_SECONDS: u64 = 30;
/// Connections of the entry page run and of the bare Rocket run.
pub const PAGE_CONNECTIONS: usize = 50;
/// wrk threads of the entry page and bare Rocket runs, which need no state per connection.
pub const PAGE_THREADS: usize = 2;

impl Settings {
    /// Reads the environment; unreadable values fall back to the defaults.
    pub fn from_env() -> Self {
        let number = |name: &str, default: u64| -> u64 {
            std::env::var(name)
                .ok()
                .and_then(|value| value.trim().parse().ok())
                .filter(|&value| value > 0)
                .unwrap_or(default)
        };
        let connections = std::env::var("PRAXIS_LOAD_CONNECTIONS")
            .ok()
            .map(|text| {
                text.split(',')
                    .filter_map(|count| count.trim().parse().ok())
                    .filter(|&count| count > 0)
                    .collect()
            })
            .filter(|counts: &Vec<usize>| !counts.is_empty())
            .unwrap_or_else(|| vec![10, 50, 200]);
        Self {
            seconds: number("PRAXIS_LOAD_SECONDS", 15),
            timeout: number("PRAXIS_LOAD_TIMEOUT", 10),
            connections,
            dir: std::env::var_os("PRAXIS_LOAD_DIR").map(PathBuf::from),
            entries: number("PRAXIS_LOAD_ENTRIES", 3000),
        }
    }
}

/// The `PRAXIS_LOAD_*` variables set for this run, as `NAME=value ` prefixes of the command.
pub fn given() -> String {
    let mut given: Vec<String> = std::env::vars()
        .filter(|(name, _)| name.starts_with("PRAXIS_LOAD_"))
        .map(|(name, value)| format!("{name}={value} "))
        .collect();
    given.sort();
    given.concat()
}
