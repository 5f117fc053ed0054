//! The CSRF check for requests sent by the page's own scripts, which carry the token in an
//! `X-CSRF-Token` header instead of a form field.

use rocket::request::{FromRequest, Outcome, Request};

use super::csrf;
use crate::error::AppError;

/// Name of the header carrying the token.
pub const CSRF_HEADER: &str = "X-CSRF-Token";

/// Whether a script's request carried the page's CSRF token.
#[derive(Debug, Clone, Copy)]
pub struct CsrfHeader(bool);

impl CsrfHeader {
    /// Succeeds when the token matched; otherwise a 403 saying the page is stale.
    pub fn require(self) -> Result<(), AppError> {
        if self.0 {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "This page had expired (signed in or out elsewhere): reload it.".to_string(),
            ))
        }
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfHeader {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let sent = req.headers().get_one(CSRF_HEADER);
        Outcome::Success(CsrfHeader(csrf::matches(req.cookies(), sent)))
    }
}
