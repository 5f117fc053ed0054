//! Day One's JSON export: a zip holding `Journal.json` (one file per journal) and a
//! `photos/` folder. Each entry has a `uuid`, a `creationDate` in UTC, its `text` in
//! Markdown, `tags`, `starred` and the `timeZone` it was written in. Photos are left out and
//! counted; the first line becomes the title when it is a heading.

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

use super::archive::Upload;
use super::{Candidate, Parsed, SourceFormat, json, refused};
use crate::error::AppResult;
use crate::journal::model::EntryDraft;

#[derive(Debug, Deserialize)]
struct Journal {
    entries: Vec<DayOneEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DayOneEntry {
    uuid: String,
    creation_date: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    photos: Vec<serde_json::Value>,
}

/// Whether the start of a JSON text looks like a Day One journal.
pub fn looks_like(head: &str) -> bool {
    head.contains("\"creationDate\"")
        || (head.contains("\"metadata\"") && head.contains("\"entries\""))
}

/// When the entry was written, in its own time zone (UTC when the zone is unknown).
fn local_time(file: &str, index: usize, entry: &DayOneEntry) -> AppResult<NaiveDateTime> {
    let at: DateTime<Utc> = entry.creation_date.parse().map_err(|_| {
        refused(format!(
            "{file}: entries[{index}].creationDate: {:?} is not a date and time such as 2024-03-01T09:30:00Z.",
            entry.creation_date
        ))
    })?;
    let zone: Option<Tz> = entry
        .time_zone
        .as_deref()
        .and_then(|name| name.parse().ok());
    Ok(match zone {
        Some(zone) => at.with_timezone(&zone).naive_local(),
        None => at.naive_utc(),
    })
}

/// Splits a leading Markdown heading off as the title.
pub fn title_and_body(text: &str) -> (Option<String>, String) {
    let trimmed = text.trim_start();
    if let Some(rest) = trimmed.strip_prefix("# ") {
        let (title, body) = rest.split_once('\n').unwrap_or((rest, ""));
        return (Some(title.trim().to_string()), body.trim().to_string());
    }
    (None, text.trim().to_string())
}

/// Parses every journal file of a Day One upload.
pub fn parse(upload: &Upload) -> AppResult<Parsed> {
    let mut parsed = Parsed {
        format: SourceFormat::DayOne,
        file: upload.name.clone(),
        entries: Vec::new(),
        cases: Vec::new(),
        topics: Vec::new(),
        documents: Vec::new(),
        histories: Vec::new(),
        events: Vec::new(),
        skipped: Vec::new(),
    };
    let mut photos = 0;
    let mut starred = 0;
    let mut empty = 0;
    for file in upload
        .files
        .iter()
        .filter(|file| file.name.ends_with(".json"))
    {
        let journal: Journal = json(&file.name, &file.text)?;
        for (index, entry) in journal.entries.iter().enumerate() {
            let at = local_time(&file.name, index, entry)?;
            let (title, mut body) = title_and_body(&entry.text);
            if body.is_empty() {
                body = title.clone().unwrap_or_default();
            }
            photos += entry.photos.len();
            if body.is_empty() {
                empty += 1;
                continue;
            }
            starred += usize::from(entry.starred);
            parsed.entries.push(Candidate {
                source_key: format!("dayone:{}", entry.uuid),
                origin: format!("{}, entry {} ({})", file.name, index + 1, entry.uuid),
                draft: EntryDraft {
                    kind: Some("diary".into()),
                    title,
                    occurred_on: Some(at.date().to_string()),
                    occurred_at: Some(at.time().format("%H:%M").to_string()),
                    body: Some(body),
                    tags: entry.tags.clone(),
                    ..EntryDraft::default()
                },
            });
        }
    }
    let photo_files = upload
        .binary
        .iter()
        .filter(|name| !name.starts_with("__MACOSX"))
        .count();
    let photos = photos.max(photo_files);
    if photos > 0 {
        parsed.skipped.push(format!(
            "{photos} photo(s) or other attachments: Praxis keeps text only."
        ));
    }
    if empty > 0 {
        parsed.skipped.push(format!(
            "{empty} entry(ies) with no text (photos only, perhaps): nothing to import."
        ));
    }
    parsed.skipped.extend(super::stars_left_out(starred));
    Ok(parsed)
}
