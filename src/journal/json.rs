//! The API's representation of an entry.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::model::{CpdRecord, EntryKind, EntryView, Visibility};
use super::reflective::ReflectiveModel;
use super::service::suggested_tags;
use crate::platform::markdown;
use crate::platform::privacy::PrivacyWarning;

/// An entry as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryJson {
    /// Id.
    pub id: i32,
    /// Author's username (differs from the caller's for shared entries).
    pub author: String,
    /// Kind.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// YYYY-MM-DD.
    pub occurred_on: NaiveDate,
    /// HH:MM, if given.
    pub occurred_at: Option<String>,
    /// Markdown as written.
    pub body: String,
    /// The body rendered to sanitised HTML (read-only).
    pub body_html: String,
    /// Reflective model.
    pub model: Option<ReflectiveModel>,
    /// Stage key to Markdown.
    pub sections: BTreeMap<String, String>,
    /// CPD fields, or null.
    pub cpd: Option<CpdRecord>,
    /// 1-5 or null.
    pub mood: Option<i32>,
    /// `private` or `supervisor`.
    pub visibility: Visibility,
    /// Flagged to bring to supervision.
    pub for_supervision: bool,
    /// Case references.
    pub cases: Vec<String>,
    /// Tag codes.
    pub tags: Vec<String>,
    /// YYYY-MM-DD: when to look at a reflection's action plan again, or null.
    pub revisit_on: Option<NaiveDate>,
    /// Legislation the text mentions that is not yet tagged.
    pub suggested_tags: Vec<String>,
    /// Likely identifiers found in the text when it was saved (empty on reads).
    pub privacy_warnings: Vec<PrivacyWarning>,
    /// Created.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl EntryJson {
    /// The JSON form of an entry, with any findings of the confidentiality guard.
    pub fn new(entry: &EntryView, privacy_warnings: Vec<PrivacyWarning>) -> Self {
        Self {
            id: entry.id,
            author: entry.author.clone(),
            kind: entry.kind,
            title: entry.title.clone(),
            occurred_on: entry.occurred_on,
            occurred_at: entry
                .occurred_at
                .map(|time| time.format("%H:%M").to_string()),
            body: entry.body.clone(),
            body_html: markdown::render(&entry.body),
            model: entry.model,
            sections: entry
                .sections
                .iter()
                .map(|section| (section.stage.clone(), section.body.clone()))
                .collect(),
            cpd: entry.cpd.clone(),
            mood: entry.mood,
            visibility: entry.visibility,
            for_supervision: entry.for_supervision,
            cases: entry
                .cases
                .iter()
                .map(|case| case.reference.clone())
                .collect(),
            tags: entry.tags.iter().map(|tag| tag.code.clone()).collect(),
            revisit_on: entry.revisit_on,
            suggested_tags: suggested_tags(entry),
            privacy_warnings,
            created_at: entry.created_at,
            updated_at: entry.updated_at,
        }
    }
}
