//! The one error type of the application, and the field-by-field messages of bad input.

use std::fmt;

use serde::Serialize;

/// A message about one input field, shown beside the field on a page and named in API problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the form or JSON body spells it (`title`, `sections.feelings`).
    pub field: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

/// Every problem found in one submission; empty means the input is valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A single problem.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message about `field`, for showing beside it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }

    /// All problems, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// `Ok(value)` when nothing is wrong, else the problems as an [`AppError`].
    pub fn into_result<T>(self, value: T) -> Result<T, AppError> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self))
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|error| format!("{}: {}", error.field, error.message))
            .collect();
        f.write_str(&parts.join("; "))
    }
}

/// Seconds a client is asked to wait (`Retry-After`) before asking again after
/// [`AppError::Unavailable`].
pub const RETRY_UNAVAILABLE_SECS: u64 = 5;

/// What can go wrong while serving a request or running a command.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AppError {
    /// Missing, or not visible to the caller: the two are deliberately indistinguishable.
    #[error("not found")]
    NotFound,
    /// The caller has not signed in (or the session or token has expired).
    #[error("you need to sign in")]
    Unauthenticated,
    /// A username and password that do not match an enabled account; deliberately the same
    /// message whether the username exists or not.
    #[error("The username or password is not right.")]
    Credentials,
    /// The caller may see the resource but may not do this to it.
    #[error("{0}")]
    Forbidden(String),
    /// The input breaks one or more rules; nothing was changed.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// The text may identify someone; a person must look at the findings and confirm
    /// before it is saved. Nothing was changed.
    #[error("what you wrote may identify someone")]
    PrivacyReview(Vec<crate::platform::privacy::PrivacyWarning>),
    /// The request as a whole cannot be understood (malformed body, bad query parameter).
    #[error("{0}")]
    BadRequest(String),
    /// The request conflicts with the current state (e.g. a signed record).
    #[error("{0}")]
    Conflict(String),
    /// Too many failed attempts; try again after the given number of seconds.
    #[error("too many failed attempts; try again in {retry_after_secs} seconds")]
    TooManyAttempts {
        /// Seconds until another attempt is allowed.
        retry_after_secs: u64,
    },
    /// Temporarily unable to answer (the search index is being rebuilt); try again shortly.
    #[error("{0}")]
    Unavailable(String),
    /// The body is larger than the limit for this kind of request.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// The configuration cannot be used (an invalid rules file, a bad setting); start-up stops.
    #[error("configuration: {0}")]
    Config(String),
    /// A fault of ours (database, file system); details go to the log, not the user.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// An invalid-input error about a single field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid(FieldErrors::single(field, message))
    }

    /// The HTTP status this error answers with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::NotFound => 404,
            Self::Unauthenticated | Self::Credentials => 401,
            Self::Forbidden(_) => 403,
            Self::Invalid(_) | Self::PrivacyReview(_) => 422,
            Self::BadRequest(_) => 400,
            Self::Conflict(_) => 409,
            Self::TooManyAttempts { .. } => 429,
            Self::PayloadTooLarge => 413,
            Self::Unavailable(_) => 503,
            Self::Internal(_) | Self::Config(_) => 500,
        }
    }

    /// What a user may be told; internal details are replaced by a generic sentence.
    pub fn public_message(&self) -> String {
        match self {
            Self::Internal(_) | Self::Config(_) => {
                "Something went wrong on our side. Nothing you sent was lost from the page; \
                 please try again."
                    .to_string()
            }
            Self::NotFound => "There is nothing here, or you do not have access to it.".into(),
            Self::Invalid(_) => "Some of what you entered needs attention.".into(),
            Self::PrivacyReview(_) => "What you wrote may identify someone. Check the \
                                       highlighted text, then edit it or confirm."
                .into(),
            other => other.to_string(),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(error: diesel::result::Error) -> Self {
        match error {
            diesel::result::Error::NotFound => Self::NotFound,
            other => Self::Internal(format!("database: {other}")),
        }
    }
}

/// No connection came free in time: the service is overloaded, which is worth a retry, not
/// a fault in what the client sent (so 503, never 500).
impl From<diesel::r2d2::PoolError> for AppError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        tracing::warn!("database pool: {error}");
        Self::Unavailable(crate::platform::db::BUSY.into())
    }
}

impl From<std::io::Error> for AppError {
    fn from(error: std::io::Error) -> Self {
        Self::Internal(format!("i/o: {error}"))
    }
}

/// Shorthand for results in this crate.
pub type AppResult<T> = Result<T, AppError>;
