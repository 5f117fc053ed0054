//! `POST /api/v1/import`: the same import as the pages, for a client. The file is the raw
//! request body; `?preview=true` answers with the plan and writes nothing, otherwise the file
//! is imported in one transaction and the plan carried out is the answer. A file the import
//! refuses answers 422 naming the file, entry and field, with nothing written.

use std::collections::BTreeMap;

use rocket::data::{Data, ToByteUnit};
use rocket::http::ContentType;
use rocket::serde::json::Json;
use rocket::{State, post};
use serde::Serialize;

use super::plan::{Finding, Plan};
use super::{SourceFormat, apply, archive::read_upload, parse, refused};
use crate::config::Settings;
use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;

/// An import's plan (what a preview shows), and whether it was carried out.
#[derive(Debug, Serialize)]
pub struct ImportJson {
    /// False for a preview, true once imported.
    pub written: bool,
    /// `praxis`, `day_one`, `jrnl` or `markdown`.
    pub format: &'static str,
    /// The file's name.
    pub file: String,
    /// Entries new to the person (created, once written).
    pub new_entries: usize,
    /// Entries, events and copies imported before, left alone.
    pub already_imported: usize,
    /// The first and last day of the new entries.
    pub dates: Option<[chrono::NaiveDate; 2]>,
    /// Earlier versions kept with the new entries.
    pub earlier_versions: usize,
    /// Events recorded on cases.
    pub case_events: usize,
    /// Read-only copies of documents signed elsewhere, by kind.
    pub read_only_copies: BTreeMap<&'static str, usize>,
    /// Catalogue tags the entries use.
    pub existing_tags: Vec<String>,
    /// The person's own topics created, by title.
    pub new_topics: Vec<String>,
    /// Cases created, by reference.
    pub new_cases: Vec<String>,
    /// What the confidentiality guard found.
    pub findings: Vec<Finding>,
    /// What is left out and why.
    pub skipped: Vec<String>,
}

fn format_name(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Praxis => "praxis",
        SourceFormat::DayOne => "day_one",
        SourceFormat::Jrnl => "jrnl",
        SourceFormat::Markdown => "markdown",
    }
}

impl ImportJson {
    fn new(plan: Plan, written: bool) -> Self {
        let read_only_copies = plan
            .read_only_counts()
            .into_iter()
            .map(|(kind, count)| (kind.as_str(), count))
            .collect();
        Self {
            written,
            format: format_name(plan.format),
            file: plan.file,
            new_entries: plan.entries.len(),
            already_imported: plan.already_imported,
            dates: plan.dates.map(|(first, last)| [first, last]),
            earlier_versions: plan.revisions,
            case_events: plan.events.len(),
            read_only_copies,
            existing_tags: plan.existing_tags.into_iter().collect(),
            new_topics: plan
                .new_topics
                .into_values()
                .map(|(title, _)| title)
                .collect(),
            new_cases: plan
                .new_cases
                .into_iter()
                .filter_map(|case| case.reference)
                .collect(),
            findings: plan.findings,
            skipped: plan.skipped,
        }
    }
}

/// The file's name: the one given, or one that says what the body is, so that the reader
/// can tell JSON from a zip from Markdown.
fn file_name(name: Option<String>, kind: Option<&ContentType>, bytes: &[u8]) -> String {
    if let Some(name) = name.filter(|name| !name.trim().is_empty()) {
        return name;
    }
    let sniffed = match bytes.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => "upload.json",
        Some(b'P') if bytes.starts_with(b"PK") => "upload.zip",
        _ => "upload.md",
    };
    match kind {
        Some(kind) if *kind == ContentType::JSON => "upload.json",
        Some(kind) if *kind == ContentType::ZIP => "upload.zip",
        Some(kind) if kind.sub() == "markdown" => "upload.md",
        _ => sniffed,
    }
    .to_string()
}

/// Refuses the file when the client named a format and the file is in another.
fn expect_format(expected: Option<&str>, found: SourceFormat) -> AppResult<()> {
    match expected {
        None => Ok(()),
        Some(name) if name == format_name(found) => Ok(()),
        Some(name @ ("praxis" | "day_one" | "jrnl" | "markdown")) => Err(AppError::invalid(
            "format",
            format!("The file is a {}, not {name}.", found.label()),
        )),
        Some(_) => Err(AppError::invalid(
            "format",
            "Choose praxis, day_one, jrnl or markdown, or leave format out to let the file say.",
        )),
    }
}

#[post("/import?<name>&<format>&<preview>", data = "<upload>")]
#[allow(clippy::too_many_arguments)]
async fn import(
    name: Option<String>,
    format: Option<String>,
    preview: Option<bool>,
    upload: Data<'_>,
    kind: Option<&ContentType>,
    caller: ApiCaller,
    settings: &State<Settings>,
    timescales: &State<SharedTimescales>,
    db: &Database,
) -> ApiResult<Json<ImportJson>> {
    let max = settings.import_max_mb.saturating_mul(1_000_000);
    let read = upload
        .open((max + 1).bytes())
        .into_bytes()
        .await
        .map_err(AppError::from)?;
    let bytes = read.into_inner();
    let name = file_name(name, kind, &bytes);
    if bytes.len() as u64 > max {
        return Err(refused(format!(
            "{name} is larger than the import limit of {} MB.",
            settings.import_max_mb
        ))
        .into());
    }
    let timescales = std::sync::Arc::clone(timescales.inner());
    let write = !preview.unwrap_or(false);
    let answer = db
        .run(move |conn| {
            let upload = read_upload(&name, &bytes, None, max)?;
            let parsed = parse(&upload)?;
            expect_format(format.as_deref(), parsed.format)?;
            let (today, now) = (clock::today(), clock::now());
            if write {
                let outcome =
                    apply::apply(conn, &caller.0, &parsed, &timescales, today, now, |_, _| {})?;
                Ok(ImportJson::new(outcome.plan, true))
            } else {
                let plan = super::plan::build(conn, &caller.0, &parsed, &timescales, today)?;
                Ok(ImportJson::new(plan, false))
            }
        })
        .await?;
    Ok(Json(answer))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![import]
}
