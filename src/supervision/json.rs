//! The API's representation of supervision.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::agreement_versions::EarlierAgreement;
use super::history::OverviewLine;
use super::model::{ActionStatus, Agreement, Function, ReviewOutcome, functions_from_text};
use super::pack::Pack;
use super::view::{ActionView, CommentView, SessionView};
use crate::platform::privacy::PrivacyWarning;
use crate::platform::signing::Amendment;

/// A pair's agreement.
#[derive(Debug, Serialize)]
pub struct AgreementJson {
    /// Supervisor's username.
    pub supervisor: String,
    /// Supervisee's username.
    pub supervisee: String,
    /// `weekly`, `fortnightly`, `monthly`, `asye`.
    pub frequency: String,
    /// Start.
    pub starts_on: NaiveDate,
    /// Usual length.
    pub usual_minutes: i32,
    /// On cancellation.
    pub cancellation: String,
    /// Supervisor's undertakings.
    pub supervisor_expectations: String,
    /// Supervisee's undertakings.
    pub supervisee_expectations: String,
    /// When the supervisor signed this version.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisor_signed_at: Option<NaiveDateTime>,
    /// When the supervisee signed this version.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisee_signed_at: Option<NaiveDateTime>,
    /// Which text this is: name it when signing, so that a signature on a changed text
    /// is refused.
    pub version: String,
    /// Earlier versions both signed, newest first, each kept as signed.
    pub earlier_versions: Vec<EarlierAgreement>,
}

impl AgreementJson {
    /// The JSON of an agreement between the named pair.
    pub fn new(agreement: &Agreement, supervisor: &str, supervisee: &str) -> Self {
        Self {
            supervisor: supervisor.to_string(),
            supervisee: supervisee.to_string(),
            frequency: agreement.frequency.clone(),
            starts_on: agreement.starts_on,
            usual_minutes: agreement.usual_minutes,
            cancellation: agreement.cancellation.clone(),
            supervisor_expectations: agreement.supervisor_expectations.clone(),
            supervisee_expectations: agreement.supervisee_expectations.clone(),
            supervisor_signed_at: agreement.supervisor_signed_at,
            supervisee_signed_at: agreement.supervisee_signed_at,
            version: super::signed::agreement_text(agreement).version(),
            earlier_versions: Vec::new(),
        }
    }

    /// With the pair's earlier signed versions.
    pub fn with_earlier(mut self, earlier: Vec<EarlierAgreement>) -> Self {
        self.earlier_versions = earlier;
        self
    }
}

/// A text part of a record with the functions it served.
#[derive(Debug, Serialize)]
pub struct PartJson {
    /// Markdown, as it now stands (amendments applied).
    pub text: String,
    /// Functions served.
    pub functions: Vec<Function>,
}

/// A case discussed.
#[derive(Debug, Serialize)]
pub struct CaseDiscussionJson {
    /// Id (for amendments: `case:<id>:decision`).
    pub id: i32,
    /// Case reference.
    pub case_reference: String,
    /// Update.
    pub update: String,
    /// Risks.
    pub risks: String,
    /// Strengths.
    pub strengths: String,
    /// Decision and reasons.
    pub decision: String,
    /// Functions served.
    pub functions: Vec<Function>,
}

/// An action.
#[derive(Debug, Serialize)]
pub struct ActionJson {
    /// Id.
    pub id: i32,
    /// The record it was agreed in.
    pub session_id: i32,
    /// What.
    pub description: String,
    /// Owner's username.
    pub owner: String,
    /// Due.
    pub due_on: NaiveDate,
    /// `open`, `done`, `dropped`.
    pub status: ActionStatus,
    /// Why dropped.
    pub status_reason: Option<String>,
    /// When done.
    pub completed_on: Option<NaiveDate>,
    /// Open and past due.
    pub overdue: bool,
}

impl From<&ActionView> for ActionJson {
    fn from(action: &ActionView) -> Self {
        Self {
            id: action.id,
            session_id: action.session_id,
            description: action.description.clone(),
            owner: action.owner.clone(),
            due_on: action.due_on,
            status: action.status,
            status_reason: action.status_reason.clone(),
            completed_on: action.completed_on,
            overdue: action.overdue,
        }
    }
}

/// How the record reviewed an earlier action.
#[derive(Debug, Serialize)]
pub struct ReviewJson {
    /// The action.
    pub action_id: i32,
    /// Its description.
    pub description: String,
    /// Outcome.
    pub outcome: ReviewOutcome,
    /// Reason.
    pub reason: String,
}

/// A supervision record.
#[derive(Debug, Serialize)]
pub struct SessionJson {
    /// Id.
    pub id: i32,
    /// Supervisor's username.
    pub supervisor: String,
    /// Supervisee's username.
    pub supervisee: String,
    /// Day.
    pub held_on: NaiveDate,
    /// HH:MM.
    pub starts_at: Option<String>,
    /// Minutes.
    pub duration_minutes: i32,
    /// Type.
    pub session_type: String,
    /// Attendees.
    pub attendees: String,
    /// About a student's placement.
    pub about_placement: bool,
    /// Agenda.
    pub agenda: PartJson,
    /// Workload and capacity.
    pub workload: PartJson,
    /// Wellbeing and support.
    pub wellbeing: PartJson,
    /// Development and CPD.
    pub development: PartJson,
    /// Cases discussed.
    pub case_discussions: Vec<CaseDiscussionJson>,
    /// Earlier actions reviewed.
    pub action_reviews: Vec<ReviewJson>,
    /// Actions agreed.
    pub actions: Vec<ActionJson>,
    /// Next session.
    pub next_session_on: Option<NaiveDate>,
    /// When the supervisor signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisor_signed_at: Option<NaiveDateTime>,
    /// When the supervisee signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub supervisee_signed_at: Option<NaiveDateTime>,
    /// Signed by both: changes are amendments.
    pub locked: bool,
    /// Which text this is: name it when signing, so that a signature on a changed text
    /// is refused.
    pub version: String,
    /// Amendments after sign-off.
    pub amendments: Vec<Amendment>,
    /// Comments.
    pub comments: Vec<CommentView>,
    /// Likely identifiers found when saving (empty on reads).
    pub privacy_warnings: Vec<PrivacyWarning>,
}

impl SessionJson {
    /// The JSON of a record.
    pub fn new(record: &SessionView, privacy_warnings: Vec<PrivacyWarning>) -> Self {
        let row = &record.row;
        let part = |field: &str, stored: &str| PartJson {
            text: record.current(field),
            functions: functions_from_text(stored),
        };
        Self {
            id: row.id,
            supervisor: record.pair.supervisor.clone(),
            supervisee: record.pair.supervisee.clone(),
            held_on: row.held_on,
            starts_at: row.starts_at.map(|time| time.format("%H:%M").to_string()),
            duration_minutes: row.duration_minutes,
            session_type: row.session_type.clone(),
            attendees: record.current("attendees"),
            about_placement: row.about_placement,
            agenda: part("agenda", &row.agenda_functions),
            workload: part("workload", &row.workload_functions),
            wellbeing: part("wellbeing", &row.wellbeing_functions),
            development: part("development", &row.development_functions),
            case_discussions: record
                .cases
                .iter()
                .map(|case| CaseDiscussionJson {
                    id: case.id,
                    case_reference: case.case_reference.clone(),
                    update: record.current(&format!("case:{}:update", case.id)),
                    risks: record.current(&format!("case:{}:risks", case.id)),
                    strengths: record.current(&format!("case:{}:strengths", case.id)),
                    decision: record.current(&format!("case:{}:decision", case.id)),
                    functions: functions_from_text(&case.functions),
                })
                .collect(),
            action_reviews: record
                .reviews
                .iter()
                .map(|review| ReviewJson {
                    action_id: review.action.id,
                    description: review.action.description.clone(),
                    outcome: review.outcome,
                    reason: review.reason.clone(),
                })
                .collect(),
            actions: record.actions.iter().map(ActionJson::from).collect(),
            next_session_on: row.next_session_on,
            supervisor_signed_at: row.supervisor_signed_at,
            supervisee_signed_at: row.supervisee_signed_at,
            locked: row.locked(),
            version: super::signed::record_text(record).version(),
            amendments: record.amendments.clone(),
            comments: record.comments.clone(),
            privacy_warnings,
        }
    }
}

/// One pair on the overview.
#[derive(Debug, Serialize)]
pub struct OverviewJson {
    /// Supervisor's username.
    pub supervisor: String,
    /// Supervisee's username.
    pub supervisee: String,
    /// The caller's part: `supervisor` or `supervisee`.
    pub role: &'static str,
    /// Last session held.
    pub last_held: Option<NaiveDate>,
    /// Next due.
    pub next_due: Option<NaiveDate>,
    /// Past due.
    pub overdue: bool,
    /// Open actions.
    pub open_actions: usize,
    /// Open actions past due.
    pub overdue_actions: usize,
    /// Records not signed by both.
    pub unsigned: usize,
    /// An agreement signed by both exists.
    pub agreed: bool,
}

impl From<&OverviewLine> for OverviewJson {
    fn from(line: &OverviewLine) -> Self {
        Self {
            supervisor: line.pair.supervisor.clone(),
            supervisee: line.pair.supervisee.clone(),
            role: if line.pair.viewer_supervises {
                "supervisor"
            } else {
                "supervisee"
            },
            last_held: line.last_held,
            next_due: line.next_due,
            overdue: line.overdue,
            open_actions: line.open_actions,
            overdue_actions: line.overdue_actions,
            unsigned: line.unsigned,
            agreed: line.agreed,
        }
    }
}

/// The preparation pack.
#[derive(Debug, Serialize)]
pub struct PackJson {
    /// Supervisor's username.
    pub supervisor: String,
    /// Supervisee's username.
    pub supervisee: String,
    /// The last session held.
    pub since: Option<NaiveDate>,
    /// When the next is due.
    pub due: Option<NaiveDate>,
    /// Shared entries flagged for supervision since then: id, title, date.
    pub flagged_entries: Vec<(i32, String, NaiveDate)>,
    /// Open actions, late first.
    pub open_actions: Vec<ActionJson>,
    /// The supervisee's overdue and upcoming deadlines: case reference, kind, due date, status.
    pub deadlines: Vec<(String, String, NaiveDate, String)>,
    /// Cases discussed last time.
    pub last_cases: Vec<String>,
    /// Weekly mood averages on shared entries: week of, average, entries.
    pub moods: Vec<(NaiveDate, f64, usize)>,
    /// CPD records this registration year, of which with a peer reflection.
    pub cpd: (usize, usize),
    /// Agenda items added beforehand.
    pub agenda_items: Vec<String>,
}

impl From<&Pack> for PackJson {
    fn from(pack: &Pack) -> Self {
        Self {
            supervisor: pack.pair.supervisor.clone(),
            supervisee: pack.pair.supervisee.clone(),
            since: pack.since,
            due: pack.due,
            flagged_entries: pack
                .flagged
                .iter()
                .map(|entry| (entry.id, entry.title.clone(), entry.occurred_on))
                .collect(),
            open_actions: pack.open_actions.iter().map(ActionJson::from).collect(),
            deadlines: pack
                .deadlines
                .iter()
                .map(|item| {
                    (
                        item.reference.clone(),
                        item.kind.clone(),
                        item.due_on,
                        item.status.as_str().to_string(),
                    )
                })
                .collect(),
            last_cases: pack.last_cases.clone(),
            moods: pack
                .moods
                .iter()
                .map(|week| (week.week_of, week.average, week.entries))
                .collect(),
            cpd: (pack.cpd.records, pack.cpd.with_peer_reflection),
            agenda_items: pack
                .agenda_items
                .iter()
                .map(|(_, item)| item.clone())
                .collect(),
        }
    }
}
