//! How a submitted form ends: saved (go on), or shown again with the status, the field
//! errors and the confidentiality findings that explain why.

use rocket::http::Status;

use super::findings::{FindingLine, finding_lines};
use super::form::STALE_FORM_MESSAGE;
use crate::error::{AppError, FieldErrors};
use crate::platform::privacy_review::Acknowledgement;

/// Why a form is shown again.
#[derive(Debug, Default)]
pub struct Redisplay {
    /// 403 for a stale form, 422 for invalid input or findings to confirm.
    pub status: Option<Status>,
    /// Problems by field.
    pub errors: FieldErrors,
    /// Likely identifiers to confirm or remove.
    pub findings: Vec<FindingLine>,
}

impl Redisplay {
    /// Nothing to explain: a form shown for the first time.
    pub fn fresh() -> Self {
        Self::default()
    }

    /// The status to answer with.
    pub fn status(&self) -> Status {
        self.status.unwrap_or(Status::Ok)
    }

    /// A stale form, blamed on `field` so the message sits beside the first input.
    pub fn stale(field: &str) -> Self {
        Self {
            status: Some(Status::Forbidden),
            errors: FieldErrors::single(field, STALE_FORM_MESSAGE),
            findings: Vec::new(),
        }
    }
}

/// Sorts a service's answer to a form: the saved value, a reason to show the form again,
/// or an error for the error page (not found, forbidden, conflict...).
pub fn settle<T>(outcome: Result<T, AppError>) -> Result<Result<T, Redisplay>, AppError> {
    match outcome {
        Ok(value) => Ok(Ok(value)),
        Err(AppError::Invalid(errors)) => Ok(Err(Redisplay {
            status: Some(Status::UnprocessableEntity),
            errors,
            findings: Vec::new(),
        })),
        Err(AppError::PrivacyReview(warnings)) => Ok(Err(Redisplay {
            status: Some(Status::UnprocessableEntity),
            errors: FieldErrors::new(),
            findings: finding_lines(&warnings),
        })),
        Err(other) => Err(other),
    }
}

/// The acknowledgement a form's confirmation box gives.
pub fn acknowledgement(confirmed: bool) -> Acknowledgement {
    if confirmed {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    }
}

/// Saves a submitted form unless its CSRF token was stale, and sorts the outcome as
/// [`settle`] does; a stale form is shown again with the message beside `field`.
pub async fn attempt<T>(
    stale: bool,
    field: &str,
    save: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<Result<T, Redisplay>, AppError> {
    if stale {
        return Ok(Err(Redisplay::stale(field)));
    }
    settle(save.await)
}
