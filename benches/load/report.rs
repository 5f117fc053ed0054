//! The Markdown report: every run, the ceiling, memory after idling, and the targets.

use std::collections::BTreeMap;

use super::runs::{Idle, Run};
use super::script::Mix;
use super::server::LogSummary;
use super::targets::{Verdict, mb};

/// Everything one bench run found.
pub struct Report<'a> {
    /// Read, write and mixed runs, in the order made.
    pub runs: &'a [Run],
    /// The entry page run.
    pub entry_pages: &'a Run,
    /// The bare Rocket run.
    pub ceiling: &'a Run,
    /// Memory after the load.
    pub idle: &'a Idle,
    /// Targets.
    pub verdicts: &'a [Verdict],
    /// How the runs were made, for the heading.
    pub conditions: String,
    /// What the server logged.
    pub log: &'a LogSummary,
}

fn ms(value: f64) -> String {
    match value {
        v if v < 10.0 => format!("{v:.2} ms"),
        v if v < 1000.0 => format!("{v:.0} ms"),
        v => format!("{:.2} s", v / 1000.0),
    }
}

fn by_status(failed: &BTreeMap<u16, u64>) -> String {
    if failed.is_empty() {
        return "0".into();
    }
    failed
        .iter()
        .map(|(status, count)| format!("{count} x {status}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn row(run: &Run) -> String {
    let measured = &run.measured;
    let socket = &measured.socket;
    let writes = if run.mix == Mix::Team {
        format!(
            "{} / {} / {}",
            measured.found, measured.missed, measured.check_failed
        )
    } else {
        "-".into()
    };
    let per_request = run.cpu_seconds * 1000.0 / (measured.requests.max(1) as f64);
    format!(
        "| {} | {} | {:.0} | {} | {} | {} | {} | {}/{}/{}/{} | {:.1} | {:.2} ms | {:.0} MB{} | {:.0} MB ({:.0} MB) | {} |",
        run.mix.label(),
        run.connections,
        measured.rate(),
        ms(measured.p50_ms),
        ms(measured.p99_ms),
        ms(measured.max_ms),
        by_status(&measured.failed_by_status()),
        socket.connect,
        socket.read,
        socket.write,
        socket.timeout,
        run.cpu_seconds,
        per_request,
        mb(run.memory.peak),
        if run.own_peak { "" } else { " (since start)" },
        mb(run.memory.resident),
        mb(run.memory.anonymous),
        writes,
    )
}

/// Prints the report to standard output.
pub fn print(report: &Report) {
    println!("\n## Team load\n\n{}\n", report.conditions);
    println!(
        "| Run | Connections | Requests/s | p50 | p99 | max | Not 2xx | Socket errors (connect/read/write/timeout) | Server CPU-s | CPU per request | Server peak (VmHWM) | RSS after (of it anonymous) | Writes found / not found / search failed |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|");
    for run in report
        .runs
        .iter()
        .chain([report.entry_pages, report.ceiling])
    {
        println!("{}", row(run));
    }
    let idle = report.idle;
    println!(
        "\nServer resident memory 30 s after the last run: {:.0} MB, of it {:.0} MB \
         anonymous{}.",
        mb(idle.resident),
        mb(idle.anonymous),
        match idle.under_limit_after {
            Some(seconds) => format!(" (under 200 MB after {seconds} s)"),
            None => " (not under 200 MB within 30 s)".into(),
        }
    );
    let log = report.log;
    println!(
        "Server log: {} warning and {} error lines.",
        log.warnings, log.errors
    );
    for (count, message) in &log.frequent {
        println!("- {count} x `{}`", message.replace('`', "'"));
    }
    if let Some(mix) = report.runs.iter().rev().find(|run| run.mix == Mix::Team) {
        answers_by_kind(mix);
    }
    println!("\n| Target | Measured | |\n|---|---|---|");
    for verdict in report.verdicts {
        let mark = match verdict.met {
            Some(true) => "PASS",
            Some(false) => "MISS",
            None => "-",
        };
        println!("| {} | {} | {mark} |", verdict.target, verdict.measured);
    }
    println!(
        "\nNot measured here: the search benchmark's figures at 1,000,000 entries \
         (`cargo bench --bench search`)."
    );
}

/// What each kind of request of a mixed run got, so that the mix can be checked.
fn answers_by_kind(run: &Run) {
    let names = [
        ("S", "API search"),
        ("L", "entry list page"),
        ("J", "API entry list"),
        ("R", "API entry read"),
        ("P", "search page"),
        ("E", "entry page"),
        ("D", "dashboard"),
        ("W", "API write"),
    ];
    let total: u64 = run.measured.statuses.values().sum();
    println!(
        "\nAnswers by kind, {} at {} connections:\n\n| Kind | Share | Statuses |\n|---|---:|---|",
        run.mix.label(),
        run.connections
    );
    for (letter, name) in names {
        let statuses: Vec<(u16, u64)> = run
            .measured
            .statuses
            .iter()
            .filter(|((kind, _), _)| kind == letter)
            .map(|((_, status), &count)| (*status, count))
            .collect();
        let count: u64 = statuses.iter().map(|(_, count)| count).sum();
        let listed: Vec<String> = statuses
            .iter()
            .map(|(status, count)| format!("{count} x {status}"))
            .collect();
        println!(
            "| {name} | {:.1}% | {} |",
            count as f64 * 100.0 / total.max(1) as f64,
            listed.join(", ")
        );
    }
}
