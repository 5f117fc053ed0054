//! The targets for this 2-core machine, checked against what was measured.

use super::runs::{Idle, Run};
use super::script::Mix;

/// The mix at 200 connections must reach this share of the read-only rate.
const MIX_SHARE: f64 = 0.70;
/// Slowest allowed p99 of the mix at 200 connections, ms.
const P99_LIMIT_MS: f64 = 500.0;
/// Largest allowed server peak at 200 connections, bytes (MB of 10^6 bytes).
const PEAK_LIMIT: u64 = 300_000_000;
/// Resident memory the server must be back under after the load, bytes.
pub const IDLE_LIMIT: u64 = 200_000_000;
/// Entry pages per second to reach.
const PAGE_RATE: f64 = 4_000.0;
/// Connections the team targets are set at.
const TEAM_CONNECTIONS: usize = 200;

/// One target: what it asks, what was measured, and whether it was met (None when the run
/// it needs was not made).
pub struct Verdict {
    /// The target.
    pub target: String,
    /// What was measured.
    pub measured: String,
    /// Met or missed.
    pub met: Option<bool>,
}

/// Megabytes (10^6 bytes).
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn find(runs: &[Run], mix: Mix) -> Option<&Run> {
    runs.iter()
        .find(|run| run.mix == mix && run.connections == TEAM_CONNECTIONS)
}

fn verdict(target: &str, measured: Option<(String, bool)>) -> Verdict {
    let (measured, met) = match measured {
        Some((text, met)) => (text, Some(met)),
        None => (
            format!("not measured (no run at {TEAM_CONNECTIONS} connections)"),
            None,
        ),
    };
    Verdict {
        target: target.to_string(),
        measured,
        met,
    }
}

/// Every target, in the order.
pub fn check(runs: &[Run], entry_pages: &Run, ceiling: &Run, idle: &Idle) -> Vec<Verdict> {
    let mix = find(runs, Mix::Team);
    let reads = find(runs, Mix::Reads);
    let mut verdicts = vec![
        verdict(
            "80/20 mix at 200 connections >= 70% of the read-only rate",
            mix.zip(reads).map(|(mix, reads)| {
                let share = mix.measured.rate() / reads.measured.rate().max(f64::MIN_POSITIVE);
                (
                    format!(
                        "{:.0}% ({:.0} of {:.0} requests/s)",
                        share * 100.0,
                        mix.measured.rate(),
                        reads.measured.rate()
                    ),
                    share >= MIX_SHARE,
                )
            }),
        ),
        verdict(
            "80/20 mix at 200 connections: 0 errors",
            mix.map(|run| {
                let errors = run.measured.errors();
                (format!("{errors}"), errors == 0)
            }),
        ),
        verdict(
            "80/20 mix at 200 connections: p99 <= 500 ms",
            mix.map(|run| {
                // wrk leaves requests that timed out out of its percentiles.
                let (p99, timeouts) = (run.measured.p99_ms, run.measured.socket.timeout);
                let shown = match timeouts {
                    0 => format!("{p99:.0} ms"),
                    _ => format!("{p99:.0} ms of those answered, and {timeouts} timeouts"),
                };
                (shown, p99 <= P99_LIMIT_MS && timeouts == 0)
            }),
        ),
        verdict(
            "80/20 mix at 200 connections: every write found by its author's next search",
            mix.map(|run| {
                let measured = &run.measured;
                let (found, missed, failed) =
                    (measured.found, measured.missed, measured.check_failed);
                (
                    format!("{found} found, {missed} not found, {failed} searches failed"),
                    missed == 0 && failed == 0 && found > 0,
                )
            }),
        ),
    ];
    let at_200: Vec<&Run> = runs
        .iter()
        .filter(|run| run.connections == TEAM_CONNECTIONS)
        .collect();
    let peak = at_200.iter().map(|run| run.memory.peak).max();
    verdicts.push(verdict(
        "server peak memory <= 300 MB at 200 connections",
        peak.map(|peak| (format!("{:.0} MB", mb(peak)), peak <= PEAK_LIMIT)),
    ));
    verdicts.push(Verdict {
        target: "back under 200 MB within 30 s of the load ending".into(),
        measured: match idle.under_limit_after {
            Some(seconds) => format!(
                "under after {seconds} s; {:.0} MB after 30 s",
                mb(idle.resident)
            ),
            None => format!("{:.0} MB after 30 s", mb(idle.resident)),
        },
        met: Some(idle.under_limit_after.is_some()),
    });
    let pages = entry_pages.measured.rate();
    let share = pages / ceiling.measured.rate().max(f64::MIN_POSITIVE);
    verdicts.push(Verdict {
        target: "entry page >= 4,000 pages/s (signed in, 50 connections)".into(),
        measured: format!(
            "{pages:.0} pages/s ({:.1}% of the bare Rocket handler's {:.0}/s)",
            share * 100.0,
            ceiling.measured.rate()
        ),
        met: Some(pages >= PAGE_RATE && entry_pages.measured.errors() == 0),
    });
    verdicts
}
