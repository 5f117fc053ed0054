//! The Markdown report: every run, the ceiling, memory after idling, and the targets.

use std::collections::BTreeMap;

use super::across::Across;
use super::runs::Run;
use super::script::Mix;
use super::serving::Served;
use super::targets::{self, mb};

/// Found through the other instance within this p99, ms (issue 19's target).
const ACROSS_P99_LIMIT_MS: f64 = 1000.0;

/// Milliseconds for a table.
pub fn ms(value: f64) -> String {
    match value {
        v if v.is_nan() => "-".into(),
        v if v < 10.0 => format!("{v:.2} ms"),
        v if v < 1000.0 => format!("{v:.0} ms"),
        v => format!("{:.2} s", v / 1000.0),
    }
}

/// Answers that were not 2xx, by status.
pub fn by_status(failed: &BTreeMap<u16, u64>) -> String {
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

/// Prints the report of one setup to standard output.
pub fn print(served: &Served, ceiling: &Run, conditions: &str) {
    println!("\n## Team load: {}\n\n{conditions}\n", served.setup.label());
    println!(
        "| Run | Connections | Requests/s | p50 | p99 | max | Not 2xx | Socket errors (connect/read/write/timeout) | Server CPU-s | CPU per request | Server peak (VmHWM) | RSS after (of it anonymous) | Writes found / not found / search failed |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---|");
    for run in served.runs.iter().chain([&served.entry_pages, ceiling]) {
        println!("{}", row(run));
    }
    if served.setup.instances() > 1 {
        println!(
            "\nWith {} instances, CPU and memory are of all of them together.",
            served.setup.instances()
        );
    }
    let idle = &served.idle;
    let limit = 200 * served.setup.instances();
    println!(
        "\nServer resident memory 30 s after the last run: {:.0} MB, of it {:.0} MB \
         anonymous{}.",
        mb(idle.resident),
        mb(idle.anonymous),
        match idle.under_limit_after {
            Some(seconds) => format!(" (under {limit} MB after {seconds} s)"),
            None => format!(" (not under {limit} MB within 30 s)"),
        }
    );
    let log = &served.log;
    println!(
        "Server log: {} warning and {} error lines.",
        log.warnings, log.errors
    );
    for (count, message) in &log.frequent {
        println!("- {count} x `{}`", message.replace('`', "'"));
    }
    if let Some(mix) = served.runs.iter().rev().find(|run| run.mix == Mix::Team) {
        answers_by_kind(mix);
    }
    if let Some(idle) = &served.across_idle {
        across(&served.runs, idle);
    }
    let verdicts = targets::check(&served.runs, &served.entry_pages, ceiling, &served.idle);
    println!("\n| Target | Measured | |\n|---|---|---|");
    for verdict in &verdicts {
        let mark = match verdict.met {
            Some(true) => "PASS",
            Some(false) => "MISS",
            None => "-",
        };
        println!("| {} | {} | {mark} |", verdict.target, verdict.measured);
    }
}

/// How soon a write through one instance was found through the other, during each run and
/// without load, with issue 19's target on all probes made under load.
fn across(runs: &[Run], idle: &Across) {
    println!(
        "\nA practitioner's entry shared with their supervisor, written through one instance \
         and searched for by the supervisor through the other (directions alternating), from \
         the write's 201 to the first search that found it:\n"
    );
    println!("| During | Probes | p50 | p99 | max | Not found in 10 s | Failed |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let line = |during: String, across: &Across| {
        println!(
            "| {during} | {} | {} | {} | {} | {} | {} |",
            across.probes(),
            ms(across.percentile_ms(50.0)),
            ms(across.percentile_ms(99.0)),
            ms(across.percentile_ms(100.0)),
            across.missed,
            across.failed
        );
    };
    let mut loaded = Across::default();
    for run in runs {
        if let Some(across) = &run.across {
            line(
                format!("{} at {}", run.mix.label(), run.connections),
                across,
            );
            loaded.found.extend(&across.found);
            loaded.missed += across.missed;
            loaded.failed += across.failed;
        }
    }
    line("all runs under load".into(), &loaded);
    line("no load".into(), idle);
    let p99 = loaded.percentile_ms(99.0);
    let met = p99 <= ACROSS_P99_LIMIT_MS && loaded.missed == 0 && loaded.failed == 0;
    println!(
        "\nTarget: found through the other instance with p99 <= 1 s under load: {} ({}).",
        ms(p99),
        if met { "PASS" } else { "MISS" }
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
