//! The placement's signed documents: the learning agreement and the mid-point and final
//! reviews. Each is drafted, signed by the student and the practice educator, then locked;
//! later changes are amendments with a reason, and the signed text stays readable.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::access::{self, Access};
use super::model::{
    AgreementDraft, LearningAgreement, PlacementAmendment, Recommendation, ReviewDraft, ReviewRow,
    Stage,
};
use super::writes::{self, Amendment};
use super::{accessed, parts, signed, store, validate};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::input::trimmed;
use crate::platform::policy::PlacementRole;
use crate::platform::privacy_review::{Acknowledgement, Saved, review};
use crate::platform::signing::{self, AfterLock, lock};

pub use super::parts::AGREEMENT;

/// The learning agreement's name in messages.
const AGREEMENT_NOUN: &str = "learning agreement";

fn review_noun(stage: Stage) -> String {
    stage.label().to_lowercase()
}

fn refuse_locked_review(row: &ReviewRow) -> AppResult<()> {
    lock::require_unlocked(
        signed::review_signatures(row),
        &review_noun(row.stage()),
        AfterLock::Amendment,
    )
}

/// Writes the learning agreement; the student or the practice educator may; both then
/// sign it (again).
pub fn save_agreement(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    draft: &AgreementDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<LearningAgreement>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    if let Some(agreement) = store::agreement(conn, placement_id)? {
        lock::require_unlocked(
            signed::agreement_signatures(&agreement),
            AGREEMENT_NOUN,
            AfterLock::Amendment,
        )?;
    }
    let input = validate::agreement(draft).map_err(AppError::Invalid)?;
    let privacy_warnings = review(
        [
            ("goals", input.goals.as_str()),
            ("support", input.support.as_str()),
            ("expectations", input.expectations.as_str()),
        ],
        acknowledgement,
    )?;
    let record = conn.immediate_transaction(|conn| {
        writes::save_agreement(conn, placement_id, &input, now)?;
        store::agreement(conn, placement_id)?
            .ok_or_else(|| AppError::Internal("the learning agreement vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Signs the learning agreement as it stands, once every section is written, if `seen`
/// names its current version.
pub fn sign_agreement(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    seen: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<LearningAgreement> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    conn.immediate_transaction(|conn| {
        let agreement = store::agreement(conn, placement_id)?.ok_or_else(|| {
            AppError::Conflict(
                "There is no learning agreement to sign yet; write one first.".into(),
            )
        })?;
        signing::require_current(seen, &signed::agreement_text(&agreement), AGREEMENT_NOUN)?;
        let gaps = validate::agreement_gaps(
            &agreement.goals,
            &agreement.support,
            &agreement.expectations,
        );
        if !gaps.is_empty() {
            return Err(AppError::Conflict(format!(
                "The agreement cannot be signed until it has {}.",
                gaps.join(" and ")
            )));
        }
        writes::sign_agreement(
            conn,
            placement_id,
            access.role() == PlacementRole::Student,
            now,
        )?;
        accessed::note_signature(conn, actor, &access.placement, now)?;
        store::agreement(conn, placement_id)?
            .ok_or_else(|| AppError::Internal("the learning agreement vanished".into()))
    })
}

/// A review by its stage name, if the asker may read reviews.
pub fn review_of(
    conn: &mut DbConnection,
    access: &Access,
    stage: Stage,
) -> AppResult<Option<ReviewRow>> {
    crate::platform::policy::require_visible(access.reads_reviews())?;
    store::review(conn, access.placement.id, stage.as_str())
}

/// The practice educator drafts (or redrafts) a review; both then sign it (again).
pub fn save_review(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    stage: Stage,
    draft: &ReviewDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<ReviewRow>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_educator()?;
    if let Some(row) = review_of(conn, &access, stage)? {
        refuse_locked_review(&row)?;
    }
    let input = validate::review(draft, stage).map_err(AppError::Invalid)?;
    let privacy_warnings = review(
        [
            ("progress", input.progress.as_str()),
            ("concerns", input.concerns.as_str()),
            ("plan", input.plan.as_str()),
            ("reasons", input.reasons.as_str()),
        ],
        acknowledgement,
    )?;
    let record = conn.immediate_transaction(|conn| {
        writes::save_review(conn, placement_id, stage, &input, now)?;
        store::review(conn, placement_id, stage.as_str())?
            .ok_or_else(|| AppError::Internal("the review vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

fn existing_review(conn: &mut DbConnection, access: &Access, stage: Stage) -> AppResult<ReviewRow> {
    review_of(conn, access, stage)?.ok_or_else(|| {
        AppError::Conflict(format!(
            "The practice educator has not drafted the {} yet.",
            stage.label().to_lowercase()
        ))
    })
}

/// The student comments on a review before signing it; both then sign it (again).
#[allow(clippy::too_many_arguments)]
pub fn comment_on_review(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    stage: Stage,
    comment: Option<&str>,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<ReviewRow>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_student()?;
    let row = existing_review(conn, &access, stage)?;
    refuse_locked_review(&row)?;
    let mut errors = FieldErrors::new();
    let comment = validate::comment("student_comment", comment, &mut errors);
    errors.into_result(())?;
    let privacy_warnings = review([("student_comment", comment.as_str())], acknowledgement)?;
    let record = conn.immediate_transaction(|conn| {
        writes::set_student_comment(conn, row.id, &comment, now)?;
        store::review(conn, placement_id, stage.as_str())?
            .ok_or_else(|| AppError::Internal("the review vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}

/// Signs a review as it stands, once every part it needs is written, if `seen` names its
/// current version.
pub fn sign_review(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    stage: Stage,
    seen: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<ReviewRow> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    conn.immediate_transaction(|conn| {
        let row = existing_review(conn, &access, stage)?;
        signing::require_current(seen, &signed::review_text(&row), &review_noun(stage))?;
        let gaps = validate::review_gaps(
            stage,
            &row.progress,
            &row.plan,
            row.recommendation.as_deref(),
            &row.reasons,
        );
        if !gaps.is_empty() {
            return Err(AppError::Conflict(format!(
                "The {} cannot be signed until it has {}.",
                review_noun(stage),
                gaps.join(" and ")
            )));
        }
        writes::sign_review(conn, row.id, access.role() == PlacementRole::Student, now)?;
        accessed::note_signature(conn, actor, &access.placement, now)?;
        store::review(conn, placement_id, stage.as_str())?
            .ok_or_else(|| AppError::Internal("the review vanished".into()))
    })
}

/// The signed text of a document's field.
fn signed_text(
    agreement: Option<&LearningAgreement>,
    review: Option<&ReviewRow>,
    field: &str,
) -> Option<String> {
    if let Some(agreement) = agreement {
        return match field {
            "goals" => Some(agreement.goals.clone()),
            "support" => Some(agreement.support.clone()),
            "expectations" => Some(agreement.expectations.clone()),
            _ => None,
        };
    }
    let review = review?;
    match field {
        "progress" => Some(review.progress.clone()),
        "concerns" => Some(review.concerns.clone()),
        "plan" => Some(review.plan.clone()),
        "recommendation" => Some(review.recommendation.clone().unwrap_or_default()),
        "reasons" => Some(review.reasons.clone()),
        "student_comment" => Some(review.student_comment.clone()),
        _ => None,
    }
}

/// A field's text now: the latest amendment's, or the signed text.
pub fn current_text<'a>(
    amendments: impl DoubleEndedIterator<Item = &'a PlacementAmendment>,
    document: &str,
    field: &str,
    signed: &str,
) -> String {
    amendments
        .rev()
        .find(|amendment| amendment.document == document && amendment.field == field)
        .map_or_else(
            || signed.to_string(),
            |amendment| amendment.new_text.clone(),
        )
}

/// What an amendment changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct AmendmentDraft {
    /// `agreement`, `midpoint` or `final`.
    #[serde(default)]
    pub document: Option<String>,
    /// The field.
    #[serde(default)]
    pub field: Option<String>,
    /// The new text.
    #[serde(default)]
    pub text: Option<String>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Amends a locked document: the change is stored with who, when and why.
pub fn amend(
    conn: &mut DbConnection,
    actor: &Actor,
    placement_id: i32,
    draft: &AmendmentDraft,
    acknowledgement: Acknowledgement,
    now: NaiveDateTime,
) -> AppResult<Saved<PlacementAmendment>> {
    let access = access::open(conn, actor, placement_id)?;
    access.require_party()?;
    let document = trimmed(draft.document.as_deref()).unwrap_or_default();
    let (agreement, review_row) = if document == AGREEMENT {
        (store::agreement(conn, placement_id)?, None)
    } else if let Some(stage) = Stage::parse(&document) {
        (None, review_of(conn, &access, stage)?)
    } else {
        return Err(AppError::invalid(
            "document",
            "Choose the agreement, the mid-point review or the final report.",
        ));
    };
    let signatures = match (&agreement, &review_row) {
        (Some(agreement), _) => signed::agreement_signatures(agreement),
        (None, Some(row)) => signed::review_signatures(row),
        (None, None) => signing::Signatures {
            first: None,
            second: None,
        },
    };
    lock::require_locked(signatures, "document")?;
    let field = trimmed(draft.field.as_deref()).unwrap_or_default();
    let Some(part) = parts::part_of(&document, &field) else {
        return Err(AppError::invalid(
            "field",
            "Choose a part of the document to amend.",
        ));
    };
    part.require_writer(&access)?;
    let mut errors = FieldErrors::new();
    let mut text = draft.text.clone().unwrap_or_default();
    if field == "recommendation" {
        match Recommendation::parse(&text.trim().to_lowercase()) {
            Some(recommendation) => text = recommendation.as_str().to_string(),
            None => errors.add(
                "text",
                format!("Give the recommendation as {}.", Recommendation::names()),
            ),
        }
    }
    let amendments = store::amendments(conn, placement_id)?;
    let previous = signed_text(agreement.as_ref(), review_row.as_ref(), &field)
        .map(|signed| current_text(amendments.iter(), &document, &field, &signed));
    let change = signing::amendment::check(
        "document",
        previous,
        &text,
        draft.reason.as_deref(),
        validate::MAX_TEXT_CHARS,
        errors,
    )?;
    let (previous, reason) = (change.previous_text, change.reason);
    let privacy_warnings = review(
        [("text", text.as_str()), ("reason", reason.as_str())],
        acknowledgement,
    )?;
    let record = conn.immediate_transaction(|conn| {
        writes::insert_amendment(
            conn,
            placement_id,
            actor.user_id,
            Amendment {
                document: &document,
                field: &field,
                previous_text: &previous,
                new_text: &text,
                reason: &reason,
            },
            now,
        )?;
        store::amendments(conn, placement_id)?
            .pop()
            .ok_or_else(|| AppError::Internal("the amendment vanished".into()))
    })?;
    Ok(Saved {
        record,
        privacy_warnings,
    })
}
