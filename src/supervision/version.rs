//! Signing what was read. A record or agreement carries a version, a fingerprint of the
//! text that is signed; a signature may name the version the signer read, and is refused
//! when the text has been changed since, so nobody signs words they have not seen. The pages
//! always name it.

use blake2::{Blake2s256, Digest};
use rocket::form::FromForm;
use serde::Deserialize;

use super::model::Agreement;
use super::view::SessionView;
use crate::error::{AppError, AppResult};
use crate::platform::web::json;

fn fingerprint(signed_text: &str) -> String {
    let digest = Blake2s256::digest(signed_text.as_bytes());
    digest[..12]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The version of a record: its fields, case discussions, reviews and agreed actions as
/// written (not the signatures, nor what has happened to the actions since).
pub fn of_record(record: &SessionView) -> String {
    let mut row = record.row.clone();
    row.supervisor_signed_at = None;
    row.supervisee_signed_at = None;
    row.updated_at = chrono::NaiveDateTime::default();
    let actions: Vec<_> = record
        .actions
        .iter()
        .map(|action| (action.id, &action.description, &action.owner, action.due_on))
        .collect();
    let reviews: Vec<_> = record
        .reviews
        .iter()
        .map(|review| (review.action.id, review.outcome, &review.reason))
        .collect();
    fingerprint(&format!("{row:?}{:?}{actions:?}{reviews:?}", record.cases))
}

/// The version of an agreement: its terms as written.
pub fn of_agreement(agreement: &Agreement) -> String {
    let mut terms = agreement.clone();
    terms.supervisor_signed_at = None;
    terms.supervisee_signed_at = None;
    terms.updated_at = chrono::NaiveDateTime::default();
    fingerprint(&format!("{terms:?}"))
}

/// Refuses a signature on `what` when the signer read another version than `current`.
pub fn require_seen(seen: Option<&str>, current: &str, what: &str) -> AppResult<()> {
    match seen.map(str::trim).filter(|seen| !seen.is_empty()) {
        Some(seen) if seen != current => Err(AppError::Conflict(format!(
            "The {what} has been changed since you opened it, so it was not signed: read it again, then sign."
        ))),
        _ => Ok(()),
    }
}

/// A signature as the API receives it: an empty body, or `{"version": ...}`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    /// The version read (from the record's or agreement's `version`); optional.
    #[serde(default)]
    pub version: Option<String>,
}

impl SignRequest {
    /// Reads a body that may be empty.
    pub fn parse(body: &str) -> AppResult<Self> {
        if body.trim().is_empty() {
            Ok(Self::default())
        } else {
            json::parse(body)
        }
    }
}

/// A sign button's form: the CSRF token and the version shown.
#[derive(Debug, FromForm)]
pub struct SignForm {
    #[field(name = "csrf")]
    _csrf: Option<String>,
    /// The version the page showed.
    pub version: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_on_another_version_is_refused_and_none_named_is_taken_as_read() {
        let current = fingerprint("Agenda: caseload");
        assert_eq!(current.len(), 24);
        assert_ne!(current, fingerprint("Agenda: caseload and wellbeing"));
        assert!(require_seen(Some(&current), &current, "record").is_ok());
        assert!(require_seen(None, &current, "record").is_ok());
        assert!(require_seen(Some(" "), &current, "record").is_ok());
        let refused = require_seen(Some("0123"), &current, "record");
        assert!(matches!(refused, Err(AppError::Conflict(message)) if message.contains("record")));
    }
}
