//! The `praxis migrate-to` command: the copy with a progress bar, and its report.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{Step, migrate_to, tables};
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::platform::db::Location;

/// Copies the SQLite database of `config` into the PostgreSQL database at `url`, printing
/// a report table by table.
pub fn run(config: &Config, url: &str) -> AppResult<()> {
    let source = match config.database_location()? {
        Location::Sqlite(file) => file,
        Location::Postgres(_) => {
            return Err(AppError::Config(
                "migrate-to copies from SQLite, but PRAXIS_DATABASE_URL names a PostgreSQL \
                 database: unset it and point --data-dir at the SQLite instance's data \
                 directory"
                    .into(),
            ));
        }
    };
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:28} [{bar:40}] {pos}/{len} rows ({per_sec}, {eta} left)",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let report = migrate_to(&source, url, &mut |step| match step {
        Step::Total(rows) => {
            bar.set_length(rows);
            bar.set_position(0);
        }
        Step::Copying(table) => bar.set_message(format!("Copying {table}")),
        Step::Checking(table) => bar.set_message(format!("Checking {table}")),
        Step::Done(rows) => bar.set_position(rows),
    });
    bar.finish_and_clear();
    let report = report?;
    let seconds = started.elapsed().as_secs_f64();
    if report.migrations_applied > 0 {
        println!(
            "Applied {} migration(s) to the target first.",
            report.migrations_applied
        );
    }
    let width = report
        .tables
        .iter()
        .map(|table| table.name.len())
        .max()
        .unwrap_or(5);
    println!("{:width$}  {:>10}  checksum", "table", "rows");
    for table in &report.tables {
        println!(
            "{:width$}  {:>10}  {} OK",
            table.name, table.rows, table.checksum
        );
    }
    let skipped: Vec<&str> = tables::NOT_COPIED.iter().map(|(name, _)| *name).collect();
    println!(
        "Not copied (each deployment keeps its own): {}.",
        skipped.join(", ")
    );
    println!(
        "Copied and verified {} rows in {} tables from {} in {seconds:.1} s ({:.0} rows/s).",
        report.rows(),
        report.tables.len(),
        source.display(),
        report.rows() as f64 / seconds.max(0.001)
    );
    Ok(())
}
