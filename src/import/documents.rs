//! The documents of a Praxis export that needed another party: supervision agreements and
//! records, placements, learning agreements and reviews. Their signatures cannot be made
//! again here, so each becomes a read-only copy (`crate::imported`) whose text says who
//! signed it and when; copies the export already held come back as they were, keeping
//! their source key so that moving on twice is noticed too.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use serde_json::Value;

use super::content_key;
use crate::export::markdown::document;
use crate::imported::{ImportedDraft, ImportedKind};
use crate::platform::clock;

/// A supervision pair as exported.
#[derive(Debug, Deserialize)]
pub struct Pair {
    supervisor: String,
    supervisee: String,
    #[serde(default)]
    agreement: Option<Value>,
    #[serde(default)]
    records: Vec<Value>,
}

/// A copy held in the export already (an earlier import), as exported.
#[derive(Debug, Deserialize)]
pub struct HeldCopy {
    kind: ImportedKind,
    title: String,
    #[serde(default)]
    occurred_on: Option<NaiveDate>,
    body: String,
    source_key: String,
    #[serde(default)]
    original: Value,
}

fn text_of(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::to_string)
}

fn date_of(value: &Value, field: &str) -> Option<NaiveDate> {
    text_of(value, field).and_then(|day| day.parse().ok())
}

/// A person as an export names them: a username, or an object with a username and name.
fn person(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(username)) => username.clone(),
        Some(object @ Value::Object(_)) => {
            match (text_of(object, "name"), text_of(object, "username")) {
                (Some(name), Some(username)) if name != username => format!("{name} ({username})"),
                (_, Some(username)) => username,
                (Some(name), None) => name,
                (None, None) => "someone".into(),
            }
        }
        _ => "someone".into(),
    }
}

/// One signature line: who signed in which part, and when, in the configured zone.
fn signature_line(part: &str, who: &str, signed_at: Option<&str>) -> String {
    let when = signed_at.and_then(|text| {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
            .ok()
            .map(|at| clock::local(at).format("%d %B %Y at %H:%M %Z").to_string())
            .or_else(|| Some(text.to_string()))
    });
    match when {
        Some(when) => format!("- Signed by the {part}, {who}, on {when}.\n"),
        None => format!("- Not signed by the {part}, {who}.\n"),
    }
}

/// The copy's text: the signatures first, then every field of the document.
fn body(value: &Value, signers: &[(&str, &str, String)]) -> String {
    let mut text = String::from("## Signatures\n\n");
    for (part, field, who) in signers {
        text.push_str(&signature_line(
            part,
            who,
            value.get(*field).and_then(Value::as_str),
        ));
    }
    text.push('\n');
    text.push_str(&document("The document", value).replacen("# ", "## ", 1));
    text
}

fn copy(
    kind: ImportedKind,
    title: String,
    occurred_on: Option<NaiveDate>,
    value: &Value,
    signers: &[(&str, &str, String)],
) -> ImportedDraft {
    ImportedDraft {
        kind,
        title,
        occurred_on,
        body: body(value, signers),
        original: value.clone(),
        source_key: content_key("praxis-document", &[kind.as_str(), &value.to_string()]),
    }
}

/// The copies of a supervision pair's agreement and records.
pub fn supervision(pair: &Pair) -> Vec<ImportedDraft> {
    let between = format!("{} and {}", pair.supervisor, pair.supervisee);
    let signers = [
        (
            "supervisor",
            "supervisor_signed_at",
            pair.supervisor.clone(),
        ),
        (
            "supervisee",
            "supervisee_signed_at",
            pair.supervisee.clone(),
        ),
    ];
    let mut copies = Vec::new();
    if let Some(agreement) = &pair.agreement {
        copies.push(copy(
            ImportedKind::SupervisionAgreement,
            format!("Supervision agreement between {between}"),
            date_of(agreement, "starts_on"),
            agreement,
            &signers,
        ));
    }
    for record in &pair.records {
        copies.push(copy(
            ImportedKind::SupervisionRecord,
            format!("Supervision record between {between}"),
            date_of(record, "held_on"),
            record,
            &signers,
        ));
    }
    copies
}

/// The copies of a placement: its outline with days, evidence and observations, and its
/// learning agreement and each review on their own, as each was signed on its own.
pub fn placement(exported: &Value) -> Vec<ImportedDraft> {
    let mut outline = exported.get("placement").cloned().unwrap_or(Value::Null);
    // The student's export nests the agreement and reviews in the placement; an educator's
    // beside it.
    let take = |outline: &mut Value, field: &str| {
        outline
            .as_object_mut()
            .and_then(|fields| fields.remove(field))
            .or_else(|| exported.get(field).cloned())
            .unwrap_or(Value::Null)
    };
    let agreement = take(&mut outline, "agreement");
    let reviews = take(&mut outline, "reviews");
    let setting = text_of(&outline, "setting").unwrap_or_else(|| "a setting".into());
    let signers = [
        (
            "student",
            "student_signed_at",
            person(outline.get("student")),
        ),
        (
            "practice educator",
            "educator_signed_at",
            person(outline.get("educator")),
        ),
    ];
    let mut copies = vec![copy(
        ImportedKind::Placement,
        format!("Placement at {setting}"),
        date_of(&outline, "starts_on"),
        &outline,
        &[],
    )];
    if agreement.is_object() {
        let day = text_of(&agreement, "updated_at")
            .and_then(|at| at.get(..10).and_then(|day| day.parse().ok()));
        copies.push(copy(
            ImportedKind::LearningAgreement,
            format!("Learning agreement, placement at {setting}"),
            day.or_else(|| date_of(&outline, "starts_on")),
            &agreement,
            &signers,
        ));
    }
    for review in reviews.as_array().into_iter().flatten() {
        let stage = text_of(review, "stage").unwrap_or_else(|| "placement".into());
        let day = text_of(review, "updated_at")
            .and_then(|at| at.get(..10).and_then(|day| day.parse().ok()));
        copies.push(copy(
            ImportedKind::PlacementReview,
            format!("{} review, placement at {setting}", capitalised(&stage)),
            day,
            review,
            &signers,
        ));
    }
    copies
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A copy the export held already, as it was.
pub fn held(copy: HeldCopy) -> ImportedDraft {
    ImportedDraft {
        kind: copy.kind,
        title: copy.title,
        occurred_on: copy.occurred_on,
        body: copy.body,
        original: copy.original,
        source_key: copy.source_key,
    }
}
