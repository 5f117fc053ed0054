//! The session record form: what the browser sends, and what the page shows.

use rocket::form::FromForm;

use crate::supervision::model::{
    ActionDraft, ActionReviewDraft, CaseDiscussionDraft, Function, SessionDraft,
};

/// Four checkboxes, one per 4x4x4 function.
#[derive(Debug, Clone, Default, FromForm)]
pub struct FunctionBoxes {
    management: bool,
    development: bool,
    support: bool,
    mediation: bool,
}

impl FunctionBoxes {
    fn names(&self) -> Vec<String> {
        [
            (self.management, Function::Management),
            (self.development, Function::Development),
            (self.support, Function::Support),
            (self.mediation, Function::Mediation),
        ]
        .into_iter()
        .filter(|(ticked, _)| *ticked)
        .map(|(_, function)| function.as_str().to_string())
        .collect()
    }
}

/// A case discussion's fields.
#[derive(Debug, Clone, Default, FromForm)]
pub struct CaseFields {
    case_reference: Option<String>,
    update: Option<String>,
    risks: Option<String>,
    strengths: Option<String>,
    decision: Option<String>,
    functions: FunctionBoxes,
}

/// A review of an earlier action.
#[derive(Debug, Clone, Default, FromForm)]
pub struct ReviewFields {
    action_id: Option<i32>,
    outcome: Option<String>,
    reason: Option<String>,
}

/// A new action.
#[derive(Debug, Clone, Default, FromForm)]
pub struct ActionFields {
    id: Option<i32>,
    description: Option<String>,
    owner: Option<String>,
    due_on: Option<String>,
}

/// The session form's fields, exactly as sent.
#[derive(Debug, Clone, Default, FromForm)]
pub struct SessionForm {
    held_on: Option<String>,
    starts_at: Option<String>,
    duration_minutes: Option<String>,
    session_type: Option<String>,
    attendees: Option<String>,
    about_placement: bool,
    agenda: Option<String>,
    agenda_functions: FunctionBoxes,
    workload: Option<String>,
    workload_functions: FunctionBoxes,
    wellbeing: Option<String>,
    wellbeing_functions: FunctionBoxes,
    development: Option<String>,
    development_functions: FunctionBoxes,
    case_discussions: Vec<CaseFields>,
    action_reviews: Vec<ReviewFields>,
    actions: Vec<ActionFields>,
    next_session_on: Option<String>,
    /// The writer confirms the confidentiality guard's findings.
    pub confirm_privacy: bool,
    /// `add_case` or `add_action`: show the form again with one more empty row.
    pub action: Option<String>,
    /// The version of the record the form was opened on (editing only).
    pub version: Option<String>,
}

impl SessionForm {
    /// The draft the form describes (a length that is not a number is left for the checks
    /// to name), with an extra empty row when one was asked for.
    pub fn into_draft(self) -> (SessionDraft, Option<crate::error::FieldErrors>) {
        let mut errors = crate::error::FieldErrors::new();
        let duration_minutes = self
            .duration_minutes
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .and_then(|text| {
                text.parse::<i32>()
                    .map_err(|_| {
                        errors.add("duration_minutes", "Give the length in minutes, e.g. 90.")
                    })
                    .ok()
            });
        let mut draft = SessionDraft {
            held_on: self.held_on,
            starts_at: self.starts_at,
            duration_minutes,
            session_type: self.session_type,
            attendees: self.attendees,
            about_placement: Some(self.about_placement),
            agenda: self.agenda,
            agenda_functions: self.agenda_functions.names(),
            workload: self.workload,
            workload_functions: self.workload_functions.names(),
            wellbeing: self.wellbeing,
            wellbeing_functions: self.wellbeing_functions.names(),
            development: self.development,
            development_functions: self.development_functions.names(),
            case_discussions: self
                .case_discussions
                .into_iter()
                .map(|case| CaseDiscussionDraft {
                    case_reference: case.case_reference,
                    update: case.update,
                    risks: case.risks,
                    strengths: case.strengths,
                    decision: case.decision,
                    functions: case.functions.names(),
                })
                .collect(),
            action_reviews: self
                .action_reviews
                .into_iter()
                .filter_map(|review| {
                    review.action_id.map(|action_id| ActionReviewDraft {
                        action_id,
                        outcome: review.outcome,
                        reason: review.reason,
                    })
                })
                .collect(),
            actions: self
                .actions
                .into_iter()
                .map(|action| ActionDraft {
                    id: action.id,
                    description: action.description,
                    owner: action.owner,
                    due_on: action.due_on,
                })
                .collect(),
            next_session_on: self.next_session_on,
        };
        match self.action.as_deref() {
            Some("add_case") => draft.case_discussions.push(CaseDiscussionDraft::default()),
            Some("add_action") => draft.actions.push(ActionDraft::default()),
            _ => {}
        }
        (draft, (!errors.is_empty()).then_some(errors))
    }
}

/// Whether a list of function names includes `function` (for ticking boxes).
pub fn ticks(names: &[String], function: &str) -> bool {
    names.iter().any(|name| name == function)
}
