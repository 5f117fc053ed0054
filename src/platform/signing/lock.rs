//! Locking: once both parties have signed, a document is not changed in place. Where the
//! document allows it a change is an amendment (kept beside the signed text); otherwise it
//! takes a new version that both sign again. Signatures are never cleared behind anyone's
//! back: an edit of a locked document is refused.

use chrono::NaiveDateTime;

use crate::error::{AppError, AppResult};

/// The two signatures a document carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signatures {
    /// When the first party (supervisor, practice educator) signed.
    pub first: Option<NaiveDateTime>,
    /// When the second party (supervisee, student) signed.
    pub second: Option<NaiveDateTime>,
}

impl Signatures {
    /// Signed by both: the document is locked.
    pub fn locked(self) -> bool {
        self.first.is_some() && self.second.is_some()
    }
}

/// What a locked document offers instead of an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterLock {
    /// Changes are amendments, with a reason.
    Amendment,
    /// Changes need a new version, which both sign again.
    NewVersion,
}

/// Refuses to change `what` in place once both have signed it (409), saying what to do
/// instead.
pub fn require_unlocked(signatures: Signatures, what: &str, after: AfterLock) -> AppResult<()> {
    if !signatures.locked() {
        return Ok(());
    }
    Err(AppError::Conflict(match after {
        AfterLock::Amendment => format!(
            "Both have signed the {what}, so it is locked: record a change as an amendment, with a reason."
        ),
        AfterLock::NewVersion => format!(
            "Both have signed the {what}, so it is locked and keeps its signatures: a change needs a new version, which you both sign again: start one from the {what}."
        ),
    }))
}

/// Refuses an amendment to `what` before both have signed it: a draft is changed directly.
pub fn require_locked(signatures: Signatures, what: &str) -> AppResult<()> {
    if signatures.locked() {
        Ok(())
    } else {
        Err(AppError::Conflict(format!(
            "The {what} is not signed by both yet: change it directly instead."
        )))
    }
}
