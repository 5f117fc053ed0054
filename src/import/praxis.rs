//! Praxis's own export (`format_version` 1). Entries come back whole (private, whatever
//! their sharing was), with their cases and the person's topics. Documents that need another
//! party (supervision agreements and records, placement documents) cannot be re-signed here,
//! so each comes back as a read-only copy ([`super::documents`]); earlier versions of entries
//! and case events are counted and left out.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Candidate, Parsed, SourceFormat, content_key, documents, json, refused};
use crate::cases::model::CaseDraft;
use crate::error::AppResult;
use crate::export::FORMAT_VERSION;
use crate::journal::model::{CpdDraft, EntryDraft};

#[derive(Debug, Deserialize)]
struct Export {
    format_version: u32,
    entries: Vec<ExportedEntry>,
    #[serde(default)]
    topics: Vec<Topic>,
    #[serde(default)]
    cases: Vec<Value>,
    #[serde(default)]
    supervision: Vec<documents::Pair>,
    #[serde(default)]
    placements: Vec<Value>,
    #[serde(default)]
    imported_records: Vec<documents::HeldCopy>,
}

#[derive(Debug, Deserialize)]
struct ExportedEntry {
    id: i64,
    kind: String,
    title: String,
    occurred_on: String,
    #[serde(default)]
    occurred_at: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    sections: BTreeMap<String, String>,
    #[serde(default)]
    cpd: Option<CpdDraft>,
    #[serde(default)]
    mood: Option<i32>,
    #[serde(default)]
    for_supervision: bool,
    #[serde(default)]
    cases: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    revisions: Vec<Value>,
}

#[derive(Debug, Deserialize)]
struct Topic {
    title: String,
    #[serde(default)]
    summary: String,
}

/// Whether a JSON text is a Praxis export (its first fields say so).
pub fn looks_like(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.contains("\"format_version\"") && head.contains("\"praxis\"")
}

fn text_of(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::to_string)
}

fn entry_candidate(file: &str, index: usize, entry: &ExportedEntry) -> Candidate {
    let sections = serde_json::to_string(&entry.sections).unwrap_or_default();
    let cpd = serde_json::to_string(&entry.cpd).unwrap_or_default();
    Candidate {
        source_key: content_key(
            "praxis",
            &[
                &entry.kind,
                &entry.title,
                &entry.occurred_on,
                entry.occurred_at.as_deref().unwrap_or(""),
                &entry.body,
                &sections,
                &cpd,
            ],
        ),
        origin: format!("{file}, entries[{index}] (id {})", entry.id),
        draft: EntryDraft {
            kind: Some(entry.kind.clone()),
            title: Some(entry.title.clone()),
            occurred_on: Some(entry.occurred_on.clone()),
            occurred_at: entry.occurred_at.clone(),
            body: Some(entry.body.clone()),
            model: entry.model.clone(),
            sections: entry.sections.clone(),
            cpd: entry.cpd.clone(),
            mood: entry.mood,
            visibility: Some("private".into()),
            for_supervision: Some(entry.for_supervision),
            cases: entry.cases.clone(),
            tags: entry.tags.clone(),
        },
    }
}

fn case_draft(case: &Value) -> CaseDraft {
    CaseDraft {
        reference: text_of(case, "reference"),
        label: text_of(case, "label"),
        category: text_of(case, "category"),
        cp_primary: text_of(case, "cp_primary"),
        cp_secondary: text_of(case, "cp_secondary"),
        status: text_of(case, "status"),
        opened_on: text_of(case, "opened_on"),
        closed_on: text_of(case, "closed_on"),
    }
}

/// Parses a Praxis export.
pub fn parse(file: &str, text: &str) -> AppResult<Parsed> {
    let export: Export = json(file, text)?;
    if export.format_version != FORMAT_VERSION {
        return Err(refused(format!(
            "{file}: format_version: this Praxis reads version {FORMAT_VERSION}, not {}.",
            export.format_version
        )));
    }
    let mut parsed = Parsed {
        format: SourceFormat::Praxis,
        file: file.to_string(),
        entries: Vec::new(),
        cases: export.cases.iter().map(case_draft).collect(),
        topics: export
            .topics
            .iter()
            .map(|topic| (topic.title.clone(), topic.summary.clone()))
            .collect(),
        documents: Vec::new(),
        skipped: Vec::new(),
    };
    let mut revisions = 0;
    for (index, entry) in export.entries.iter().enumerate() {
        revisions += entry.revisions.len();
        parsed.entries.push(entry_candidate(file, index, entry));
    }
    for pair in &export.supervision {
        parsed.documents.extend(documents::supervision(pair));
    }
    for placement in &export.placements {
        parsed.documents.extend(documents::placement(placement));
    }
    parsed
        .documents
        .extend(export.imported_records.into_iter().map(documents::held));
    if revisions > 0 {
        parsed.skipped.push(format!(
            "{revisions} earlier version(s) of entries: the entries come back as they last stood."
        ));
    }
    let events: usize = export
        .cases
        .iter()
        .map(|case| {
            case.get("events")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        })
        .sum();
    if events > 0 {
        parsed.skipped.push(format!(
            "{events} case event(s): record them on the cases again where you still need their deadlines."
        ));
    }
    Ok(parsed)
}
