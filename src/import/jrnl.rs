//! jrnl's JSON export: `{"tags": {...}, "entries": [{"date", "time", "title", "body",
//! "tags", "starred"}]}`. Tags are written `@name` in jrnl; the `@` is dropped.

use serde::Deserialize;

use super::{Candidate, Parsed, SourceFormat, content_key, json, refused};
use crate::error::AppResult;
use crate::journal::model::EntryDraft;

#[derive(Debug, Deserialize)]
struct Journal {
    #[serde(default)]
    #[allow(dead_code)]
    tags: serde_json::Map<String, serde_json::Value>,
    entries: Vec<JrnlEntry>,
}

#[derive(Debug, Deserialize)]
struct JrnlEntry {
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

/// Parses a jrnl export.
pub fn parse(file: &str, text: &str) -> AppResult<Parsed> {
    let journal: Journal = json(file, text)?;
    let mut parsed = Parsed {
        format: SourceFormat::Jrnl,
        file: file.to_string(),
        entries: Vec::new(),
        cases: Vec::new(),
        topics: Vec::new(),
        documents: Vec::new(),
        histories: Vec::new(),
        events: Vec::new(),
        skipped: Vec::new(),
    };
    let mut starred = 0;
    for (index, entry) in journal.entries.iter().enumerate() {
        if entry.date.trim().is_empty() {
            return Err(refused(format!(
                "{file}: entries[{index}].date: the date is missing."
            )));
        }
        starred += usize::from(entry.starred);
        let time = entry
            .time
            .as_deref()
            .map(|time| time.chars().take(5).collect::<String>());
        parsed.entries.push(Candidate {
            source_key: content_key(
                "jrnl",
                &[
                    &entry.date,
                    time.as_deref().unwrap_or(""),
                    &entry.title,
                    &entry.body,
                ],
            ),
            origin: format!("{file}, entry {} ({})", index + 1, entry.date),
            draft: EntryDraft {
                kind: Some("diary".into()),
                title: Some(entry.title.trim().to_string()).filter(|title| !title.is_empty()),
                occurred_on: Some(entry.date.trim().to_string()),
                occurred_at: time.filter(|time| !time.is_empty()),
                // jrnl keeps a one-line entry as its title alone; Praxis needs a body.
                body: Some(if entry.body.trim().is_empty() {
                    entry.title.trim().to_string()
                } else {
                    entry.body.trim().to_string()
                }),
                tags: entry
                    .tags
                    .iter()
                    .map(|tag| tag.trim_start_matches('@').to_string())
                    .collect(),
                ..EntryDraft::default()
            },
        });
    }
    parsed.skipped.extend(super::stars_left_out(starred));
    Ok(parsed)
}
