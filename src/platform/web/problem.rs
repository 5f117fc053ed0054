//! API errors as `application/problem+json` (RFC 9457), naming the fields at fault.

use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};
use rocket::serde::json::Json;
use serde::Serialize;

use crate::error::{AppError, FieldError, RETRY_UNAVAILABLE_SECS};

/// The body of a problem response.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// Always `about:blank`: the status and title say what kind of problem it is.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The HTTP status's reason phrase.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, in words.
    pub detail: String,
    /// The fields at fault, when the input was invalid.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// The problem describing `error`.
    pub fn from_error(error: &AppError) -> Self {
        let status = Status::from_code(error.status_code()).unwrap_or(Status::InternalServerError);
        let errors: Vec<FieldError> = match error {
            AppError::Invalid(errors) => errors.iter().cloned().collect(),
            _ => Vec::new(),
        };
        let detail = match error {
            AppError::Invalid(errors) => errors.to_string(),
            other => other.public_message(),
        };
        Self {
            kind: "about:blank",
            title: status.reason_lossy().to_string(),
            status: status.code,
            detail,
            errors,
        }
    }

    /// A problem for a bare status (a catcher with no recorded error).
    pub fn from_status(status: Status) -> Self {
        let detail = match status.code {
            401 => "Send a personal API token as `Authorization: Bearer <token>`.".to_string(),
            404 => "There is nothing here, or you do not have access to it.".to_string(),
            413 => "The request body is too large.".to_string(),
            _ => status.reason_lossy().to_string(),
        };
        Self {
            kind: "about:blank",
            title: status.reason_lossy().to_string(),
            status: status.code,
            detail,
            errors: Vec::new(),
        }
    }
}

impl<'r> Responder<'r, 'static> for Problem {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = Status::from_code(self.status).unwrap_or(Status::InternalServerError);
        let mut response = Response::build_from(Json(self).respond_to(req)?);
        response
            .status(status)
            .header(ContentType::new("application", "problem+json"));
        if status == Status::Unauthorized {
            response.header(Header::new("WWW-Authenticate", "Bearer"));
        }
        if status == Status::ServiceUnavailable {
            // Overload or a rebuilding index: both pass within seconds.
            response.header(Header::new(
                "Retry-After",
                RETRY_UNAVAILABLE_SECS.to_string(),
            ));
        }
        response.ok()
    }
}

/// An error answered as problem JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        if let AppError::Internal(detail) = &self.0 {
            tracing::error!(path = %req.uri().path(), "{detail}");
        }
        let mut response = Problem::from_error(&self.0).respond_to(req)?;
        // Every 503 already says when to come back; a refused sign-in names its own wait.
        if let AppError::TooManyAttempts { retry_after_secs } = &self.0 {
            response.set_header(Header::new("Retry-After", retry_after_secs.to_string()));
        }
        Ok(response)
    }
}

/// What API handlers return.
pub type ApiResult<T> = Result<T, ApiError>;
