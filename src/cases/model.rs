//! Pseudonymised cases: a reference the worker chooses ("FAM-017", "Child B"), never a name.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::platform::db::schema::cases;
use crate::platform::text_enum::text_enum;

text_enum! {
    /// The kind of work a case is.
    CaseCategory {
        /// Section 17 child in need.
        ChildInNeed => ("child_in_need", "Child in need"),
        /// A child protection plan.
        ChildProtection => ("child_protection", "Child protection"),
        /// A looked after child (child in care).
        LookedAfter => ("looked_after", "Looked after child"),
        /// A care leaver.
        CareLeaver => ("care_leaver", "Care leaver"),
        /// An adult safeguarding enquiry.
        AdultSafeguarding => ("adult_safeguarding", "Adult safeguarding"),
        /// Private law (e.g. a section 7 report).
        PrivateLaw => ("private_law", "Private law"),
        /// Anything else.
        Other => ("other", "Other"),
    }
}

text_enum! {
    /// The categories of abuse under which a child protection plan is made.
    AbuseCategory {
        /// Neglect.
        Neglect => ("neglect", "Neglect"),
        /// Physical abuse.
        Physical => ("physical", "Physical abuse"),
        /// Emotional abuse.
        Emotional => ("emotional", "Emotional abuse"),
        /// Sexual abuse.
        Sexual => ("sexual", "Sexual abuse"),
    }
}

text_enum! {
    /// Whether the worker still holds the case.
    CaseStatus {
        /// Open.
        Open => ("open", "Open"),
        /// Closed.
        Closed => ("closed", "Closed"),
    }
}

/// A case row as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = cases)]
pub struct CaseRow {
    /// Row id.
    pub id: i32,
    /// The worker who holds it.
    pub owner_id: i32,
    /// Pseudonymised reference, unique per worker.
    pub reference: String,
    /// Optional non-identifying label.
    pub label: Option<String>,
    /// Stored category name.
    pub category: String,
    /// Stored primary abuse category.
    pub cp_primary: Option<String>,
    /// Stored secondary abuse category.
    pub cp_secondary: Option<String>,
    /// Stored status name.
    pub status: String,
    /// When the worker took it on.
    pub opened_on: NaiveDate,
    /// When it closed.
    pub closed_on: Option<NaiveDate>,
    /// When recorded.
    pub created_at: NaiveDateTime,
    /// When last changed.
    pub updated_at: NaiveDateTime,
}

/// A case with its names parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Row id.
    pub id: i32,
    /// The worker who holds it.
    pub owner_id: i32,
    /// Pseudonymised reference.
    pub reference: String,
    /// Optional non-identifying label.
    pub label: Option<String>,
    /// Category.
    pub category: CaseCategory,
    /// Primary abuse category (child protection).
    pub cp_primary: Option<AbuseCategory>,
    /// Secondary abuse category (child protection).
    pub cp_secondary: Option<AbuseCategory>,
    /// Open or closed.
    pub status: CaseStatus,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Closed.
    pub closed_on: Option<NaiveDate>,
    /// Recorded.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

fn parse_stored<T>(parsed: Option<T>, text: &str) -> AppResult<T> {
    parsed.ok_or_else(|| AppError::Internal(format!("unexpected stored value {text:?}")))
}

impl TryFrom<CaseRow> for Case {
    type Error = AppError;

    fn try_from(row: CaseRow) -> AppResult<Self> {
        let abuse = |value: &Option<String>| -> AppResult<Option<AbuseCategory>> {
            value
                .as_deref()
                .map(|text| parse_stored(AbuseCategory::parse(text), text))
                .transpose()
        };
        Ok(Self {
            category: parse_stored(CaseCategory::parse(&row.category), &row.category)?,
            cp_primary: abuse(&row.cp_primary)?,
            cp_secondary: abuse(&row.cp_secondary)?,
            status: parse_stored(CaseStatus::parse(&row.status), &row.status)?,
            id: row.id,
            owner_id: row.owner_id,
            reference: row.reference,
            label: row.label,
            opened_on: row.opened_on,
            closed_on: row.closed_on,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A case as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseJson {
    /// Pseudonymised reference.
    pub reference: String,
    /// Optional label.
    pub label: Option<String>,
    /// Category.
    pub category: CaseCategory,
    /// Primary abuse category.
    pub cp_primary: Option<AbuseCategory>,
    /// Secondary abuse category.
    pub cp_secondary: Option<AbuseCategory>,
    /// Status.
    pub status: CaseStatus,
    /// Opened (YYYY-MM-DD).
    pub opened_on: NaiveDate,
    /// Closed (YYYY-MM-DD).
    pub closed_on: Option<NaiveDate>,
    /// Recorded.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// Last changed.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub updated_at: NaiveDateTime,
}

impl From<&Case> for CaseJson {
    fn from(case: &Case) -> Self {
        Self {
            reference: case.reference.clone(),
            label: case.label.clone(),
            category: case.category,
            cp_primary: case.cp_primary,
            cp_secondary: case.cp_secondary,
            status: case.status,
            opened_on: case.opened_on,
            closed_on: case.closed_on,
            created_at: case.created_at,
            updated_at: case.updated_at,
        }
    }
}

/// What a client sends to create or change a case; every field is checked by
/// [`crate::cases::validate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CaseDraft {
    /// Pseudonymised reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// Optional label.
    #[serde(default)]
    pub label: Option<String>,
    /// Category name.
    #[serde(default)]
    pub category: Option<String>,
    /// Primary abuse category name.
    #[serde(default)]
    pub cp_primary: Option<String>,
    /// Secondary abuse category name.
    #[serde(default)]
    pub cp_secondary: Option<String>,
    /// `open` or `closed`.
    #[serde(default)]
    pub status: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub opened_on: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub closed_on: Option<String>,
}

/// A checked case, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseInput {
    /// Reference.
    pub reference: String,
    /// Label.
    pub label: Option<String>,
    /// Category.
    pub category: CaseCategory,
    /// Primary abuse category.
    pub cp_primary: Option<AbuseCategory>,
    /// Secondary abuse category.
    pub cp_secondary: Option<AbuseCategory>,
    /// Status.
    pub status: CaseStatus,
    /// Opened.
    pub opened_on: NaiveDate,
    /// Closed.
    pub closed_on: Option<NaiveDate>,
}
