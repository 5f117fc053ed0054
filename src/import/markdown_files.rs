//! Markdown files, as Obsidian and Joplin export them: each `.md` file an entry. The title,
//! date and tags come from YAML front matter when it has them; otherwise the title is the
//! first heading or the file's name, and the date is taken from the file's name
//! (`2024-03-01 Core group.md`) or else when the file was last changed.

use chrono::{NaiveDate, NaiveDateTime};
use regex::Regex;

use super::archive::{SourceFile, Upload};
use super::dayone::title_and_body;
use super::front_matter;
use super::{Candidate, Parsed, SourceFormat, content_key, refused};
use crate::error::AppResult;
use crate::journal::model::EntryDraft;

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

fn date_in_name(name: &str) -> Option<NaiveDate> {
    let pattern = Regex::new(r"(\d{4})-(\d{2})-(\d{2})").ok()?;
    let file_name = name.rsplit('/').next().unwrap_or(name);
    let found = pattern.captures(file_name)?;
    NaiveDate::from_ymd_opt(
        found[1].parse().ok()?,
        found[2].parse().ok()?,
        found[3].parse().ok()?,
    )
}

/// The day and time a front matter `date` names (`2024-03-01`, `2024-03-01 09:30`,
/// `2024-03-01T09:30:00`).
fn front_matter_date(text: &str) -> Option<(NaiveDate, Option<String>)> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some((day, None));
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        let prefix: String = text.chars().take(19).collect();
        if let Ok(at) = NaiveDateTime::parse_from_str(prefix.trim_end_matches('Z'), format) {
            return Some((at.date(), Some(at.time().format("%H:%M").to_string())));
        }
    }
    None
}

fn candidate(file: &SourceFile) -> AppResult<Candidate> {
    let matter = front_matter::split(&file.text);
    let (day, time) = match &matter.date {
        Some(written) => front_matter_date(written).ok_or_else(|| {
            refused(format!(
                "{}: date: {written:?} is not a date such as 2024-03-01.",
                file.name
            ))
        })?,
        None => match date_in_name(&file.name).or(file.modified.map(|at| at.date())) {
            Some(day) => (day, None),
            None => {
                return Err(refused(format!(
                    "{}: date: the file has no date in its front matter or name, and no modification time.",
                    file.name
                )));
            }
        },
    };
    let (heading, body) = title_and_body(&matter.body);
    let stem = file
        .name
        .rsplit('/')
        .next()
        .unwrap_or(&file.name)
        .trim_end_matches(".markdown")
        .trim_end_matches(".md")
        .to_string();
    let title = matter.title.clone().or(heading).unwrap_or(stem);
    // A note that is only a heading keeps it as its text too: an entry needs a body.
    let body = if body.is_empty() { title.clone() } else { body };
    Ok(Candidate {
        source_key: content_key("markdown", &[&file.name, &file.text]),
        origin: file.name.clone(),
        draft: EntryDraft {
            kind: Some("diary".into()),
            title: Some(title),
            occurred_on: Some(day.to_string()),
            occurred_at: time,
            body: Some(body),
            tags: matter.tags,
            ..EntryDraft::default()
        },
    })
}

/// Parses every Markdown file of an upload.
pub fn parse(upload: &Upload) -> AppResult<Parsed> {
    let mut parsed = Parsed {
        format: SourceFormat::Markdown,
        file: upload.name.clone(),
        entries: Vec::new(),
        cases: Vec::new(),
        topics: Vec::new(),
        documents: Vec::new(),
        histories: Vec::new(),
        events: Vec::new(),
        skipped: Vec::new(),
    };
    let mut other = upload.binary.len();
    for file in &upload.files {
        if is_markdown(&file.name) {
            parsed.entries.push(candidate(file)?);
        } else {
            other += 1;
        }
    }
    if other > 0 {
        parsed.skipped.push(format!(
            "{other} file(s) that are not Markdown (pictures, attachments): Praxis keeps text only."
        ));
    }
    if parsed.entries.is_empty() {
        return Err(refused(format!("{} holds no Markdown file.", upload.name)));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_front_matter_then_the_name_then_the_modification_time() {
        let file = |name: &str, text: &str| SourceFile {
            name: name.into(),
            text: text.into(),
            modified: NaiveDate::from_ymd_opt(2020, 5, 6).and_then(|day| day.and_hms_opt(7, 8, 9)),
        };
        let dated = candidate(&file(
            "notes/2024-03-01 visit.md",
            "---\ndate: 2023-02-01 09:30\n---\n# Visit\nText",
        ))
        .unwrap();
        assert_eq!(dated.draft.occurred_on.as_deref(), Some("2023-02-01"));
        assert_eq!(dated.draft.occurred_at.as_deref(), Some("09:30"));
        assert_eq!(dated.draft.title.as_deref(), Some("Visit"));
        assert_eq!(dated.draft.body.as_deref(), Some("Text"));
        let named = candidate(&file("notes/2024-03-01 visit.md", "Text")).unwrap();
        assert_eq!(named.draft.occurred_on.as_deref(), Some("2024-03-01"));
        assert_eq!(named.draft.title.as_deref(), Some("2024-03-01 visit"));
        let changed = candidate(&file("visit.md", "Text")).unwrap();
        assert_eq!(changed.draft.occurred_on.as_deref(), Some("2020-05-06"));
    }
}
