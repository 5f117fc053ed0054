//! The one shape of a change made after both signed, and the rules every amendment follows.
//! The signed text is never rewritten: an amendment is stored beside it, naming the part
//! changed, the text before and after, who changed it, when and why, so the document as
//! signed and every later change stay readable.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::input::{check_length, trimmed};

/// Longest reason accepted, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

/// An amendment as readers see it, whichever document it changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amendment {
    /// The part changed (`agenda`, `goals`, `case:3:decision`...).
    pub field: String,
    /// That part's name for people.
    pub field_label: String,
    /// The part's text before.
    pub previous_text: String,
    /// Its text after.
    pub new_text: String,
    /// Why it was changed.
    pub reason: String,
    /// Who changed it (display name).
    pub author: String,
    /// When.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
}

/// A change that passed the rules, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The part's text as it stood (after earlier amendments).
    pub previous_text: String,
    /// The reason, trimmed.
    pub reason: String,
}

/// Checks an amendment of `what`: `previous` is the part's current text, or `None` when the
/// document has no such part; a reason is required; the new text must differ. `errors` may
/// already hold the document's own findings (e.g. an unknown recommendation).
pub fn check(
    what: &str,
    previous: Option<String>,
    text: &str,
    reason: Option<&str>,
    max_text_chars: usize,
    mut errors: FieldErrors,
) -> AppResult<Change> {
    if previous.is_none() {
        errors.add("field", format!("Choose a part of the {what} to amend."));
    }
    let reason = trimmed(reason).unwrap_or_default();
    if reason.is_empty() {
        errors.add("reason", format!("Say why the {what} is amended."));
    }
    check_length("text", text, max_text_chars, &mut errors);
    check_length("reason", &reason, MAX_REASON_CHARS, &mut errors);
    errors.into_result(())?;
    let previous_text = previous.unwrap_or_default();
    if previous_text == text {
        return Err(AppError::invalid(
            "text",
            "The new text is the same as the current text.",
        ));
    }
    Ok(Change {
        previous_text,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amendment_needs_a_known_part_a_reason_and_a_change() {
        let check = |previous: Option<&str>, text: &str, reason: Option<&str>| {
            check(
                "record",
                previous.map(str::to_string),
                text,
                reason,
                100,
                FieldErrors::new(),
            )
        };
        let change = check(Some("before"), "after", Some("  typo  ")).unwrap();
        assert_eq!(change.previous_text, "before");
        assert_eq!(change.reason, "typo");
        for (previous, text, reason, field) in [
            (None, "after", Some("typo"), "field"),
            (Some("before"), "after", Some(" "), "reason"),
            (Some("before"), "after", None, "reason"),
            (Some("same"), "same", Some("typo"), "text"),
        ] {
            match check(previous, text, reason) {
                Err(AppError::Invalid(errors)) => assert!(errors.get(field).is_some(), "{errors}"),
                other => panic!("expected a finding on {field}: {other:?}"),
            }
        }
    }
}
