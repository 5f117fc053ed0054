//! The confidentiality guard's decision: findings either wait for a person to confirm them
//! (pages) or travel back with the saved record (API).

use super::privacy::{PrivacyWarning, scan_all};
use crate::error::{AppError, AppResult};

/// Whether the person saving has already seen and accepted the findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acknowledgement {
    /// Stop and show the findings if there are any (forms, first submission).
    Required,
    /// Save anyway and report the findings (forms after confirming; the API).
    Given,
}

/// A record saved, with what the guard found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved<T> {
    /// The record as stored.
    pub record: T,
    /// Likely identifiers in the saved text.
    pub privacy_warnings: Vec<PrivacyWarning>,
}

/// Scans the named fields; refuses with the findings unless they were acknowledged.
pub fn review<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    acknowledgement: Acknowledgement,
) -> AppResult<Vec<PrivacyWarning>> {
    let warnings = scan_all(fields);
    if warnings.is_empty() || acknowledgement == Acknowledgement::Given {
        Ok(warnings)
    } else {
        Err(AppError::PrivacyReview(warnings))
    }
}
