//! Journal entries: diary notes, reflections and CPD records.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::cpd_activity::CpdActivity;
use super::reflective::ReflectiveModel;
use crate::platform::db::schema::{cpd_records, entries};
use crate::platform::text_enum::text_enum;

text_enum! {
    /// What an entry is.
    EntryKind {
        /// A quick note captured between visits.
        Diary => ("diary", "Diary note"),
        /// A reflection, free or following a reflective model.
        Reflection => ("reflection", "Reflection"),
        /// A CPD record with Social Work England's fields.
        Cpd => ("cpd", "CPD record"),
    }
}

text_enum! {
    /// Who may read an entry besides its author.
    Visibility {
        /// Only the author.
        Private => ("private", "Private"),
        /// The author's supervisors and practice educators too.
        Supervisor => ("supervisor", "Shared with supervisor"),
    }
}

/// An entry row as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = entries)]
pub struct EntryRow {
    /// Row id.
    pub id: i32,
    /// Who wrote it.
    pub author_id: i32,
    /// Stored kind.
    pub kind: String,
    /// Title.
    pub title: String,
    /// The day it is about.
    pub occurred_on: NaiveDate,
    /// The time it is about, if given.
    pub occurred_at: Option<NaiveTime>,
    /// Markdown body.
    pub body: String,
    /// Mood from 1 (low) to 5 (good).
    pub mood: Option<i32>,
    /// Stored visibility.
    pub visibility: String,
    /// Whether the author wants to bring it to supervision.
    pub for_supervision: bool,
    /// Stored reflective model.
    pub model: Option<String>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// When moved to the bin.
    pub deleted_at: Option<NaiveDateTime>,
    /// When to look at the action plan again.
    pub revisit_on: Option<NaiveDate>,
}

/// Social Work England's CPD record fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Queryable, Selectable, Insertable)]
#[diesel(table_name = cpd_records)]
pub struct CpdRecord {
    /// The entry it belongs to.
    #[serde(skip)]
    pub entry_id: i32,
    /// The kind of activity, from Social Work England's kinds.
    pub activity: CpdActivity,
    /// The kind in words: its label, or for `other` the record's own words.
    pub activity_type: String,
    /// Short description and why it is relevant.
    pub description: String,
    /// What was learnt.
    pub learning: String,
    /// Impact on practice and on the people you work with.
    pub impact: String,
    /// The peer's role (never their name).
    pub peer_role: Option<String>,
    /// The peer reflection.
    pub peer_reflection: Option<String>,
    /// Hours spent.
    pub hours: f64,
}

/// A case linked to an entry, as shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRef {
    /// The case's row id (for search filters; never shown).
    #[serde(skip)]
    pub id: i32,
    /// The case's reference.
    pub reference: String,
    /// Its label, if any.
    pub label: Option<String>,
}

/// A tag linked to an entry, as shown beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagRef {
    /// The tag's code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its kind's wire name.
    pub kind: String,
    /// Whose topic it is; `None` for the shared catalogue. Two people may each keep a
    /// topic with the same code, so search tells them apart by this.
    #[serde(skip)]
    pub owner_id: Option<i32>,
}

/// One written section of a structured reflection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionText {
    /// Stage key.
    pub stage: String,
    /// Stage name.
    pub title: String,
    /// Markdown.
    pub body: String,
}

/// An entry with everything linked to it, as readers see it.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryView {
    /// Row id.
    pub id: i32,
    /// Author's user id.
    pub author_id: i32,
    /// Author's username.
    pub author: String,
    /// Author's display name.
    pub author_name: String,
    /// Kind.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// Day.
    pub occurred_on: NaiveDate,
    /// Time.
    pub occurred_at: Option<NaiveTime>,
    /// Markdown body.
    pub body: String,
    /// Mood 1-5.
    pub mood: Option<i32>,
    /// Visibility.
    pub visibility: Visibility,
    /// Flagged for supervision.
    pub for_supervision: bool,
    /// Reflective model.
    pub model: Option<ReflectiveModel>,
    /// Sections in the model's stage order.
    pub sections: Vec<SectionText>,
    /// CPD fields (CPD records only).
    pub cpd: Option<CpdRecord>,
    /// Linked cases.
    pub cases: Vec<CaseRef>,
    /// Linked tags.
    pub tags: Vec<TagRef>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
    /// In the bin since.
    pub deleted_at: Option<NaiveDateTime>,
    /// When to look at the action plan again (reflections only).
    pub revisit_on: Option<NaiveDate>,
}

/// CPD fields as a client sends them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CpdDraft {
    /// The kind of activity's wire name (`course`, `reading`... `other`).
    #[serde(default)]
    pub activity: Option<String>,
    /// The activity in words: needed for `other`; without `activity`, free text that names
    /// a kind is taken as that kind and anything else as `other` in these words.
    #[serde(default)]
    pub activity_type: Option<String>,
    /// Description and relevance.
    #[serde(default)]
    pub description: Option<String>,
    /// What was learnt.
    #[serde(default)]
    pub learning: Option<String>,
    /// Impact on practice and people.
    #[serde(default)]
    pub impact: Option<String>,
    /// Peer's role.
    #[serde(default)]
    pub peer_role: Option<String>,
    /// Peer reflection.
    #[serde(default)]
    pub peer_reflection: Option<String>,
    /// Hours.
    #[serde(default)]
    pub hours: Option<f64>,
}

/// An entry as a client sends it, before checking; pages and the API both build one.
/// Revisions store this form of the earlier version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntryDraft {
    /// `diary` (default), `reflection` or `cpd`.
    #[serde(default)]
    pub kind: Option<String>,
    /// Title; optional for diary notes.
    #[serde(default)]
    pub title: Option<String>,
    /// YYYY-MM-DD; defaults to today.
    #[serde(default)]
    pub occurred_on: Option<String>,
    /// HH:MM, optional.
    #[serde(default)]
    pub occurred_at: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub body: Option<String>,
    /// Reflective model name, for reflections.
    #[serde(default)]
    pub model: Option<String>,
    /// Stage key to Markdown.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// CPD fields, for CPD records.
    #[serde(default)]
    pub cpd: Option<CpdDraft>,
    /// 1 to 5.
    #[serde(default)]
    pub mood: Option<i32>,
    /// `private` (default) or `supervisor`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Bring to supervision.
    #[serde(default)]
    pub for_supervision: Option<bool>,
    /// Case references.
    #[serde(default)]
    pub cases: Vec<String>,
    /// Tag codes.
    #[serde(default)]
    pub tags: Vec<String>,
    /// YYYY-MM-DD: when to look at a reflection's action plan again. On a new reflection
    /// that follows a model with an action stage, leaving it out sets a month ahead; an empty
    /// string sets none.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present_or_null"
    )]
    pub revisit_on: Option<String>,
}

/// A field that was sent, null included, as opposed to one left out: null reads as empty, so
/// that sending `null` asks for no revisit date while leaving the field out asks for the
/// default.
fn present_or_null<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(Some(
        Option::<String>::deserialize(deserializer)?.unwrap_or_default(),
    ))
}

/// A checked entry, ready to store (cases and tags still as references and codes).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryInput {
    /// Kind.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// Day.
    pub occurred_on: NaiveDate,
    /// Time.
    pub occurred_at: Option<NaiveTime>,
    /// Markdown.
    pub body: String,
    /// Model.
    pub model: Option<ReflectiveModel>,
    /// Stage key to Markdown, only non-empty sections.
    pub sections: BTreeMap<String, String>,
    /// CPD fields.
    pub cpd: Option<CpdRecord>,
    /// Mood.
    pub mood: Option<i32>,
    /// Visibility.
    pub visibility: Visibility,
    /// Bring to supervision.
    pub for_supervision: bool,
    /// Case references.
    pub cases: Vec<String>,
    /// Tag codes.
    pub tags: Vec<String>,
    /// When to look at the action plan again.
    pub revisit_on: Option<NaiveDate>,
}

impl EntryDraft {
    /// The draft that reproduces a stored entry (edit forms, revision snapshots).
    pub fn from_view(entry: &EntryView) -> Self {
        Self {
            kind: Some(entry.kind.as_str().to_string()),
            title: Some(entry.title.clone()),
            occurred_on: Some(entry.occurred_on.to_string()),
            occurred_at: entry
                .occurred_at
                .map(|time| time.format("%H:%M").to_string()),
            body: Some(entry.body.clone()),
            model: entry.model.map(|model| model.as_str().to_string()),
            sections: entry
                .sections
                .iter()
                .map(|section| (section.stage.clone(), section.body.clone()))
                .collect(),
            cpd: entry.cpd.as_ref().map(|cpd| CpdDraft {
                activity: Some(cpd.activity.as_str().to_string()),
                activity_type: Some(cpd.activity_type.clone()),
                description: Some(cpd.description.clone()),
                learning: Some(cpd.learning.clone()),
                impact: Some(cpd.impact.clone()),
                peer_role: cpd.peer_role.clone(),
                peer_reflection: cpd.peer_reflection.clone(),
                hours: Some(cpd.hours),
            }),
            mood: entry.mood,
            visibility: Some(entry.visibility.as_str().to_string()),
            for_supervision: Some(entry.for_supervision),
            cases: entry
                .cases
                .iter()
                .map(|case| case.reference.clone())
                .collect(),
            tags: entry.tags.iter().map(|tag| tag.code.clone()).collect(),
            revisit_on: entry.revisit_on.map(|day| day.to_string()),
        }
    }

    /// Every piece of free text with its field name, for the confidentiality guard and
    /// legislation detection.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut texts: Vec<(String, &str)> = Vec::new();
        if let Some(title) = &self.title {
            texts.push(("title".into(), title));
        }
        if let Some(body) = &self.body {
            texts.push(("body".into(), body));
        }
        for (stage, text) in &self.sections {
            texts.push((format!("sections.{stage}"), text));
        }
        if let Some(cpd) = &self.cpd {
            for (field, value) in [
                ("activity_type", &cpd.activity_type),
                ("description", &cpd.description),
                ("learning", &cpd.learning),
                ("impact", &cpd.impact),
                ("peer_role", &cpd.peer_role),
                ("peer_reflection", &cpd.peer_reflection),
            ] {
                if let Some(text) = value {
                    texts.push((format!("cpd.{field}"), text));
                }
            }
        }
        texts
    }
}
