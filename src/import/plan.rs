//! What an import will do, worked out without writing anything: which entries are new and
//! which were imported before, their dates, where each tag goes, which cases and topics will
//! be created, what the confidentiality guard finds and what is left out. The preview shows
//! this plan and [`super::apply`] carries out the same plan, so the two cannot differ.

use crate::platform::db::DbConnection;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;

use super::history::{EntryHistory, EventCandidate};
use super::tags::{TagMapper, TagTarget};
use super::{Parsed, SourceFormat, refused};
use crate::cases::model::CaseDraft;
use crate::cases::service as cases;
use crate::deadlines::service::check_event;
use crate::deadlines::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::imported::service as imported;
use crate::imported::{ImportedDraft, ImportedKind};
use crate::journal::model::EntryDraft;
use crate::journal::validate;
use crate::platform::auth::Actor;
use crate::platform::db::schema::import_sources;
use crate::platform::privacy::scan_all;

/// An entry ready to write: tags mapped to codes, private.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The source key to remember.
    pub source_key: String,
    /// Where it came from, for messages.
    pub origin: String,
    /// The entry.
    pub draft: EntryDraft,
}

/// A likely identifier the guard found in an entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Where the entry came from.
    pub origin: String,
    /// The field.
    pub field: String,
    /// What it looks like.
    pub kind: String,
    /// The text found.
    pub found: String,
}

/// The plan of one import.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The format read.
    pub format: SourceFormat,
    /// The upload's name.
    pub file: String,
    /// Entries to create, in the file's order.
    pub entries: Vec<Prepared>,
    /// Entries imported before (or twice in the file), left alone.
    pub already_imported: usize,
    /// The first and last day of the new entries.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// Topics to add: code to title and summary.
    pub new_topics: BTreeMap<String, (String, String)>,
    /// Tags used that exist already, by code.
    pub existing_tags: BTreeSet<String>,
    /// Cases to create.
    pub new_cases: Vec<CaseDraft>,
    /// Documents that needed another party, to keep as read-only copies, in the file's order.
    pub read_only: Vec<ImportedDraft>,
    /// Earlier versions kept with the new entries.
    pub revisions: usize,
    /// Events to record on cases, in date order.
    pub events: Vec<EventCandidate>,
    /// What the confidentiality guard found.
    pub findings: Vec<Finding>,
    /// What is left out and why.
    pub skipped: Vec<String>,
}

impl Plan {
    /// How many read-only copies of each kind will be kept, in the kinds' order.
    pub fn read_only_counts(&self) -> Vec<(ImportedKind, usize)> {
        ImportedKind::ALL
            .iter()
            .map(|kind| {
                let count = self
                    .read_only
                    .iter()
                    .filter(|copy| copy.kind == *kind)
                    .count();
                (*kind, count)
            })
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}

/// Names the entry and field of the first problem, so that the person can find it.
pub fn name_problem(origin: &str, error: AppError) -> AppError {
    match error {
        AppError::Invalid(errors) => {
            let detail: Vec<String> = errors
                .iter()
                .map(|error| format!("{}: {}", error.field, error.message))
                .collect();
            refused(format!("{origin}: {}", detail.join("; ")))
        }
        other => other,
    }
}

fn imported_keys(conn: &mut DbConnection, person: &Actor) -> AppResult<HashSet<String>> {
    Ok(import_sources::table
        .filter(import_sources::user_id.eq(person.user_id))
        .select(import_sources::source_key)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

/// The file's entry histories by the source key of their entry.
pub fn histories(parsed: &Parsed) -> HashMap<&str, &EntryHistory> {
    parsed
        .histories
        .iter()
        .map(|history| (history.entry_key.as_str(), history))
        .collect()
}

/// Works out the plan of importing `parsed` for `person`.
pub fn build(
    conn: &mut DbConnection,
    person: &Actor,
    parsed: &Parsed,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Plan> {
    let mut seen = imported_keys(conn, person)?;
    let mapper = TagMapper::load(conn, person)?;
    let held: HashSet<String> = cases::list(conn, person, None)?
        .into_iter()
        .map(|case| case.reference.to_lowercase())
        .collect();
    let mut plan = Plan {
        format: parsed.format,
        file: parsed.file.clone(),
        entries: Vec::new(),
        already_imported: 0,
        dates: None,
        new_topics: BTreeMap::new(),
        existing_tags: BTreeSet::new(),
        new_cases: Vec::new(),
        read_only: Vec::new(),
        revisions: 0,
        events: Vec::new(),
        findings: Vec::new(),
        skipped: parsed.skipped.clone(),
    };
    let note_tag = |plan: &mut Plan, target: &TagTarget| match target {
        TagTarget::Existing(code) => {
            plan.existing_tags.insert(code.clone());
        }
        TagTarget::NewTopic { title, code } => {
            plan.new_topics
                .entry(code.clone())
                .or_insert_with(|| (title.clone(), String::new()));
        }
    };
    // Topics the file describes come first, so that they keep their own title and summary.
    for (title, summary) in &parsed.topics {
        if let Some(TagTarget::NewTopic { title, code }) = mapper.map(title) {
            plan.new_topics.insert(code, (title, summary.clone()));
        }
    }
    let histories = histories(parsed);
    let mut unusable_tags = BTreeSet::new();
    let mut referenced_cases: Vec<String> = Vec::new();
    for candidate in &parsed.entries {
        if !seen.insert(candidate.source_key.clone()) {
            plan.already_imported += 1;
            continue;
        }
        let mut draft = candidate.draft.clone();
        draft.visibility = Some("private".into());
        let mut codes = Vec::new();
        for raw in &candidate.draft.tags {
            match mapper.map(raw) {
                Some(target) => {
                    note_tag(&mut plan, &target);
                    if !codes.iter().any(|code: &String| code == target.code()) {
                        codes.push(target.code().to_string());
                    }
                }
                None => {
                    unusable_tags.insert(raw.clone());
                }
            }
        }
        draft.tags = codes;
        let input = validate::validate(&draft, today)
            .map_err(|errors| name_problem(&candidate.origin, AppError::Invalid(errors)))?;
        plan.dates = Some(match plan.dates {
            None => (input.occurred_on, input.occurred_on),
            Some((first, last)) => (first.min(input.occurred_on), last.max(input.occurred_on)),
        });
        for (field, text) in draft.texts() {
            for warning in scan_all([(field.as_str(), text)]) {
                plan.findings.push(Finding {
                    origin: candidate.origin.clone(),
                    field: warning.field,
                    kind: warning.kind.label().to_string(),
                    found: warning.found,
                });
            }
        }
        referenced_cases.extend(draft.cases.iter().cloned());
        let versions = histories
            .get(candidate.source_key.as_str())
            .map_or(&[][..], |history| history.versions.as_slice());
        for (number, (_, version)) in versions.iter().enumerate() {
            validate::validate(version, today).map_err(|errors| {
                let origin = format!("{}, earlier version {}", candidate.origin, number + 1);
                name_problem(&origin, AppError::Invalid(errors))
            })?;
            plan.revisions += 1;
        }
        plan.entries.push(Prepared {
            source_key: candidate.source_key.clone(),
            origin: candidate.origin.clone(),
            draft,
        });
    }
    for (index, copy) in parsed.documents.iter().enumerate() {
        if !seen.insert(copy.source_key.clone()) {
            plan.already_imported += 1;
            continue;
        }
        let origin = format!("{}, {} ({})", parsed.file, copy.title, index + 1);
        imported::check(copy).map_err(|error| name_problem(&origin, error))?;
        for warning in scan_all([("body", copy.body.as_str())]) {
            plan.findings.push(Finding {
                origin: origin.clone(),
                field: warning.field,
                kind: warning.kind.label().to_string(),
                found: warning.found,
            });
        }
        plan.read_only.push(copy.clone());
    }
    for event in &parsed.events {
        if !seen.insert(event.source_key.clone()) {
            plan.already_imported += 1;
            continue;
        }
        check_event(timescales, &event.draft, today)
            .map_err(|errors| name_problem(&event.origin, AppError::Invalid(errors)))?;
        referenced_cases.push(event.reference.clone());
        plan.events.push(event.clone());
    }
    let mut planned: HashSet<String> = HashSet::new();
    let described = parsed.cases.iter().cloned();
    let bare = referenced_cases.into_iter().map(|reference| CaseDraft {
        reference: Some(reference),
        category: Some("other".into()),
        opened_on: None,
        ..CaseDraft::default()
    });
    for case in described.chain(bare) {
        let Some(reference) = case.reference.clone() else {
            continue;
        };
        let key = reference.trim().to_lowercase();
        if !held.contains(&key) && planned.insert(key) {
            plan.new_cases.push(case);
        }
    }
    if !unusable_tags.is_empty() {
        plan.skipped.push(format!(
            "Tags with fewer than two letters or digits: {}.",
            unusable_tags.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(plan)
}
