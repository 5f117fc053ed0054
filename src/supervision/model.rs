//! Supervision's types: agreements, session records with their parts, actions, amendments
//! and comments.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::platform::db::schema::{
    supervision_actions, supervision_agreements, supervision_amendments,
    supervision_case_discussions, supervision_comments, supervision_sessions,
};
use crate::platform::text_enum::text_enum;

text_enum! {
    /// How often a pair meets.
    Frequency {
        /// Every week.
        Weekly => ("weekly", "Weekly"),
        /// Every two weeks.
        Fortnightly => ("fortnightly", "Fortnightly"),
        /// Every month.
        Monthly => ("monthly", "Monthly"),
        /// ASYE: weekly for 6 weeks, fortnightly to 6 months, then monthly.
        Asye => ("asye", "ASYE schedule (weekly for 6 weeks, fortnightly to 6 months, then monthly)"),
    }
}

text_enum! {
    /// What kind of session it was.
    SessionType {
        /// One to one.
        Individual => ("individual", "Individual"),
        /// With a group.
        Group => ("group", "Group"),
        /// With peers.
        Peer => ("peer", "Peer"),
        /// Unplanned.
        AdHoc => ("ad_hoc", "Ad hoc"),
    }
}

text_enum! {
    /// The four functions of supervision in the 4x4x4 model.
    Function {
        /// Management: accountability, workload, procedures.
        Management => ("management", "Management"),
        /// Development: learning, CPD, practice.
        Development => ("development", "Development"),
        /// Support: wellbeing, the emotional impact of the work.
        Support => ("support", "Support"),
        /// Mediation: between the worker, the organisation and partners.
        Mediation => ("mediation", "Mediation"),
    }
}

text_enum! {
    /// Where an action stands.
    ActionStatus {
        /// Still to do.
        Open => ("open", "Open"),
        /// Done.
        Done => ("done", "Done"),
        /// Dropped, with a reason.
        Dropped => ("dropped", "Dropped"),
    }
}

text_enum! {
    /// How a session reviewed an earlier action.
    ReviewOutcome {
        /// Still open, carried to the next session.
        CarriedForward => ("carried_forward", "Carried forward"),
        /// Done.
        Done => ("done", "Done"),
        /// Dropped.
        Dropped => ("dropped", "Dropped"),
    }
}

/// Functions stored as a comma-separated list, in the model's order.
pub fn functions_to_text(functions: &[Function]) -> String {
    Function::ALL
        .iter()
        .filter(|function| functions.contains(function))
        .map(|function| function.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Functions from their stored form; unknown names are ignored.
pub fn functions_from_text(text: &str) -> Vec<Function> {
    text.split(',')
        .filter_map(|name| Function::parse(name.trim()))
        .collect()
}

/// A supervision agreement row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_agreements)]
pub struct Agreement {
    /// Row id.
    pub id: i32,
    /// The supervisor or practice educator.
    pub supervisor_id: i32,
    /// The supervisee or student.
    pub supervisee_id: i32,
    /// Stored frequency.
    pub frequency: String,
    /// When the arrangement starts (for ASYE, the start of the year).
    pub starts_on: NaiveDate,
    /// Usual length in minutes.
    pub usual_minutes: i32,
    /// What happens when a session is cancelled.
    pub cancellation: String,
    /// What the supervisor undertakes.
    pub supervisor_expectations: String,
    /// What the supervisee undertakes.
    pub supervisee_expectations: String,
    /// When the supervisor signed this version.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisor_signed_at: Option<NaiveDateTime>,
    /// When the supervisee signed this version.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisee_signed_at: Option<NaiveDateTime>,
    /// Created.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl Agreement {
    /// The frequency, weekly if the stored name is unknown.
    pub fn frequency(&self) -> Frequency {
        Frequency::parse(&self.frequency).unwrap_or(Frequency::Weekly)
    }

    /// Whether both have signed this version.
    pub fn signed_by_both(&self) -> bool {
        self.supervisor_signed_at.is_some() && self.supervisee_signed_at.is_some()
    }
}

/// A session record row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = supervision_sessions)]
pub struct SessionRow {
    /// Row id.
    pub id: i32,
    /// Supervisor.
    pub supervisor_id: i32,
    /// Supervisee.
    pub supervisee_id: i32,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Start time.
    pub starts_at: Option<NaiveTime>,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// Stored session type.
    pub session_type: String,
    /// Who attended (roles or names of colleagues; no service users).
    pub attendees: String,
    /// About a student's placement (their practice educator may read it).
    pub about_placement: bool,
    /// Agenda (Markdown).
    pub agenda: String,
    /// Functions the agenda served.
    pub agenda_functions: String,
    /// Workload and capacity (Markdown).
    pub workload: String,
    /// Functions.
    pub workload_functions: String,
    /// Wellbeing and support (Markdown).
    pub wellbeing: String,
    /// Functions.
    pub wellbeing_functions: String,
    /// Development and CPD (Markdown).
    pub development: String,
    /// Functions.
    pub development_functions: String,
    /// The next session's date.
    pub next_session_on: Option<NaiveDate>,
    /// Who drafted it.
    pub drafted_by: i32,
    /// When the supervisor signed.
    pub supervisor_signed_at: Option<NaiveDateTime>,
    /// When the supervisee signed.
    pub supervisee_signed_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl SessionRow {
    /// Signed by both: the record is locked and changes are amendments.
    pub fn locked(&self) -> bool {
        self.supervisor_signed_at.is_some() && self.supervisee_signed_at.is_some()
    }

    /// The session type, individual if unknown.
    pub fn session_type(&self) -> SessionType {
        SessionType::parse(&self.session_type).unwrap_or(SessionType::Individual)
    }
}

/// A case discussed in a session.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = supervision_case_discussions)]
pub struct CaseDiscussion {
    /// Row id.
    pub id: i32,
    /// The session.
    #[serde(skip)]
    pub session_id: i32,
    /// Order in the record.
    #[serde(skip)]
    pub position: i32,
    /// The supervisee's case reference.
    pub case_reference: String,
    /// Update.
    pub case_update: String,
    /// Risks.
    pub risks: String,
    /// Strengths.
    pub strengths: String,
    /// Decision, with reasons.
    pub decision: String,
    /// Functions served, stored.
    #[serde(skip)]
    pub functions: String,
}

/// An action from a session.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = supervision_actions)]
pub struct ActionRow {
    /// Row id.
    pub id: i32,
    /// The session it was agreed in.
    pub session_id: i32,
    /// What is to be done.
    pub description: String,
    /// Who does it.
    pub owner_id: i32,
    /// By when.
    pub due_on: NaiveDate,
    /// Stored status.
    pub status: String,
    /// Why it was dropped (or a note).
    pub status_reason: Option<String>,
    /// When it was done.
    pub completed_on: Option<NaiveDate>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl ActionRow {
    /// The status, open if unknown.
    pub fn status(&self) -> ActionStatus {
        ActionStatus::parse(&self.status).unwrap_or(ActionStatus::Open)
    }

    /// Open and past its due date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status() == ActionStatus::Open && self.due_on < today
    }
}

/// A change made after both signed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = supervision_amendments)]
pub struct Amendment {
    /// Row id.
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// Who changed it.
    pub author_id: i32,
    /// Which part (`agenda`, `workload`, `wellbeing`, `development`, `case:<id>:decision`...).
    pub field: String,
    /// The text before.
    pub previous_text: String,
    /// The text after.
    pub new_text: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A comment on a record, possibly noting disagreement.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = supervision_comments)]
pub struct Comment {
    /// Row id.
    pub id: i32,
    /// The session.
    pub session_id: i32,
    /// Who wrote it.
    pub author_id: i32,
    /// The comment (Markdown).
    pub body: String,
    /// The supervisee disagrees with the record.
    pub disagrees: bool,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A case discussion as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct CaseDiscussionDraft {
    /// Case reference.
    #[serde(default)]
    pub case_reference: Option<String>,
    /// Update.
    #[serde(default)]
    pub update: Option<String>,
    /// Risks.
    #[serde(default)]
    pub risks: Option<String>,
    /// Strengths.
    #[serde(default)]
    pub strengths: Option<String>,
    /// Decision with reasons.
    #[serde(default)]
    pub decision: Option<String>,
    /// Functions served.
    #[serde(default)]
    pub functions: Vec<String>,
}

/// A review of an earlier action, as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ActionReviewDraft {
    /// The action.
    pub action_id: i32,
    /// `carried_forward`, `done` or `dropped`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Why (required when dropped).
    #[serde(default)]
    pub reason: Option<String>,
}

/// An action agreed in a record, as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ActionDraft {
    /// The id of an action this record already agreed, when a draft is changed: the action
    /// keeps its id and what has happened to it. Without one, the action is new.
    #[serde(default)]
    pub id: Option<i32>,
    /// What is to be done.
    #[serde(default)]
    pub description: Option<String>,
    /// The owner's username (one of the two parties).
    #[serde(default)]
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub due_on: Option<String>,
}

/// A session record as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct SessionDraft {
    /// YYYY-MM-DD.
    #[serde(default)]
    pub held_on: Option<String>,
    /// HH:MM.
    #[serde(default)]
    pub starts_at: Option<String>,
    /// Minutes.
    #[serde(default)]
    pub duration_minutes: Option<i32>,
    /// `individual`, `group`, `peer`, `ad_hoc`.
    #[serde(default)]
    pub session_type: Option<String>,
    /// Who attended.
    #[serde(default)]
    pub attendees: Option<String>,
    /// About a student's placement.
    #[serde(default)]
    pub about_placement: Option<bool>,
    /// Agenda.
    #[serde(default)]
    pub agenda: Option<String>,
    /// Functions the agenda served.
    #[serde(default)]
    pub agenda_functions: Vec<String>,
    /// Workload and capacity.
    #[serde(default)]
    pub workload: Option<String>,
    /// Functions.
    #[serde(default)]
    pub workload_functions: Vec<String>,
    /// Wellbeing and support.
    #[serde(default)]
    pub wellbeing: Option<String>,
    /// Functions.
    #[serde(default)]
    pub wellbeing_functions: Vec<String>,
    /// Development and CPD.
    #[serde(default)]
    pub development: Option<String>,
    /// Functions.
    #[serde(default)]
    pub development_functions: Vec<String>,
    /// Cases discussed.
    #[serde(default)]
    pub case_discussions: Vec<CaseDiscussionDraft>,
    /// Reviews of earlier actions.
    #[serde(default)]
    pub action_reviews: Vec<ActionReviewDraft>,
    /// New actions.
    #[serde(default)]
    pub actions: Vec<ActionDraft>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub next_session_on: Option<String>,
}

/// An agreement as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct AgreementDraft {
    /// `weekly`, `fortnightly`, `monthly`, `asye`.
    #[serde(default)]
    pub frequency: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub starts_on: Option<String>,
    /// Minutes.
    #[serde(default)]
    pub usual_minutes: Option<i32>,
    /// What happens when a session is cancelled.
    #[serde(default)]
    pub cancellation: Option<String>,
    /// The supervisor's undertakings.
    #[serde(default)]
    pub supervisor_expectations: Option<String>,
    /// The supervisee's undertakings.
    #[serde(default)]
    pub supervisee_expectations: Option<String>,
}
