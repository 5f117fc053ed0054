//! Use cases of cases: each checks the policy, validates, and writes in one transaction.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::model::{Case, CaseDraft, CaseStatus};
use super::{store, validate};
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::policy;
use crate::platform::privacy_review::{Acknowledgement, Saved, review};
use crate::search::document::RecordType;
use crate::search::outbox;

/// The actor's cases, optionally one status only.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    status: Option<CaseStatus>,
) -> AppResult<Vec<Case>> {
    store::list(conn, actor.user_id, status)
}

/// One of the actor's cases; anyone else's answers as missing.
pub fn get(conn: &mut DbConnection, actor: &Actor, reference: &str) -> AppResult<Case> {
    let case =
        store::find_by_reference(conn, actor.user_id, reference)?.ok_or(AppError::NotFound)?;
    policy::require_visible(policy::may_use_case(actor, case.owner_id))?;
    Ok(case)
}

fn privacy_fields(draft: &CaseDraft) -> Vec<(&'static str, &str)> {
    [("reference", &draft.reference), ("label", &draft.label)]
        .into_iter()
        .filter_map(|(field, value)| value.as_deref().map(|text| (field, text)))
        .collect()
}

/// Records a new case for the actor.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &CaseDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<Case>> {
    let input = validate::validate(draft, today).map_err(AppError::Invalid)?;
    let privacy_warnings = review(privacy_fields(draft), acknowledgement)?;
    let record = conn.immediate_transaction(|conn| {
        let id = store::insert(conn, actor.user_id, &input, now)?;
        store::find_by_reference(conn, actor.user_id, &input.reference)?
            .filter(|case| case.id == id)
            .ok_or_else(|| AppError::Internal("the new case vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Checks and records a case for the actor inside a transaction the caller holds (an import
/// adds the cases its entries name with them, all or nothing).
pub fn write_imported(
    conn: &mut DbConnection,
    actor: &Actor,
    draft: &CaseDraft,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<i32> {
    let input = validate::validate(draft, today).map_err(AppError::Invalid)?;
    store::insert(conn, actor.user_id, &input, now)
}

/// Changes one of the actor's cases (its reference too).
pub fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    reference: &str,
    draft: &CaseDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<Case>> {
    let existing = get(conn, actor, reference)?;
    let input = validate::validate(draft, today).map_err(AppError::Invalid)?;
    let privacy_warnings = review(privacy_fields(draft), acknowledgement)?;
    let record = conn.immediate_transaction(|conn| {
        store::update(conn, existing.id, &input, now)?;
        // Entries carry their cases' references in the index.
        if input.reference != existing.reference {
            let linked = crate::journal::projection::entries_of_case(conn, existing.id)?;
            outbox::enqueue_many(conn, RecordType::Entry, &linked)?;
        }
        store::find_by_reference(conn, actor.user_id, &input.reference)?
            .ok_or_else(|| AppError::Internal("the updated case vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

impl CaseDraft {
    /// The draft that reproduces a stored case (for edit forms).
    pub fn from_case(case: &Case) -> Self {
        Self {
            reference: Some(case.reference.clone()),
            label: case.label.clone(),
            category: Some(case.category.as_str().to_string()),
            cp_primary: case.cp_primary.map(|c| c.as_str().to_string()),
            cp_secondary: case.cp_secondary.map(|c| c.as_str().to_string()),
            status: Some(case.status.as_str().to_string()),
            opened_on: Some(case.opened_on.to_string()),
            closed_on: case.closed_on.map(|date| date.to_string()),
        }
    }
}
