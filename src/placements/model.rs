//! Placement types: the placement, its days, learning agreement, evidence, observations,
//! reviews and amendments.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::platform::db::schema::{
    evidence_comments, learning_agreements, observations, placement_amendments, placement_days,
    placement_evidence, placement_reviews, placements,
};
use crate::platform::text_enum::text_enum;

text_enum! {
    /// Which placement it is.
    Level {
        /// A first placement: 70 days, 2 direct observations.
        First => ("first", "First placement (70 days)"),
        /// A final placement: 100 days, 3 direct observations.
        Final => ("final", "Final placement (100 days)"),
        /// Another number of days.
        Custom => ("custom", "Other length"),
    }
}

impl Level {
    /// Days a placement of this level requires (custom: as given).
    pub fn default_days(self) -> Option<f64> {
        match self {
            Self::First => Some(70.0),
            Self::Final => Some(100.0),
            Self::Custom => None,
        }
    }

    /// Direct observations required.
    pub fn observations_required(self, required_days: f64) -> usize {
        match self {
            Self::First => 2,
            Self::Final => 3,
            Self::Custom if required_days >= 100.0 => 3,
            Self::Custom => 2,
        }
    }
}

text_enum! {
    /// How much of a day counted.
    Portion {
        /// A full day.
        Full => ("full", "Full day"),
        /// Half a day.
        Half => ("half", "Half day"),
        /// Absent, with a reason.
        Absent => ("absent", "Absent"),
    }
}

impl Portion {
    /// Days this counts toward the total.
    pub fn days(self) -> f64 {
        match self {
            Self::Full => 1.0,
            Self::Half => 0.5,
            Self::Absent => 0.0,
        }
    }
}

text_enum! {
    /// Which review.
    Stage {
        /// The mid-point review.
        Midpoint => ("midpoint", "Mid-point review"),
        /// The final report.
        Final => ("final", "Final report"),
    }
}

text_enum! {
    /// The practice educator's recommendation in the final report.
    Recommendation {
        /// Pass.
        Pass => ("pass", "Pass"),
        /// Fail.
        Fail => ("fail", "Fail"),
        /// Refer (further work needed).
        Refer => ("refer", "Refer"),
    }
}

/// A placement row.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = placements)]
pub struct Placement {
    /// Id.
    pub id: i32,
    /// The student.
    pub student_id: i32,
    /// Their practice educator.
    pub educator_id: i32,
    /// An on-site supervisor who reads what the student shares.
    pub onsite_supervisor_id: Option<i32>,
    /// The setting (no identifying detail of people).
    pub setting: String,
    /// The team.
    pub team: String,
    /// Stored level.
    pub level: String,
    /// Days required.
    pub required_days: f64,
    /// Start.
    pub starts_on: NaiveDate,
    /// Expected end.
    pub expected_end_on: NaiveDate,
    /// Created.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl Placement {
    /// The level, first if unknown.
    pub fn level(&self) -> Level {
        Level::parse(&self.level).unwrap_or(Level::First)
    }

    /// Direct observations required.
    pub fn observations_required(&self) -> usize {
        self.level().observations_required(self.required_days)
    }
}

/// A logged day.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Serialize)]
#[diesel(table_name = placement_days)]
pub struct DayRow {
    /// Id.
    pub id: i32,
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
    /// The day.
    pub day: NaiveDate,
    /// Stored portion.
    pub portion: String,
    /// Hours.
    pub hours: f64,
    /// What was done.
    pub activities: String,
    /// Why absent.
    pub absence_reason: Option<String>,
    /// Logged.
    #[serde(skip)]
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

impl DayRow {
    /// The portion, full if unknown.
    pub fn portion(&self) -> Portion {
        Portion::parse(&self.portion).unwrap_or(Portion::Full)
    }
}

/// The learning agreement.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = learning_agreements)]
pub struct LearningAgreement {
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
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
    /// Changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl LearningAgreement {
    /// Signed by both: locked.
    pub fn locked(&self) -> bool {
        self.student_signed_at.is_some() && self.educator_signed_at.is_some()
    }
}

/// An entry linked as evidence of a PCF domain.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = placement_evidence)]
pub struct EvidenceRow {
    /// Id.
    pub id: i32,
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
    /// The entry.
    #[serde(skip)]
    pub entry_id: i32,
    /// `PCF-1`..`PCF-9`.
    pub domain: String,
    /// How it evidences the domain.
    pub note: String,
    /// Linked.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

/// A practice educator's comment on a piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = evidence_comments)]
pub struct EvidenceComment {
    /// Id.
    pub id: i32,
    /// The evidence.
    pub evidence_id: i32,
    /// Who.
    pub author_id: i32,
    /// Text.
    pub body: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A direct observation of practice.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = observations)]
pub struct Observation {
    /// Id.
    pub id: i32,
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
    /// When.
    pub observed_on: NaiveDate,
    /// Who observed (role or name of the colleague).
    pub observer: String,
    /// What was observed (no identifying detail).
    pub observed: String,
    /// The student's reflection.
    pub reflection: String,
    /// The observer's feedback.
    pub feedback: String,
    /// PCF domains evidenced, codes separated by spaces.
    pub domains: String,
    /// Created.
    #[serde(skip)]
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Changed.
    #[serde(skip)]
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

/// A mid-point review or final report.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = placement_reviews)]
pub struct ReviewRow {
    /// Id.
    pub id: i32,
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
    /// `midpoint` or `final`.
    pub stage: String,
    /// Progress against the PCF (mid-point) or holistic assessment (final).
    pub progress: String,
    /// Concerns.
    pub concerns: String,
    /// Plan to the end (mid-point).
    pub plan: String,
    /// Pass, fail or refer (final).
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
    /// Created.
    #[serde(skip)]
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl ReviewRow {
    /// Signed by both: locked.
    pub fn locked(&self) -> bool {
        self.student_signed_at.is_some() && self.educator_signed_at.is_some()
    }

    /// The stage, mid-point if unknown.
    pub fn stage(&self) -> Stage {
        Stage::parse(&self.stage).unwrap_or(Stage::Midpoint)
    }
}

/// A change to a signed document.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Serialize)]
#[diesel(table_name = placement_amendments)]
pub struct PlacementAmendment {
    /// Id.
    #[serde(skip)]
    pub id: i32,
    /// The placement.
    #[serde(skip)]
    pub placement_id: i32,
    /// `agreement`, `midpoint` or `final`.
    pub document: String,
    /// The field.
    pub field: String,
    /// Text before.
    pub previous_text: String,
    /// Text after.
    pub new_text: String,
    /// Why.
    pub reason: String,
    /// Who.
    #[serde(skip)]
    pub author_id: i32,
    /// When.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

/// A placement as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct PlacementDraft {
    /// The practice educator's username.
    #[serde(default)]
    pub educator: Option<String>,
    /// The on-site supervisor's username.
    #[serde(default)]
    pub onsite_supervisor: Option<String>,
    /// Setting.
    #[serde(default)]
    pub setting: Option<String>,
    /// Team.
    #[serde(default)]
    pub team: Option<String>,
    /// `first`, `final` or `custom`.
    #[serde(default)]
    pub level: Option<String>,
    /// Days (custom level).
    #[serde(default)]
    pub required_days: Option<f64>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub starts_on: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub expected_end_on: Option<String>,
}

/// A day as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct DayDraft {
    /// YYYY-MM-DD.
    #[serde(default)]
    pub day: Option<String>,
    /// `full`, `half`, `absent`.
    #[serde(default)]
    pub portion: Option<String>,
    /// Hours.
    #[serde(default)]
    pub hours: Option<f64>,
    /// What was done.
    #[serde(default)]
    pub activities: Option<String>,
    /// Why absent.
    #[serde(default)]
    pub absence_reason: Option<String>,
    /// Ids of the student's entries about the day.
    #[serde(default)]
    pub entries: Vec<i32>,
}

/// An observation as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct ObservationDraft {
    /// YYYY-MM-DD.
    #[serde(default)]
    pub observed_on: Option<String>,
    /// Who observed.
    #[serde(default)]
    pub observer: Option<String>,
    /// What was observed.
    #[serde(default)]
    pub observed: Option<String>,
    /// The student's reflection (the student writes it).
    #[serde(default)]
    pub reflection: Option<String>,
    /// The observer's feedback (the practice educator writes it).
    #[serde(default)]
    pub feedback: Option<String>,
    /// PCF codes.
    #[serde(default)]
    pub domains: Vec<String>,
}

/// A review as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct ReviewDraft {
    /// Progress / holistic assessment.
    #[serde(default)]
    pub progress: Option<String>,
    /// Concerns.
    #[serde(default)]
    pub concerns: Option<String>,
    /// Plan to the end.
    #[serde(default)]
    pub plan: Option<String>,
    /// `pass`, `fail`, `refer` (final report).
    #[serde(default)]
    pub recommendation: Option<String>,
    /// Reasons.
    #[serde(default)]
    pub reasons: Option<String>,
}

/// A learning agreement as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct AgreementDraft {
    /// Learning goals.
    #[serde(default)]
    pub goals: Option<String>,
    /// Support and supervision arrangements.
    #[serde(default)]
    pub support: Option<String>,
    /// Expectations.
    #[serde(default)]
    pub expectations: Option<String>,
}
