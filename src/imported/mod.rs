//! Read-only copies of documents that needed another party: supervision agreements and
//! records, placements, learning agreements and reviews, brought in from another Praxis.
//! Their signatures cannot be made again here, so each copy keeps its text as Markdown with
//! who signed it and when written out, and the original JSON, so that the person can take it
//! on to the next Praxis. Only the importer reads a copy (the policy's
//! `may_read_imported_record`); there is no route that edits, signs or shares one.

pub mod api;
pub mod html;
pub mod service;
mod store;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::platform::text_enum::text_enum;

text_enum! {
    /// What kind of document a copy is of.
    ImportedKind {
        /// A supervision agreement between supervisor and supervisee.
        SupervisionAgreement => ("supervision_agreement", "Supervision agreement"),
        /// A supervision record.
        SupervisionRecord => ("supervision_record", "Supervision record"),
        /// A placement's outline, days, evidence and observations.
        Placement => ("placement", "Placement"),
        /// A placement's learning agreement.
        LearningAgreement => ("learning_agreement", "Learning agreement"),
        /// A placement review (mid-point or final).
        PlacementReview => ("placement_review", "Placement review"),
    }
}

/// A copy about to be written by an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedDraft {
    /// What it is a copy of.
    pub kind: ImportedKind,
    /// Its title, naming the other party.
    pub title: String,
    /// The day the original was held, started or written.
    pub occurred_on: Option<NaiveDate>,
    /// Its text as Markdown, signatures written out.
    pub body: String,
    /// The original document as JSON.
    pub original: serde_json::Value,
    /// Names the original, so that importing it again creates nothing.
    pub source_key: String,
}

/// A copy as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    /// Its id.
    pub id: i32,
    /// Whose it is.
    pub owner_id: i32,
    /// When it was imported (UTC).
    pub imported_at: NaiveDateTime,
    /// The copy itself.
    pub copy: ImportedDraft,
}

/// A copy as the API and the personal export send it.
#[derive(Debug, Clone, Serialize)]
pub struct ImportedRecordJson {
    /// Its id here.
    pub id: i32,
    /// What it is a copy of.
    pub kind: ImportedKind,
    /// Its title.
    pub title: String,
    /// The day the original was held, started or written.
    pub occurred_on: Option<NaiveDate>,
    /// When it was imported (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub imported_at: NaiveDateTime,
    /// Its text as Markdown, signatures written out.
    pub body: String,
    /// Names the original, so that moving it on again is noticed.
    pub source_key: String,
    /// The original document as JSON.
    pub original: serde_json::Value,
    /// Always true: a copy cannot be edited or signed.
    pub read_only: bool,
}

impl From<&ImportedRecord> for ImportedRecordJson {
    fn from(record: &ImportedRecord) -> Self {
        let copy = record.copy.clone();
        Self {
            id: record.id,
            kind: copy.kind,
            title: copy.title,
            occurred_on: copy.occurred_on,
            imported_at: record.imported_at,
            body: copy.body,
            source_key: copy.source_key,
            original: copy.original,
            read_only: true,
        }
    }
}
