//! Checking an entry draft. Every problem is named against its field; nothing is stored
//! until the whole draft is valid.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::cpd_activity::CpdActivity;
use super::model::{CpdDraft, CpdRecord, EntryDraft, EntryInput, EntryKind, Visibility};
use super::reflective::ReflectiveModel;
use crate::error::FieldErrors;
use crate::platform::input::{check_length, parse_date, parse_date_on, parse_time, trimmed};
use crate::platform::markdown;

/// Longest title.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest body.
pub const MAX_BODY_CHARS: usize = 100_000;
/// Longest reflective section.
pub const MAX_SECTION_CHARS: usize = 50_000;
/// Longest description of an activity of kind "other".
pub const MAX_CPD_WORDS_CHARS: usize = 200;
/// Longest CPD text field.
pub const MAX_CPD_FIELD_CHARS: usize = 20_000;
/// Most cases or tags on one entry.
pub const MAX_LINKS: usize = 50;
/// Most CPD hours in one record.
pub const MAX_CPD_HOURS: f64 = 1000.0;
/// Length of a title derived from a diary note's first words.
const DERIVED_TITLE_CHARS: usize = 60;

/// Checks a draft; `today` bounds `occurred_on` and is its default.
pub fn validate(draft: &EntryDraft, today: NaiveDate) -> Result<EntryInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let kind = match trimmed(draft.kind.as_deref()) {
        None => Some(EntryKind::Diary),
        Some(text) => EntryKind::parse(&text).or_else(|| {
            errors.add(
                "kind",
                format!("Unknown kind {text:?}; use one of {}.", EntryKind::names()),
            );
            None
        }),
    };
    let body = draft.body.clone().unwrap_or_default();
    check_length("body", &body, MAX_BODY_CHARS, &mut errors);
    let occurred_on = occurred_on(draft, today, &mut errors);
    let occurred_at = trimmed(draft.occurred_at.as_deref())
        .and_then(|text| parse_time("occurred_at", &text, &mut errors));
    let (model, sections) = model_and_sections(draft, kind, &mut errors);
    let cpd = cpd_record(draft.cpd.as_ref(), kind, &mut errors);
    let title = title(draft, kind, &body, occurred_on, &mut errors);
    if kind == Some(EntryKind::Diary) && body.trim().is_empty() {
        errors.add("body", "Write the note.");
    }
    if kind == Some(EntryKind::Reflection) && body.trim().is_empty() && sections.is_empty() {
        errors.add(
            "body",
            "Write the reflection, or at least one of its sections.",
        );
    }
    if let Some(mood) = draft.mood
        && !(1..=5).contains(&mood)
    {
        errors.add("mood", "Mood runs from 1 (low) to 5 (good).");
    }
    let visibility = match trimmed(draft.visibility.as_deref()) {
        None => Some(Visibility::Private),
        Some(text) => Visibility::parse(&text).or_else(|| {
            errors.add("visibility", "Use private or supervisor.");
            None
        }),
    };
    let revisit_on = revisit_on(draft, kind, today, &mut errors);
    let cases = links("cases", &draft.cases, &mut errors);
    let tags = links("tags", &draft.tags, &mut errors);
    match (kind, visibility, occurred_on) {
        (Some(kind), Some(visibility), Some(occurred_on)) if errors.is_empty() => Ok(EntryInput {
            kind,
            title,
            occurred_on,
            occurred_at,
            body,
            model,
            sections,
            cpd,
            mood: draft.mood,
            visibility,
            for_supervision: draft.for_supervision.unwrap_or(false),
            cases,
            tags,
            revisit_on,
        }),
        _ => Err(errors),
    }
}

/// The revisit date, which only a reflection's action plan carries.
fn revisit_on(
    draft: &EntryDraft,
    kind: Option<EntryKind>,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    let text = trimmed(draft.revisit_on.as_deref())?;
    if kind != Some(EntryKind::Reflection) {
        errors.add(
            "revisit_on",
            "Only a reflection carries a revisit date; leave it empty for this kind.",
        );
        return None;
    }
    parse_date_on("revisit_on", &text, today, errors)
}

fn occurred_on(
    draft: &EntryDraft,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    let date = match trimmed(draft.occurred_on.as_deref()) {
        None => return Some(today),
        Some(text) => parse_date("occurred_on", &text, errors)?,
    };
    // A day's grace covers a worker writing just after midnight in another time zone.
    if today
        .checked_add_days(Days::new(1))
        .is_some_and(|limit| date > limit)
    {
        errors.add(
            "occurred_on",
            "An entry records what has happened; the date is in the future.",
        );
        return None;
    }
    Some(date)
}

fn title(
    draft: &EntryDraft,
    kind: Option<EntryKind>,
    body: &str,
    occurred_on: Option<NaiveDate>,
    errors: &mut FieldErrors,
) -> String {
    if let Some(title) = trimmed(draft.title.as_deref()) {
        check_length("title", &title, MAX_TITLE_CHARS, errors);
        return title;
    }
    if kind != Some(EntryKind::Diary) {
        errors.add("title", "Give it a title.");
        return String::new();
    }
    derived_title(body, occurred_on)
}

/// A diary note's title when none was given: its first words, or its date.
pub fn derived_title(body: &str, occurred_on: Option<NaiveDate>) -> String {
    let text = markdown::plain_text(body);
    if text.is_empty() {
        return occurred_on.map_or_else(|| "Note".to_string(), |day| format!("Note, {day}"));
    }
    let mut title: String = text.chars().take(DERIVED_TITLE_CHARS).collect();
    if text.chars().count() > DERIVED_TITLE_CHARS {
        if let Some(space) = title.rfind(' ') {
            title.truncate(space);
        }
        title.push('…');
    }
    title
}

fn model_and_sections(
    draft: &EntryDraft,
    kind: Option<EntryKind>,
    errors: &mut FieldErrors,
) -> (Option<ReflectiveModel>, BTreeMap<String, String>) {
    let model = trimmed(draft.model.as_deref()).and_then(|text| {
        ReflectiveModel::parse(&text).or_else(|| {
            errors.add("model", "Use gibbs, kolb, driscoll, schon or johns.");
            None
        })
    });
    if model.is_some() && kind != Some(EntryKind::Reflection) {
        errors.add("model", "Only reflections follow a reflective model.");
    }
    let written: BTreeMap<String, String> = draft
        .sections
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(stage, text)| (stage.clone(), text.clone()))
        .collect();
    match model {
        None if !written.is_empty() => {
            errors.add("sections", "Choose a reflective model for these sections.");
        }
        Some(model) => {
            for (stage, text) in &written {
                let field = format!("sections.{stage}");
                if model.stage(stage).is_none() {
                    errors.add(
                        field,
                        format!("{} has no stage called {stage:?}.", model.label()),
                    );
                } else {
                    check_length(&field, text, MAX_SECTION_CHARS, errors);
                }
            }
        }
        None => {}
    }
    (model, written)
}

fn cpd_record(
    cpd: Option<&CpdDraft>,
    kind: Option<EntryKind>,
    errors: &mut FieldErrors,
) -> Option<CpdRecord> {
    if kind != Some(EntryKind::Cpd) {
        if cpd.is_some() {
            errors.add("cpd", "CPD fields belong to CPD records only.");
        }
        return None;
    }
    let empty = CpdDraft::default();
    let cpd = cpd.unwrap_or(&empty);
    let (activity, activity_type) = activity(cpd, errors);
    let mut required = |field: &str, value: &Option<String>, missing: &str| -> String {
        let name = format!("cpd.{field}");
        match trimmed(value.as_deref()) {
            Some(text) => {
                check_length(&name, &text, MAX_CPD_FIELD_CHARS, errors);
                text
            }
            None => {
                errors.add(name, missing);
                String::new()
            }
        }
    };
    let description = required(
        "description",
        &cpd.description,
        "Describe it briefly and say why it is relevant.",
    );
    let learning = required("learning", &cpd.learning, "Say what you learnt.");
    let impact = required(
        "impact",
        &cpd.impact,
        "Say what impact it had on your practice and on people.",
    );
    let peer_role = trimmed(cpd.peer_role.as_deref());
    let peer_reflection = trimmed(cpd.peer_reflection.as_deref());
    if peer_reflection.is_some() && peer_role.is_none() {
        errors.add(
            "cpd.peer_role",
            "Name the peer's role (not their name), e.g. senior practitioner.",
        );
    }
    if let Some(text) = &peer_reflection {
        check_length("cpd.peer_reflection", text, MAX_CPD_FIELD_CHARS, errors);
    }
    let hours = match cpd.hours {
        Some(hours) if hours.is_finite() && hours > 0.0 && hours <= MAX_CPD_HOURS => hours,
        Some(_) => {
            errors.add(
                "cpd.hours",
                format!("Hours must be more than 0 and at most {MAX_CPD_HOURS}."),
            );
            0.0
        }
        None => {
            errors.add("cpd.hours", "Say how many hours it took (e.g. 1.5).");
            0.0
        }
    };
    Some(CpdRecord {
        entry_id: 0,
        activity,
        activity_type,
        description,
        learning,
        impact,
        peer_role,
        peer_reflection,
        hours,
    })
}

fn links(field: &str, values: &[String], errors: &mut FieldErrors) -> Vec<String> {
    let mut unique: Vec<String> = Vec::new();
    for value in values
        .iter()
        .map(|value| value.trim())
        .filter(|value| !value.is_empty())
    {
        if !unique.iter().any(|seen| seen.eq_ignore_ascii_case(value)) {
            unique.push(value.to_string());
        }
    }
    if unique.len() > MAX_LINKS {
        errors.add(field, format!("Link at most {MAX_LINKS}."));
    }
    unique
}

#[cfg(test)]
mod tests;

/// The kind of CPD activity and its words. A kind's words are its label, except `other`,
/// which keeps the writer's own (or says "Other"). Without a kind, free text that names one
/// is taken as it, and anything else as `other` in those words (older clients and exports).
fn activity(cpd: &CpdDraft, errors: &mut FieldErrors) -> (CpdActivity, String) {
    let words = trimmed(cpd.activity_type.as_deref());
    if let Some(text) = &words {
        check_length("cpd.activity_type", text, MAX_CPD_WORDS_CHARS, errors);
    }
    let kind = match trimmed(cpd.activity.as_deref()) {
        Some(name) => match CpdActivity::parse(&name) {
            Some(kind) => kind,
            None => {
                errors.add(
                    "cpd.activity",
                    format!(
                        "Unknown kind of activity {name:?}; use one of {}.",
                        CpdActivity::names()
                    ),
                );
                return (CpdActivity::Other, String::new());
            }
        },
        None => match &words {
            Some(text) => CpdActivity::from_text(text),
            None => {
                errors.add("cpd.activity", "Choose the kind of activity it was.");
                return (CpdActivity::Other, String::new());
            }
        },
    };
    let words = match (kind, words) {
        (CpdActivity::Other, Some(text)) => text,
        (kind, _) => kind.label().to_string(),
    };
    (kind, words)
}
