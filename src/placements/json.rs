//! The API's representation of placements. Every shape is cut from the reader's
//! `PlacementView`, so the API shows exactly what the page shows that reader. Signed
//! documents show their text as it now stands (amendments applied) with the amendments.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::documents::AGREEMENT;
use super::model::{Observation, ReviewRow};
use super::progress::{DayCount, DomainCoverage};
use super::signed;
use super::view::{
    AmendmentView, CommentView, DayLine, EntryLink, EvidenceView, Person, PlacementView,
};
use crate::platform::policy::PlacementRole;
use crate::platform::privacy::PrivacyWarning;
use crate::platform::signing::Amendment;

/// A record as saved, with the confidentiality guard's findings.
#[derive(Debug, Serialize)]
pub struct SavedJson<T> {
    /// The record.
    #[serde(flatten)]
    pub record: T,
    /// Likely identifiers found in what was saved.
    pub privacy_warnings: Vec<PrivacyWarning>,
}

impl<T> SavedJson<T> {
    /// A saved record with its findings.
    pub fn new(record: T, privacy_warnings: Vec<PrivacyWarning>) -> Self {
        Self {
            record,
            privacy_warnings,
        }
    }
}

/// The reader's part in a placement: `student`, `educator` or `onsite_supervisor`.
pub fn role_name(role: PlacementRole) -> &'static str {
    match role {
        PlacementRole::Student => "student",
        PlacementRole::Educator => "educator",
        PlacementRole::OnsiteSupervisor => "onsite_supervisor",
    }
}

/// A placement in the caller's list.
#[derive(Debug, Serialize)]
pub struct PlacementSummaryJson {
    /// Id.
    pub id: i32,
    /// Setting.
    pub setting: String,
    /// Team.
    pub team: String,
    /// `first`, `final` or `custom`.
    pub level: String,
    /// Days required.
    pub required_days: f64,
    /// Start.
    pub starts_on: NaiveDate,
    /// Expected end.
    pub expected_end_on: NaiveDate,
    /// The student's username.
    pub student: String,
    /// The practice educator's username.
    pub educator: String,
    /// The on-site supervisor's username.
    pub onsite_supervisor: Option<String>,
    /// The caller's part.
    pub role: &'static str,
    /// Days done (half days count half).
    pub days_done: f64,
    /// Days required.
    pub days_required: f64,
}

impl From<&PlacementView> for PlacementSummaryJson {
    fn from(view: &PlacementView) -> Self {
        let placement = &view.placement;
        Self {
            id: placement.id,
            setting: placement.setting.clone(),
            team: placement.team.clone(),
            level: placement.level.clone(),
            required_days: placement.required_days,
            starts_on: placement.starts_on,
            expected_end_on: placement.expected_end_on,
            student: view.student.username.clone(),
            educator: view.educator.username.clone(),
            onsite_supervisor: view
                .onsite_supervisor
                .as_ref()
                .map(|person| person.username.clone()),
            role: role_name(view.role),
            days_done: view.days.done,
            days_required: view.days.required,
        }
    }
}

/// A logged day.
#[derive(Debug, Serialize)]
pub struct DayJson {
    /// Id.
    pub id: i32,
    /// The day.
    pub day: NaiveDate,
    /// `full`, `half` or `absent`.
    pub portion: String,
    /// Hours.
    pub hours: f64,
    /// What was done.
    pub activities: String,
    /// Why absent.
    pub absence_reason: Option<String>,
    /// The student's entries about the day that the caller may read.
    pub entries: Vec<EntryLink>,
}

impl From<&DayLine> for DayJson {
    fn from(line: &DayLine) -> Self {
        let row = &line.row;
        Self {
            id: row.id,
            day: row.day,
            portion: row.portion().as_str().to_string(),
            hours: row.hours,
            activities: row.activities.clone(),
            absence_reason: row.absence_reason.clone(),
            entries: line.entries.clone(),
        }
    }
}

/// An entry linked as evidence of a PCF domain.
#[derive(Debug, Serialize)]
pub struct EvidenceJson {
    /// Id of the link.
    pub id: i32,
    /// `PCF-1`..`PCF-9`.
    pub domain: String,
    /// How the entry evidences the domain.
    pub note: String,
    /// Linked.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// The entry (a placeholder title when the caller may not read it).
    pub entry: EntryLink,
    /// Comments, oldest first.
    pub comments: Vec<CommentView>,
}

impl From<&EvidenceView> for EvidenceJson {
    fn from(view: &EvidenceView) -> Self {
        Self {
            id: view.row.id,
            domain: view.row.domain.clone(),
            note: view.row.note.clone(),
            created_at: view.row.created_at,
            entry: view.entry.clone(),
            comments: view.comments.clone(),
        }
    }
}

/// The links of an entry just linked as evidence.
#[derive(Debug, Serialize)]
pub struct LinkedJson {
    /// The entry's evidence links on the placement.
    pub evidence: Vec<EvidenceJson>,
    /// Likely identifiers found in the note.
    pub privacy_warnings: Vec<PrivacyWarning>,
}

/// A direct observation.
#[derive(Debug, Serialize)]
pub struct ObservationJson {
    /// Id.
    pub id: i32,
    /// When.
    pub observed_on: NaiveDate,
    /// Who observed.
    pub observer: String,
    /// What was observed.
    pub observed: String,
    /// The student's reflection.
    pub reflection: String,
    /// The observer's feedback.
    pub feedback: String,
    /// PCF codes evidenced.
    pub domains: Vec<String>,
}

impl From<&Observation> for ObservationJson {
    fn from(row: &Observation) -> Self {
        Self {
            id: row.id,
            observed_on: row.observed_on,
            observer: row.observer.clone(),
            observed: row.observed.clone(),
            reflection: row.reflection.clone(),
            feedback: row.feedback.clone(),
            domains: row
                .domains
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|code| !code.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }
}

/// An amendment to a signed document: which document, and the change in the shape every
/// signed document's amendments share.
#[derive(Debug, Serialize)]
pub struct AmendmentJson {
    /// `agreement`, `midpoint` or `final`.
    pub document: String,
    /// The change.
    #[serde(flatten)]
    pub change: Amendment,
}

impl From<&AmendmentView> for AmendmentJson {
    fn from(view: &AmendmentView) -> Self {
        Self {
            document: view.row.document.clone(),
            change: Amendment {
                field: view.row.field.clone(),
                field_label: view.field_label.clone(),
                previous_text: view.row.previous_text.clone(),
                new_text: view.row.new_text.clone(),
                reason: view.row.reason.clone(),
                author: view.author.clone(),
                created_at: view.row.created_at,
            },
        }
    }
}

fn amendments_of(view: &PlacementView, document: &str) -> Vec<AmendmentJson> {
    view.amendments_of(document)
        .into_iter()
        .map(AmendmentJson::from)
        .collect()
}

/// The learning agreement, its text as it now stands.
#[derive(Debug, Serialize)]
pub struct AgreementJson {
    /// Learning goals.
    pub goals: String,
    /// Support and supervision arrangements.
    pub support: String,
    /// Expectations.
    pub expectations: String,
    /// When the student signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub student_signed_at: Option<NaiveDateTime>,
    /// When the practice educator signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub educator_signed_at: Option<NaiveDateTime>,
    /// Signed by both: changes are amendments.
    pub locked: bool,
    /// Which text this is (as signed, before amendments): name it when signing, so that a
    /// signature on a text changed since it was read is refused.
    pub version: String,
    /// Last written.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
    /// Amendments after sign-off, oldest first.
    pub amendments: Vec<AmendmentJson>,
}

impl AgreementJson {
    /// The placement's agreement, if written.
    pub fn of(view: &PlacementView) -> Option<Self> {
        let agreement = view.agreement.as_ref()?;
        let current = |field: &str, signed: &str| view.current(AGREEMENT, field, signed);
        Some(Self {
            goals: current("goals", &agreement.goals),
            support: current("support", &agreement.support),
            expectations: current("expectations", &agreement.expectations),
            student_signed_at: agreement.student_signed_at,
            educator_signed_at: agreement.educator_signed_at,
            locked: agreement.locked(),
            version: signed::agreement_text(agreement).version(),
            updated_at: agreement.updated_at,
            amendments: amendments_of(view, AGREEMENT),
        })
    }
}

/// A mid-point review or final report, its text as it now stands.
#[derive(Debug, Serialize)]
pub struct ReviewJson {
    /// `midpoint` or `final`.
    pub stage: String,
    /// Progress against the PCF (mid-point) or holistic assessment (final).
    pub progress: String,
    /// Concerns.
    pub concerns: String,
    /// Plan to the end (mid-point).
    pub plan: String,
    /// `pass`, `fail` or `refer` (final).
    pub recommendation: Option<String>,
    /// Reasons for the recommendation.
    pub reasons: String,
    /// The student's comment.
    pub student_comment: String,
    /// When the student signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub student_signed_at: Option<NaiveDateTime>,
    /// When the practice educator signed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub educator_signed_at: Option<NaiveDateTime>,
    /// Signed by both: changes are amendments.
    pub locked: bool,
    /// Which text this is (as signed, before amendments): name it when signing, so that a
    /// signature on a text changed since it was read is refused.
    pub version: String,
    /// Last written.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
    /// Amendments after sign-off, oldest first.
    pub amendments: Vec<AmendmentJson>,
}

impl ReviewJson {
    /// A review of the placement.
    pub fn new(view: &PlacementView, row: &ReviewRow) -> Self {
        let stage = row.stage().as_str();
        let current = |field: &str, signed: &str| view.current(stage, field, signed);
        Self {
            stage: stage.to_string(),
            progress: current("progress", &row.progress),
            concerns: current("concerns", &row.concerns),
            plan: current("plan", &row.plan),
            recommendation: row
                .recommendation
                .as_deref()
                .map(|signed| current("recommendation", signed)),
            reasons: current("reasons", &row.reasons),
            student_comment: current("student_comment", &row.student_comment),
            student_signed_at: row.student_signed_at,
            educator_signed_at: row.educator_signed_at,
            locked: row.locked(),
            version: signed::review_text(row).version(),
            updated_at: row.updated_at,
            amendments: amendments_of(view, stage),
        }
    }
}

/// The latest evidence of a domain.
#[derive(Debug, Serialize)]
pub struct LatestJson {
    /// Its date.
    pub occurred_on: NaiveDate,
    /// Its title.
    pub title: String,
    /// The entry, when it is a readable entry (not an observation).
    pub entry_id: Option<i32>,
}

/// Evidence of one PCF domain.
#[derive(Debug, Serialize)]
pub struct CoverageJson {
    /// `PCF-1`..`PCF-9`.
    pub code: String,
    /// The domain's name.
    pub title: String,
    /// Evidence links and observations for it.
    pub count: usize,
    /// The latest piece.
    pub latest: Option<LatestJson>,
}

impl From<&DomainCoverage> for CoverageJson {
    fn from(domain: &DomainCoverage) -> Self {
        Self {
            code: domain.code.clone(),
            title: domain.title.clone(),
            count: domain.count,
            latest: domain
                .latest
                .as_ref()
                .map(|(occurred_on, title, entry_id)| LatestJson {
                    occurred_on: *occurred_on,
                    title: title.clone(),
                    entry_id: *entry_id,
                }),
        }
    }
}

/// Everything about a placement the caller may see.
#[derive(Debug, Serialize)]
pub struct PlacementJson {
    /// Id.
    pub id: i32,
    /// Setting.
    pub setting: String,
    /// Team.
    pub team: String,
    /// `first`, `final` or `custom`.
    pub level: String,
    /// Days required.
    pub required_days: f64,
    /// Start.
    pub starts_on: NaiveDate,
    /// Expected end.
    pub expected_end_on: NaiveDate,
    /// The caller's part.
    pub role: &'static str,
    /// The student.
    pub student: Person,
    /// The practice educator.
    pub educator: Person,
    /// The on-site supervisor.
    pub onsite_supervisor: Option<Person>,
    /// Days done against required, with the projected end.
    pub days: DayCount,
    /// Hours logged.
    pub hours: f64,
    /// The day log, latest first.
    pub day_log: Vec<DayJson>,
    /// The nine PCF domains with their evidence.
    pub coverage: Vec<CoverageJson>,
    /// Evidence links, by domain.
    pub evidence: Vec<EvidenceJson>,
    /// Direct observations, oldest first.
    pub observations: Vec<ObservationJson>,
    /// Direct observations required at this level.
    pub observations_required: usize,
    /// The learning agreement, if written.
    pub agreement: Option<AgreementJson>,
    /// Reviews drafted (none for an on-site supervisor).
    pub reviews: Vec<ReviewJson>,
    /// Created.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl From<&PlacementView> for PlacementJson {
    fn from(view: &PlacementView) -> Self {
        let placement = &view.placement;
        Self {
            id: placement.id,
            setting: placement.setting.clone(),
            team: placement.team.clone(),
            level: placement.level.clone(),
            required_days: placement.required_days,
            starts_on: placement.starts_on,
            expected_end_on: placement.expected_end_on,
            role: role_name(view.role),
            student: view.student.clone(),
            educator: view.educator.clone(),
            onsite_supervisor: view.onsite_supervisor.clone(),
            days: view.days.clone(),
            hours: view.hours,
            day_log: view.day_log.iter().map(DayJson::from).collect(),
            coverage: view.coverage.iter().map(CoverageJson::from).collect(),
            evidence: view.evidence.iter().map(EvidenceJson::from).collect(),
            observations: view
                .observations
                .iter()
                .map(ObservationJson::from)
                .collect(),
            observations_required: view.observations_required,
            agreement: AgreementJson::of(view),
            reviews: view
                .reviews
                .iter()
                .map(|row| ReviewJson::new(view, row))
                .collect(),
            created_at: placement.created_at,
            updated_at: placement.updated_at,
        }
    }
}
