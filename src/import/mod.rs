//! Bringing a journal in: Praxis's own export, Day One's JSON export, jrnl's JSON export or
//! a folder or zip of Markdown files. An upload is read safely ([`archive`]), parsed into
//! candidate entries by its format's reader, previewed ([`plan`]) and written in one
//! transaction ([`apply`]): a bad file writes nothing, the same file twice writes nothing new
//! (each entry's source key is kept), tags map onto the catalogue or become the person's own
//! topics, and every entry is private and passes the confidentiality guard.

pub mod api;
pub mod apply;
pub mod archive;
pub mod cli;
pub mod dayone;
pub mod documents;
pub mod front_matter;
pub mod history;
pub mod html;
pub mod pending;

pub mod jrnl;
pub mod markdown_files;
pub mod plan;
pub mod praxis;
pub mod tags;

use blake2::{Blake2b512, Digest};

use crate::cases::model::CaseDraft;
use crate::error::{AppError, AppResult};
use crate::imported::ImportedDraft;
use crate::journal::model::EntryDraft;
use archive::Upload;

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Praxis's own JSON export.
    Praxis,
    /// Day One's JSON export (a zip with `Journal.json`, or the JSON alone).
    DayOne,
    /// jrnl's JSON export.
    Jrnl,
    /// Markdown files (a zip, a folder or one file).
    Markdown,
}

impl SourceFormat {
    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Praxis => "Praxis export",
            Self::DayOne => "Day One export",
            Self::Jrnl => "jrnl export",
            Self::Markdown => "Markdown files",
        }
    }
}

/// One entry to import, before tags are mapped.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Names the source record, so that importing it again is noticed.
    pub source_key: String,
    /// Where it came from (`Journal.json, entry 12`), for messages.
    pub origin: String,
    /// The entry as the journal would take it; `tags` holds the source's tag names.
    pub draft: EntryDraft,
}

/// What a file held.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The format found.
    pub format: SourceFormat,
    /// The upload's name.
    pub file: String,
    /// Entries, in the file's order.
    pub entries: Vec<Candidate>,
    /// Cases the file describes (a Praxis export), to create when missing.
    pub cases: Vec<CaseDraft>,
    /// Topics the file describes (a Praxis export): title and summary.
    pub topics: Vec<(String, String)>,
    /// Documents that needed another party (a Praxis export), to keep as read-only copies.
    pub documents: Vec<ImportedDraft>,
    /// Earlier versions of entries, and their ids in the file (a Praxis export).
    pub histories: Vec<history::EntryHistory>,
    /// Events to record on cases (a Praxis export), in date order.
    pub events: Vec<history::EventCandidate>,
    /// What is left out and why, one line each.
    pub skipped: Vec<String>,
}

/// What the preview says about stars, which Praxis does not keep.
pub fn stars_left_out(starred: usize) -> Option<String> {
    (starred > 0).then(|| {
        format!(
            "The star on {starred} entry(ies): Praxis has no stars (the entries themselves are imported)."
        )
    })
}

/// A refusal naming what is wrong with the file.
pub fn refused(message: impl Into<String>) -> AppError {
    AppError::invalid("file", message)
}

/// A stable key for content without an id of its own.
pub fn content_key(prefix: &str, parts: &[&str]) -> String {
    let mut hasher = Blake2b512::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let hex: String = digest[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{prefix}:{hex}")
}

/// Parses JSON, naming the file and the path of the field that is wrong.
pub fn json<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> AppResult<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            refused(format!("{file} is not valid JSON ({inner})."))
        } else if path == "." || path.is_empty() {
            refused(format!("{file} is not valid JSON here: {inner}."))
        } else {
            refused(format!("{file}: {path}: {inner}."))
        }
    })
}

/// The first fields of a journal JSON file, enough to tell the formats apart.
#[derive(serde::Deserialize)]
struct Probe {
    #[serde(default)]
    generator: Option<String>,
    #[serde(default)]
    metadata: Option<serde::de::IgnoredAny>,
}

/// Which JSON format a text is in: a Praxis export says so, a Day One journal has
/// `metadata` or `creationDate`; anything else is read as jrnl (whose reader names what is
/// missing).
fn probe(text: &str) -> SourceFormat {
    // A Praxis export names itself in its first lines; reading the head spares parsing a
    // large export twice.
    let head: String = text.chars().take(200).collect();
    if praxis::looks_like(&head) {
        return SourceFormat::Praxis;
    }
    match serde_json::from_str::<Probe>(text) {
        Ok(probe) if probe.generator.as_deref() == Some("praxis") => SourceFormat::Praxis,
        Ok(probe) if probe.metadata.is_some() => SourceFormat::DayOne,
        _ => {
            let head: String = text.chars().take(4096).collect();
            if praxis::looks_like(&head) {
                SourceFormat::Praxis
            } else if dayone::looks_like(&head) {
                SourceFormat::DayOne
            } else {
                SourceFormat::Jrnl
            }
        }
    }
}

/// Reads an upload of `bytes` named `name` safely, parses it and works out its plan for
/// `person`, writing nothing.
pub fn plan_upload(
    conn: &mut crate::platform::db::DbConnection,
    person: &crate::platform::auth::Actor,
    name: &str,
    bytes: &[u8],
    max: u64,
    timescales: &crate::deadlines::timescales::Timescales,
) -> AppResult<plan::Plan> {
    let upload = archive::read_upload(name, bytes, None, max)?;
    let parsed = parse(&upload)?;
    plan::build(
        conn,
        person,
        &parsed,
        timescales,
        crate::platform::clock::today(),
    )
}

/// Recognises the upload's format and parses it.
pub fn parse(upload: &Upload) -> AppResult<Parsed> {
    let json_files: Vec<_> = upload
        .files
        .iter()
        .filter(|file| file.name.to_ascii_lowercase().ends_with(".json"))
        .collect();
    if let Some(file) = json_files.first() {
        if json_files.len() > 1 && upload.files.len() > 1 {
            // A Day One zip holds one journal file per journal; take them all.
            if json_files.iter().all(|file| dayone::looks_like(&file.text)) {
                return dayone::parse(upload);
            }
        }
        return match probe(&file.text) {
            SourceFormat::Praxis => praxis::parse(&file.name, &file.text),
            SourceFormat::DayOne => dayone::parse(upload),
            _ => jrnl::parse(&file.name, &file.text),
        };
    }
    if upload.files.is_empty() {
        return Err(refused(format!(
            "{} holds no JSON or Markdown file to import.",
            upload.name
        )));
    }
    markdown_files::parse(upload)
}
