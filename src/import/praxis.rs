//! Praxis's own export (`format_version` 1). Entries come back whole (private, whatever
//! their sharing was), with their cases and the person's topics. Documents that need another
//! party (supervision agreements and records, placement documents) cannot be re-signed here,
//! so each comes back as a read-only copy ([`super::documents`]). Earlier versions of
//! entries and the events on cases come back too ([`super::history`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use chrono::NaiveDateTime;

use super::history::{EntryHistory, EventCandidate};
use super::{Candidate, Parsed, SourceFormat, content_key, documents, json, refused};
use crate::cases::model::CaseDraft;
use crate::deadlines::service::EventDraft;
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
    /// Exports from before revisit dates existed have none.
    #[serde(default)]
    revisit_on: Option<String>,
    #[serde(default)]
    revisions: Vec<ExportedRevision>,
}

#[derive(Debug, Deserialize)]
struct ExportedRevision {
    replaced_at: String,
    entry: EntryDraft,
}

#[derive(Debug, Deserialize)]
struct ExportedEvent {
    kind: String,
    #[serde(default)]
    label: Option<String>,
    occurred_on: String,
    #[serde(default)]
    occurred_at: Option<String>,
    #[serde(default)]
    due_on: Option<String>,
    #[serde(default)]
    entry_id: Option<i64>,
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
            revisit_on: entry.revisit_on.clone(),
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

/// An entry's earlier versions, oldest first, with its id in the export.
fn history(
    file: &str,
    index: usize,
    entry: &ExportedEntry,
    candidate: &Candidate,
) -> AppResult<EntryHistory> {
    let mut versions = Vec::new();
    for (number, revision) in entry.revisions.iter().enumerate() {
        let replaced_at = NaiveDateTime::parse_from_str(&revision.replaced_at, "%Y-%m-%dT%H:%M:%SZ")
            .map_err(|_| {
                refused(format!(
                    "{file}: entries[{index}].revisions[{number}].replaced_at: not a UTC time like 2026-03-03T10:00:00Z."
                ))
            })?;
        let mut draft = revision.entry.clone();
        draft.visibility = Some("private".into());
        versions.push((replaced_at, draft));
    }
    versions.sort_by_key(|(replaced_at, _)| *replaced_at);
    Ok(EntryHistory {
        entry_key: candidate.source_key.clone(),
        export_id: entry.id,
        versions,
    })
}

/// The events of the case at `index`, each keyed by its content.
fn events(file: &str, index: usize, case: &Value) -> AppResult<Vec<EventCandidate>> {
    let reference = text_of(case, "reference").unwrap_or_default();
    let listed = case
        .get("events")
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    let events: Vec<ExportedEvent> = serde_json::from_value(listed)
        .map_err(|error| refused(format!("{file}: cases[{index}].events: {error}.")))?;
    Ok(events
        .into_iter()
        .enumerate()
        .map(|(number, event)| EventCandidate {
            source_key: content_key(
                "praxis-event",
                &[
                    &reference,
                    &event.kind,
                    event.label.as_deref().unwrap_or(""),
                    &event.occurred_on,
                    event.occurred_at.as_deref().unwrap_or(""),
                    event.due_on.as_deref().unwrap_or(""),
                ],
            ),
            origin: format!("{file}, cases[{index}].events[{number}] ({reference})"),
            reference: reference.clone(),
            draft: EventDraft {
                kind: Some(event.kind),
                occurred_on: Some(event.occurred_on),
                occurred_at: event.occurred_at,
                label: event.label,
                due_on: event.due_on,
                entry_id: None,
            },
            export_entry: event.entry_id,
        })
        .collect())
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
        histories: Vec::new(),
        events: Vec::new(),
        skipped: Vec::new(),
    };
    for (index, entry) in export.entries.iter().enumerate() {
        let candidate = entry_candidate(file, index, entry);
        parsed
            .histories
            .push(history(file, index, entry, &candidate)?);
        parsed.entries.push(candidate);
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
    for (index, case) in export.cases.iter().enumerate() {
        parsed.events.extend(events(file, index, case)?);
    }
    parsed
        .events
        .sort_by(|a, b| a.draft.occurred_on.cmp(&b.draft.occurred_on));
    Ok(parsed)
}
