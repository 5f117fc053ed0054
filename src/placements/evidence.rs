//! Evidence against the PCF: the student links their entries to domains (which shares
//! them with their practice educator), the educator comments, and direct observations
//! record what was observed with the student's reflection and the observer's feedback.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};

use super::access;
use super::model::ObservationDraft;
use super::writes;
use super::{store, validate};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::policy::PlacementRole;
use crate::platform::privacy_review::{Acknowledgement, Saved, review};

/// An evidence link as a client sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct EvidenceDraft {
    /// The student's entry.
    #[serde(default)]
    pub entry_id: Option<i32>,
    /// PCF codes it evidences.
    #[serde(default)]
    pub domains: Vec<String>,
    /// How it evidences them.
    #[serde(default)]
    pub note: Option<String>,
}

/// Links one of the student's entries to PCF domains. The entry is shared with the
/// student's supervisors and practice educators if it was private (the page says so first).
pub fn link(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    draft: &EvidenceDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<usize>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    let input = validate::evidence(draft.entry_id, &draft.domains, draft.note.as_deref())
        .map_err(AppError::Invalid)?;
    if store::owned_entry_ids(conn, actor.user_id, &[input.entry_id])?.is_empty() {
        return Err(AppError::invalid(
            "entry_id",
            "Choose one of your own entries (not one in the bin).",
        ));
    }
    let privacy_warnings = review([("note", input.note.as_str())], acknowledgement)?;
    conn.immediate_transaction(|conn| {
        crate::journal::service::share(
            conn,
            actor,
            input.entry_id,
            &format!("placement {placement_id} evidence"),
            now,
        )?;
        for domain in &input.domains {
            writes::link_evidence(conn, placement_id, input.entry_id, domain, &input.note, now)?;
        }
        Ok::<_, AppError>(())
    })?;
    Ok(Saved {
        record: input.domains.len(),
        privacy_warnings,
    })
}

/// Removes an evidence link; the entry keeps its visibility.
pub fn unlink(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    evidence_id: i32,
) -> AppResult<()> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    store::evidence_link(conn, placement_id, evidence_id)?.ok_or(AppError::NotFound)?;
    conn.immediate_transaction(|conn| writes::unlink_evidence(conn, evidence_id))
}

/// The practice educator (or the student, in reply) comments on an evidence link.
pub fn comment(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    evidence_id: i32,
    body: Option<&str>,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<()>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    store::evidence_link(conn, placement_id, evidence_id)?.ok_or(AppError::NotFound)?;
    let mut errors = FieldErrors::new();
    let body = validate::comment("body", body, &mut errors);
    errors.into_result(())?;
    let privacy_warnings = review([("body", body.as_str())], acknowledgement)?;
    conn.immediate_transaction(|conn| {
        writes::insert_comment(conn, evidence_id, actor.user_id, &body, now)
    })?;
    Ok(Saved {
        record: (),
        privacy_warnings,
    })
}

/// Records a direct observation, or changes `observation_id`. The student writes the
/// reflection and the practice educator the feedback; each keeps the other's part.
#[allow(clippy::too_many_arguments)]
pub fn save_observation(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    observation_id: Option<i32>,
    draft: &ObservationDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Saved<i32>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    let existing = match observation_id {
        Some(id) => Some(store::observation(conn, placement_id, id)?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let mut input =
        validate::observation(draft, &access.placement, today).map_err(AppError::Invalid)?;
    let kept = |part: fn(&super::model::Observation) -> &String| {
        existing
            .as_ref()
            .map(|row| part(row).clone())
            .unwrap_or_default()
    };
    match access.role() {
        PlacementRole::Student => input.feedback = kept(|row| &row.feedback),
        _ => input.reflection = kept(|row| &row.reflection),
    }
    let privacy_warnings = review(
        [
            ("observer", input.observer.as_str()),
            ("observed", input.observed.as_str()),
            ("reflection", input.reflection.as_str()),
            ("feedback", input.feedback.as_str()),
        ],
        acknowledgement,
    )?;
    let record = conn.immediate_transaction(|conn| {
        writes::save_observation(conn, placement_id, observation_id, &input, now)
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// The student removes an observation.
pub fn delete_observation(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    observation_id: i32,
) -> AppResult<()> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    store::observation(conn, placement_id, observation_id)?.ok_or(AppError::NotFound)?;
    conn.immediate_transaction(|conn| writes::delete_observation(conn, observation_id))
}
