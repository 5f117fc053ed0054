//! Everything a person holds, in one versioned document: their journal with revisions, cases
//! with events and deadlines, CPD records, the supervision and placement documents they are a
//! party to, their own topics, their calendar feed's settings and the read-only copies they
//! imported from another Praxis. Each section lives in its
//! own file and loads through the owning slice's service, asking as the person, so the policy
//! decides what is theirs and nothing about anyone else can slip in.
//!
//! The same document serves the person's own download, an administrator's answer to a
//! subject access request and the `praxis export` command; `markdown` lays it out as a
//! portfolio of Markdown files in a zip.

pub mod calendar;
pub mod cases;
pub mod cli;
pub mod cpd;
pub mod entries;
pub mod http;
pub mod imported;
pub mod markdown;
pub mod placements;
pub mod run;
pub mod schema;
pub mod supervision;
pub mod topics;

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;

/// The version of the JSON format; raised whenever a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON document.
    Json,
    /// Markdown files in a zip, laid out as a portfolio.
    Markdown,
}

impl ExportFormat {
    /// Parses `json` or `markdown` (`md`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "json" => Some(Self::Json),
            "markdown" | "md" => Some(Self::Markdown),
            _ => None,
        }
    }

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Markdown => "zip",
        }
    }
}

/// Whom the document is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonJson {
    /// Sign-in name.
    pub username: String,
    /// Name shown to others.
    pub display_name: String,
    /// Role.
    pub role: String,
}

/// The whole personal export.
#[derive(Debug, Serialize)]
pub struct PersonalExport {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// Always `praxis`, so an importer can tell the document apart from other journals'.
    pub generator: &'static str,
    /// When it was made (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub exported_at: NaiveDateTime,
    /// Whom it is about.
    pub person: PersonJson,
    /// Journal entries (not those in the bin), oldest first, with earlier versions.
    pub entries: Vec<entries::ExportedEntry>,
    /// CPD records, by registration year.
    pub cpd_records: Vec<cpd::CpdRecordJson>,
    /// The person's own topic tags.
    pub topics: Vec<topics::TopicJson>,
    /// Cases held, with events and deadlines (met and open).
    pub cases: Vec<cases::ExportedCase>,
    /// Supervision pairs the person belongs to, with agreement and records.
    pub supervision: Vec<supervision::ExportedPair>,
    /// Placements the person has a part in.
    pub placements: Vec<placements::ExportedPlacement>,
    /// The calendar feed's settings (never its secret address).
    pub calendar_feed: calendar::CalendarFeedJson,
    /// Read-only copies of documents imported from another Praxis.
    pub imported_records: Vec<crate::imported::ImportedRecordJson>,
}

impl PersonalExport {
    /// The document as pretty JSON.
    pub fn to_json(&self) -> AppResult<Vec<u8>> {
        serde_json::to_vec_pretty(self)
            .map_err(|error| AppError::Internal(format!("export: {error}")))
    }

    /// How much it holds, for the audit log and the command line.
    pub fn summary(&self) -> String {
        format!(
            "{} entries, {} cases, {} supervision records, {} placements",
            self.entries.len(),
            self.cases.len(),
            self.supervision
                .iter()
                .map(|pair| pair.records.len())
                .sum::<usize>(),
            self.placements.len()
        )
    }
}

/// Builds the export of everything `person` holds, each section asked of its slice as them.
pub fn build(
    conn: &mut DbConnection,
    person: &Actor,
    timescales: &Timescales,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<PersonalExport> {
    let entries = entries::load(conn, person)?;
    Ok(PersonalExport {
        format_version: FORMAT_VERSION,
        generator: "praxis",
        exported_at: now,
        person: PersonJson {
            username: person.username.clone(),
            display_name: person.display_name.clone(),
            role: person.role.as_str().to_string(),
        },
        cpd_records: cpd::from_entries(&entries),
        entries,
        topics: topics::load(conn, person)?,
        cases: cases::load(conn, person, timescales, today)?,
        supervision: supervision::load(conn, person, today)?,
        placements: placements::load(conn, person, today)?,
        calendar_feed: calendar::load(conn, person)?,
        imported_records: imported::load(conn, person)?,
    })
}
