//! The entry form: what the browser sends, how it becomes a draft, and what the page shows.

use std::collections::{BTreeMap, HashMap};

use rocket::form::FromForm;

use crate::cases::model::Case;
use crate::error::FieldErrors;
use crate::journal::cpd_activity::CpdActivity;
use crate::journal::model::{CpdDraft, EntryDraft, EntryKind, Visibility};
use crate::journal::reflective::{ReflectiveModel, Stage};
use crate::legislation::Tag;
use crate::platform::input::trimmed;

/// The fields of the entry form, exactly as sent.
#[derive(Debug, Default, FromForm)]
pub struct EntryForm {
    kind: Option<String>,
    title: Option<String>,
    occurred_on: Option<String>,
    occurred_at: Option<String>,
    body: Option<String>,
    model: Option<String>,
    sections: HashMap<String, String>,
    cpd_activity: Option<String>,
    cpd_activity_type: Option<String>,
    cpd_description: Option<String>,
    cpd_learning: Option<String>,
    cpd_impact: Option<String>,
    cpd_peer_role: Option<String>,
    cpd_peer_reflection: Option<String>,
    cpd_hours: Option<String>,
    mood: Option<String>,
    visibility: Option<String>,
    for_supervision: bool,
    cases: Vec<String>,
    case_refs: Option<String>,
    tags: Vec<String>,
    tag_codes: Option<String>,
    revisit_on: Option<String>,
    /// The writer has seen the confidentiality findings and confirms the text.
    pub confirm_privacy: bool,
    /// `refresh` re-shows the form (after changing kind or model) without saving.
    pub action: Option<String>,
}

/// The parts of a picker box: split on commas, as the box says (a part may be words such
/// as "section 47" or part of a case label).
fn comma_parts(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .split([',', ';', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

impl EntryForm {
    /// Whether this submission only asks to re-show the form.
    pub fn is_refresh(&self) -> bool {
        self.action.as_deref() == Some("refresh")
    }

    /// The draft the form describes, and problems with values that are not even the right
    /// type (a mood that is not a number).
    pub fn into_draft(self) -> (EntryDraft, FieldErrors) {
        let mut errors = FieldErrors::new();
        let mood = trimmed(self.mood.as_deref()).and_then(|text| {
            text.parse::<i32>()
                .map_err(|_| errors.add("mood", "Choose a mood from 1 to 5, or none."))
                .ok()
        });
        let is_cpd = self.kind.as_deref() == Some(EntryKind::Cpd.as_str());
        let hours = trimmed(self.cpd_hours.as_deref()).and_then(|text| {
            text.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| errors.add("cpd.hours", "Give the hours as a number, e.g. 1.5."))
                .ok()
        });
        let cpd = is_cpd.then_some(CpdDraft {
            activity: self.cpd_activity,
            activity_type: self.cpd_activity_type,
            description: self.cpd_description,
            learning: self.cpd_learning,
            impact: self.cpd_impact,
            peer_role: self.cpd_peer_role,
            peer_reflection: self.cpd_peer_reflection,
            hours,
        });
        let mut cases = self.cases;
        cases.extend(comma_parts(self.case_refs.as_deref()));
        let mut tags = self.tags;
        tags.extend(comma_parts(self.tag_codes.as_deref()));
        let is_reflection = self.kind.as_deref() == Some(EntryKind::Reflection.as_str());
        let draft = EntryDraft {
            kind: self.kind,
            title: self.title,
            occurred_on: self.occurred_on,
            occurred_at: self.occurred_at,
            body: self.body,
            model: if is_reflection { self.model } else { None },
            sections: if is_reflection {
                self.sections.into_iter().collect()
            } else {
                BTreeMap::new()
            },
            cpd,
            mood,
            visibility: self.visibility,
            for_supervision: Some(self.for_supervision),
            cases,
            tags,
            // The form always shows the date it would save, so an empty box means none.
            revisit_on: is_reflection.then(|| self.revisit_on.unwrap_or_default()),
        };
        (draft, errors)
    }
}

/// One stage's box on the form.
#[derive(Debug, Clone)]
pub struct StageBox {
    /// Stage key (the field is `sections[key]`).
    pub key: &'static str,
    /// Stage name.
    pub title: &'static str,
    /// Prompt.
    pub prompt: &'static str,
    /// What is written.
    pub text: String,
}

/// A case the entry can be linked to.
#[derive(Debug, Clone)]
pub struct CaseChoice {
    /// Reference.
    pub reference: String,
    /// Label.
    pub label: String,
    /// Linked now.
    pub checked: bool,
}

/// A suggested tag (legislation mentioned in the text).
#[derive(Debug, Clone)]
pub struct Suggestion {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
}

/// Everything the entry form shows, as plain strings.
#[derive(Debug, Clone, Default)]
pub struct FormValues {
    /// Kind name.
    pub kind: String,
    /// Title.
    pub title: String,
    /// YYYY-MM-DD.
    pub occurred_on: String,
    /// HH:MM.
    pub occurred_at: String,
    /// Body.
    pub body: String,
    /// Model name or empty.
    pub model: String,
    /// The chosen model's stages.
    pub stages: Vec<StageBox>,
    /// The kind of CPD activity's wire name, or empty.
    pub cpd_activity: String,
    /// The activity in the writer's words (for "other").
    pub cpd_activity_type: String,
    /// CPD description.
    pub cpd_description: String,
    /// CPD learning.
    pub cpd_learning: String,
    /// CPD impact.
    pub cpd_impact: String,
    /// CPD peer role.
    pub cpd_peer_role: String,
    /// CPD peer reflection.
    pub cpd_peer_reflection: String,
    /// CPD hours.
    pub cpd_hours: String,
    /// Mood or empty.
    pub mood: String,
    /// Shared with supervisor.
    pub shared: bool,
    /// Flagged for supervision.
    pub for_supervision: bool,
    /// Cases to choose from.
    pub cases: Vec<CaseChoice>,
    /// References of the linked cases, comma-separated.
    pub case_refs: String,
    /// Tag codes, comma-separated.
    pub tag_codes: String,
    /// Legislation the text mentions that is not tagged yet.
    pub suggestions: Vec<Suggestion>,
    /// YYYY-MM-DD or empty: when to revisit a reflection's action plan.
    pub revisit_on: String,
}

impl FormValues {
    /// The values of a draft, with the worker's cases and the catalogue for choices.
    pub fn from_draft(
        draft: &EntryDraft,
        cases: &[Case],
        catalogue: &[Tag],
        suggested: &[String],
    ) -> Self {
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        let model = draft.model.as_deref().and_then(ReflectiveModel::parse);
        let stages = model
            .map(|model| {
                model
                    .stages()
                    .iter()
                    .map(|stage: &Stage| StageBox {
                        key: stage.key,
                        title: stage.title,
                        prompt: stage.prompt,
                        text: draft.sections.get(stage.key).cloned().unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let linked = |reference: &str| {
            draft
                .cases
                .iter()
                .any(|r| r.eq_ignore_ascii_case(reference))
        };
        let choices = cases
            .iter()
            .filter(|case| case.status.as_str() == "open" || linked(&case.reference))
            .map(|case| CaseChoice {
                reference: case.reference.clone(),
                label: case.label.clone().unwrap_or_default(),
                checked: linked(&case.reference),
            })
            .collect();
        let cpd = draft.cpd.clone().unwrap_or_default();
        let suggestions = suggested
            .iter()
            .filter(|code| !draft.tags.iter().any(|tag| tag.eq_ignore_ascii_case(code)))
            .filter_map(|code| catalogue.iter().find(|tag| &tag.code == code))
            .map(|tag| Suggestion {
                code: tag.code.clone(),
                title: tag.title.clone(),
            })
            .collect();
        Self {
            kind: draft
                .kind
                .clone()
                .unwrap_or_else(|| EntryKind::Diary.as_str().into()),
            title: text(&draft.title),
            occurred_on: text(&draft.occurred_on),
            occurred_at: text(&draft.occurred_at),
            body: text(&draft.body),
            model: model.map(|m| m.as_str().to_string()).unwrap_or_default(),
            stages,
            cpd_activity: text(&cpd.activity),
            // A kind's label is not the writer's words; only "other" keeps words of its own.
            cpd_activity_type: match cpd.activity.as_deref() {
                Some(name) if name != CpdActivity::Other.as_str() => String::new(),
                _ => text(&cpd.activity_type),
            },
            cpd_description: text(&cpd.description),
            cpd_learning: text(&cpd.learning),
            cpd_impact: text(&cpd.impact),
            cpd_peer_role: text(&cpd.peer_role),
            cpd_peer_reflection: text(&cpd.peer_reflection),
            cpd_hours: cpd.hours.map(|hours| hours.to_string()).unwrap_or_default(),
            mood: draft.mood.map(|mood| mood.to_string()).unwrap_or_default(),
            shared: draft.visibility.as_deref() == Some(Visibility::Supervisor.as_str()),
            for_supervision: draft.for_supervision.unwrap_or(false),
            cases: choices,
            case_refs: draft.cases.join(", "),
            tag_codes: draft.tags.join(", "),
            suggestions,
            revisit_on: text(&draft.revisit_on),
        }
    }
}
