//! The one function that turns a record into a search document, used both for updates from
//! the outbox and for full rebuilds.

use chrono::NaiveDate;
use tantivy::TantivyDocument;

use super::schema::SearchFields;
use super::tag_key::tag_key;
use crate::journal::model::{EntryView, Visibility};

/// Kinds of record in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordType {
    /// A journal entry.
    Entry,
    /// A supervision record.
    Supervision,
}

impl RecordType {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entry => "entry",
            Self::Supervision => "supervision",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "entry" => Some(Self::Entry),
            "supervision" => Some(Self::Supervision),
            _ => None,
        }
    }
}

/// The term identifying one record in the index.
pub fn key(record_type: RecordType, id: i32) -> String {
    format!("{}:{id}", record_type.as_str())
}

/// Days since 1970-01-01, the index's form of a date.
pub fn day_number(day: NaiveDate) -> i64 {
    (day - NaiveDate::default()).num_days()
}

/// The search document of an entry. Entries in the bin are not indexed (`None`).
pub fn entry_document(fields: &SearchFields, entry: &EntryView) -> Option<TantivyDocument> {
    if entry.deleted_at.is_some() {
        return None;
    }
    let mut document = fields.document();
    document.add_text(fields.key, key(RecordType::Entry, entry.id));
    document.add_text(fields.record_type, RecordType::Entry.as_str());
    document.add_u64(fields.record_id, id_number(entry.id));
    let author = id_number(entry.author_id);
    document.add_u64(fields.readers, author);
    document.add_u64(fields.author, author);
    if entry.visibility == Visibility::Supervisor {
        document.add_u64(fields.shared_by, author);
    }
    document.add_text(fields.kind, entry.kind.as_str());
    for case in &entry.cases {
        document.add_u64(fields.case, id_number(case.id));
    }
    for tag in &entry.tags {
        document.add_text(fields.tag, tag_key(&tag.code, tag.owner_id));
    }
    document.add_u64(fields.tag_count, entry.tags.len() as u64);
    document.add_i64(fields.day, day_number(entry.occurred_on));
    let links: Vec<&str> = entry
        .cases
        .iter()
        .map(|case| case.reference.as_str())
        .chain(entry.tags.iter().map(|tag| tag.code.as_str()))
        .collect();
    add_texts(
        &mut document,
        fields,
        &entry.title,
        &body_text(entry),
        &links.join(" "),
    );
    Some(document)
}

/// Row ids are positive; the index stores them as u64.
pub fn id_number(id: i32) -> u64 {
    u64::try_from(id).unwrap_or_default()
}

/// Everything written in an entry, in reading order, as one text.
pub fn body_text(entry: &EntryView) -> String {
    let mut parts: Vec<&str> = vec![entry.body.as_str()];
    for section in &entry.sections {
        parts.push(&section.title);
        parts.push(&section.body);
    }
    if let Some(cpd) = &entry.cpd {
        parts.extend([
            cpd.activity_type.as_str(),
            cpd.description.as_str(),
            cpd.learning.as_str(),
            cpd.impact.as_str(),
        ]);
        if let Some(reflection) = &cpd.peer_reflection {
            parts.push(reflection);
        }
    }
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The search document of a supervision record: readable by its two parties; one about a
/// student's placement names the student, for whoever educates them at query time.
pub fn supervision_document(
    fields: &SearchFields,
    record: &crate::supervision::view::SessionView,
) -> TantivyDocument {
    let row = &record.row;
    let mut document = fields.document();
    document.add_text(fields.key, key(RecordType::Supervision, row.id));
    document.add_text(fields.record_type, RecordType::Supervision.as_str());
    document.add_u64(fields.record_id, id_number(row.id));
    document.add_u64(fields.readers, id_number(row.supervisor_id));
    document.add_u64(fields.readers, id_number(row.supervisee_id));
    if row.about_placement {
        document.add_u64(fields.placement_of, id_number(row.supervisee_id));
    }
    document.add_u64(fields.author, id_number(row.supervisee_id));
    document.add_text(fields.kind, RecordType::Supervision.as_str());
    document.add_u64(fields.tag_count, 0);
    document.add_i64(fields.day, day_number(row.held_on));
    let title = format!("Supervision {}", row.held_on.format("%d %B %Y"));
    let mut body: Vec<String> = record
        .parts()
        .into_iter()
        .map(|(_, _, text, _)| text)
        .collect();
    for case in &record.cases {
        for part in ["update", "risks", "strengths", "decision"] {
            body.push(record.current(&format!("case:{}:{part}", case.id)));
        }
    }
    body.extend(
        record
            .actions
            .iter()
            .map(|action| action.description.clone()),
    );
    body.retain(|text| !text.trim().is_empty());
    let references: Vec<&str> = record
        .cases
        .iter()
        .map(|case| case.case_reference.as_str())
        .collect();
    add_texts(
        &mut document,
        fields,
        &title,
        &body.join("\n\n"),
        &references.join(" "),
    );
    document
}

/// The searchable text of a record: stemmed by field, and once more as written.
fn add_texts(
    document: &mut TantivyDocument,
    fields: &SearchFields,
    title: &str,
    body: &str,
    links: &str,
) {
    document.add_text(fields.title, title);
    document.add_text(fields.body, body);
    document.add_text(fields.links, links);
    document.add_text(fields.words, format!("{title}\n{body}\n{links}"));
}
