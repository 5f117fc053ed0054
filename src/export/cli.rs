//! `praxis export --user U --out FILE`: everything a person holds, written to a file on the
//! server and noted in the audit log as a subject access export.

use std::path::PathBuf;

use clap::Args;

use super::ExportFormat;
use super::run::{self, Requester};
use crate::config::Settings;
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::clock;
use crate::platform::db::Database;

/// Arguments of `praxis export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Username of the person.
    #[arg(long)]
    pub user: String,
    /// File to write (refused if it exists).
    #[arg(long)]
    pub out: PathBuf,
    /// `json`, or `markdown` for a zip of Markdown files; by default from the file's
    /// extension (`.zip` means markdown).
    #[arg(long)]
    pub format: Option<String>,
}

/// Runs `praxis export`.
pub fn run(database: &Database, settings: &Settings, args: &ExportArgs) -> AppResult<()> {
    let format = match &args.format {
        Some(name) => ExportFormat::parse(name)
            .ok_or_else(|| AppError::invalid("format", "Use json or markdown."))?,
        None if args.out.extension().is_some_and(|ext| ext == "zip") => ExportFormat::Markdown,
        None => ExportFormat::Json,
    };
    if args.out.exists() {
        return Err(AppError::invalid(
            "out",
            format!("{} exists already; choose a new file.", args.out.display()),
        ));
    }
    let timescales = Timescales::from_settings(settings)?;
    let mut conn = database.conn()?;
    let person = run::subject(&mut conn, Requester::CommandLine, &args.user)?;
    let produced = run::produce(
        &mut conn,
        &person,
        Requester::CommandLine,
        format,
        &timescales,
        clock::today(),
        clock::now(),
        None,
    )?;
    std::fs::write(&args.out, &produced.body)?;
    println!(
        "Exported {} of {} to {}.",
        produced.summary,
        person.username,
        args.out.display()
    );
    Ok(())
}
