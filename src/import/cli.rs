//! `praxis import --user U FILE`: imports a file or folder into a person's journal with a
//! progress bar, printing what the preview would show first.

use std::path::PathBuf;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use super::archive::{read_folder, read_upload};
use super::plan::Plan;
use super::{apply, parse};
use crate::config::Settings;
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::export::run::{Requester, subject};
use crate::platform::clock;
use crate::platform::db::Database;

/// Arguments of `praxis import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Username of the person whose journal receives the entries.
    #[arg(long)]
    pub user: String,
    /// A Praxis export (.json), a Day One export (.zip or Journal.json), a jrnl export
    /// (.json), or Markdown files (a .zip, a folder or one .md file).
    pub file: PathBuf,
    /// Show what would be imported and stop.
    #[arg(long)]
    pub dry_run: bool,
}

/// The plan in a few lines, as the preview page shows it.
pub fn describe(plan: &Plan) -> Vec<String> {
    let mut lines = vec![format!(
        "{}: {} new entries, {} imported before.",
        plan.format.label(),
        plan.entries.len(),
        plan.already_imported
    )];
    if let Some((first, last)) = plan.dates {
        lines.push(format!("Dated {first} to {last}."));
    }
    if plan.revisions > 0 || !plan.events.is_empty() {
        lines.push(format!(
            "{} earlier versions kept with their entries; {} case events.",
            plan.revisions,
            plan.events.len()
        ));
    }
    for (kind, count) in plan.read_only_counts() {
        lines.push(format!(
            "{}: {count}, kept as read-only copies (signed elsewhere).",
            kind.label()
        ));
    }
    if !plan.new_topics.is_empty() {
        let titles: Vec<&str> = plan
            .new_topics
            .values()
            .map(|(title, _)| title.as_str())
            .collect();
        lines.push(format!("New topics: {}.", titles.join(", ")));
    }
    if !plan.existing_tags.is_empty() {
        let codes: Vec<&str> = plan.existing_tags.iter().map(String::as_str).collect();
        lines.push(format!("Tags: {}.", codes.join(", ")));
    }
    if !plan.new_cases.is_empty() {
        let references: Vec<&str> = plan
            .new_cases
            .iter()
            .filter_map(|case| case.reference.as_deref())
            .collect();
        lines.push(format!("New cases: {}.", references.join(", ")));
    }
    for finding in &plan.findings {
        lines.push(format!(
            "Check {}: {} looks like {} ({:?}).",
            finding.origin, finding.field, finding.kind, finding.found
        ));
    }
    for skipped in &plan.skipped {
        lines.push(format!("Left out: {skipped}"));
    }
    lines
}

/// Runs `praxis import`.
pub fn run(database: &Database, settings: &Settings, args: &ImportArgs) -> AppResult<()> {
    let max_bytes = settings.import_max_mb.saturating_mul(1_000_000);
    let upload = if args.file.is_dir() {
        read_folder(&args.file, max_bytes)?
    } else {
        let metadata = std::fs::metadata(&args.file).map_err(|error| {
            AppError::invalid("file", format!("{}: {error}", args.file.display()))
        })?;
        if metadata.len() > max_bytes {
            return Err(super::refused(format!(
                "{} is larger than the import limit of {} MB.",
                args.file.display(),
                settings.import_max_mb
            )));
        }
        let modified = metadata
            .modified()
            .ok()
            .map(|at| chrono::DateTime::<chrono::Utc>::from(at).naive_utc());
        let name = args.file.file_name().map_or_else(
            || args.file.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        read_upload(&name, &std::fs::read(&args.file)?, modified, max_bytes)?
    };
    let parsed = parse(&upload)?;
    let mut conn = database.conn()?;
    let person = subject(&mut conn, Requester::CommandLine, &args.user)?;
    let today = clock::today();
    let timescales = Timescales::from_settings(settings)?;
    let preview = super::plan::build(&mut conn, &person, &parsed, &timescales, today)?;
    for line in describe(&preview) {
        println!("{line}");
    }
    if args.dry_run {
        return Ok(());
    }
    let bar = ProgressBar::new(preview.entries.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("Importing [{bar:40}] {pos}/{len} entries ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let outcome = apply::apply(
        &mut conn,
        &person,
        &parsed,
        &timescales,
        today,
        clock::now(),
        |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
    )?;
    bar.finish_and_clear();
    println!(
        "Imported {} entries into {}'s journal and kept {} read-only copies; they are private. The search index takes them in while the server runs.",
        outcome.created, person.username, outcome.read_only
    );
    Ok(())
}
