//! A signature is taken only on the text its signer read: the sign request names the version
//! shown to them, and it must still be the document's version when the signature is written.

use super::text::SignedText;
use crate::error::{AppError, AppResult};

/// The field every sign request names the version in.
pub const VERSION_FIELD: &str = "version";

/// Refuses a signature on `what` (e.g. "learning agreement") unless `seen` names the version
/// of `current`: a missing version is invalid input (422), another version a conflict (409).
/// Callers check this inside the transaction that writes the signature.
pub fn require_current(seen: Option<&str>, current: &SignedText, what: &str) -> AppResult<()> {
    require_version(
        seen,
        current,
        || format!("Name the version of the {what} you read (the `version` it shows) to sign it."),
        || {
            format!(
                "This {what} changed since you opened it; read it again before signing. Nothing was signed."
            )
        },
    )
}

/// Refuses a change to a draft of `what` unless `seen` names the version its author read, so
/// that two parties editing one draft never overwrite each other unknowingly and a body that
/// forgot the document blanks nothing: missing is invalid (422), stale a conflict (409).
pub fn require_unchanged(seen: Option<&str>, current: &SignedText, what: &str) -> AppResult<()> {
    require_version(
        seen,
        current,
        || {
            format!(
                "Name the version of the {what} you read (the `version` it shows) to change it."
            )
        },
        || {
            format!(
                "This {what} changed since you opened it; read it again and redo your change. Nothing was saved."
            )
        },
    )
}

fn require_version(
    seen: Option<&str>,
    current: &SignedText,
    missing: impl FnOnce() -> String,
    stale: impl FnOnce() -> String,
) -> AppResult<()> {
    let Some(seen) = seen.map(str::trim).filter(|seen| !seen.is_empty()) else {
        return Err(AppError::invalid(VERSION_FIELD, missing()));
    };
    if seen == current.version() {
        Ok(())
    } else {
        Err(AppError::Conflict(stale()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_current_version_is_taken() {
        let current = SignedText::new("example").field("agenda", "caseload");
        let changed = SignedText::new("example").field("agenda", "caseload and wellbeing");
        assert!(require_current(Some(&current.version()), &current, "record").is_ok());
        let stale = require_current(Some(&changed.version()), &current, "record");
        assert!(
            matches!(stale, Err(AppError::Conflict(message)) if message.contains("changed since you opened it"))
        );
        for missing in [None, Some(""), Some("  ")] {
            let refused = require_current(missing, &current, "record");
            assert!(
                matches!(&refused, Err(AppError::Invalid(errors)) if errors.get(VERSION_FIELD).is_some()),
                "{refused:?}"
            );
        }
    }

    #[test]
    fn a_change_names_the_version_it_was_made_on() {
        let current = SignedText::new("example").field("agenda", "caseload");
        let changed = SignedText::new("example").field("agenda", "caseload and wellbeing");
        assert!(require_unchanged(Some(&current.version()), &current, "record").is_ok());
        let stale = require_unchanged(Some(&changed.version()), &current, "record");
        assert!(
            matches!(stale, Err(AppError::Conflict(message)) if message.contains("Nothing was saved"))
        );
        let missing = require_unchanged(None, &current, "record");
        assert!(
            matches!(&missing, Err(AppError::Invalid(errors)) if errors.get(VERSION_FIELD).is_some()),
            "{missing:?}"
        );
    }
}
