//! The setups side by side: each run's rate, p99 and errors on each, and each rate as a share
//! of the first setup's in the same bench run (the figure to read on a machine whose speed
//! varies from run to run).

use super::report::{by_status, ms};
use super::runs::Run;
use super::serving::Served;

/// Prints the comparison, when more than one setup was measured.
pub fn print(served: &[Served]) {
    let [first, ..] = served else {
        return;
    };
    if served.len() < 2 {
        return;
    }
    println!("\n## Side by side\n");
    let mut head = String::from("| Run | Connections |");
    let mut rule = String::from("|---|---:|");
    for (at, setup) in served.iter().enumerate() {
        let label = setup.setup.label();
        head.push_str(&format!(" {label}: requests/s | p99 | errors |"));
        rule.push_str("---:|---:|---|");
        if at > 0 {
            head.push_str(&format!(" of {} |", first.setup.label()));
            rule.push_str("---:|");
        }
    }
    println!("{head}\n{rule}");
    let rows = first.runs.iter().chain([&first.entry_pages]);
    for run in rows {
        let mut line = format!("| {} | {} |", run.mix.label(), run.connections);
        for (at, setup) in served.iter().enumerate() {
            match same_run(setup, run) {
                Some(other) => {
                    let measured = &other.measured;
                    let mut errors = by_status(&measured.failed_by_status());
                    if measured.socket.total() > 0 {
                        errors.push_str(&format!(" + {} socket", measured.socket.total()));
                    }
                    line.push_str(&format!(
                        " {:.0} | {} | {errors} |",
                        measured.rate(),
                        ms(measured.p99_ms)
                    ));
                    if at > 0 {
                        let share = measured.rate() / run.measured.rate().max(f64::MIN_POSITIVE);
                        line.push_str(&format!(" {:.0}% |", share * 100.0));
                    }
                }
                None => line.push_str(if at > 0 {
                    " - | - | - | - |"
                } else {
                    " - | - | - |"
                }),
            }
        }
        println!("{line}");
    }
}

fn same_run<'a>(served: &'a Served, like: &Run) -> Option<&'a Run> {
    served
        .runs
        .iter()
        .chain([&served.entry_pages])
        .find(|run| run.mix == like.mix && run.connections == like.connections)
}
