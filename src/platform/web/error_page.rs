//! The page shown for an error, with the site's frame when someone is signed in.

use askama::Template;
use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Responder, Response};

use super::layout::Layout;
use crate::error::AppError;
use crate::platform::auth::csrf;
use crate::platform::auth::guards::SignedIn;

/// The error page template.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    layout: Layout,
    status: u16,
    heading: String,
    message: String,
    messages: Vec<String>,
}

impl ErrorPage {
    /// Explains `error` to whoever made `req`.
    pub fn for_error(req: &Request<'_>, error: &AppError) -> Self {
        let status = error.status_code();
        let messages = match error {
            AppError::Invalid(errors) => errors
                .iter()
                .map(|error| format!("{}: {}", error.field, error.message))
                .collect(),
            _ => Vec::new(),
        };
        Self::new(req, status, error.public_message(), messages)
    }

    /// A page for a bare status (from a catcher with no recorded error).
    pub fn for_status(req: &Request<'_>, status: Status) -> Self {
        let message = match status.code {
            404 => "There is nothing here, or you do not have access to it.".to_string(),
            413 => "What you sent is larger than this form accepts.".to_string(),
            422 | 400 => {
                "The form was incomplete or malformed; please go back and try again.".to_string()
            }
            _ => "Something went wrong on our side. Please try again.".to_string(),
        };
        Self::new(req, status.code, message, Vec::new())
    }

    fn new(req: &Request<'_>, status: u16, message: String, messages: Vec<String>) -> Self {
        let user = req.local_cache(SignedIn::default).0.clone();
        let heading = match status {
            404 => "Not found",
            403 => "Not allowed",
            413 => "Too large",
            422 | 400 => "Please check what you entered",
            429 => "Too many attempts",
            503 => "Not available just now",
            _ => "Something went wrong",
        }
        .to_string();
        Self {
            layout: Layout::public(
                heading.clone(),
                csrf::token(req.cookies(), csrf::secure_cookies(req)),
                user,
            ),
            status,
            heading,
            message,
            messages,
        }
    }
}

impl<'r> Responder<'r, 'static> for ErrorPage {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = Status::from_code(self.status).unwrap_or(Status::InternalServerError);
        let html = self.render().unwrap_or_else(|_| {
            "<!doctype html><title>Error</title><p>Something went wrong.</p>".to_string()
        });
        let response = Response::build_from(html.respond_to(req)?)
            .status(status)
            .header(ContentType::HTML)
            .finalize();
        // Also for the catchers' pages (a guard answered busy), which no handler wraps.
        Ok(super::page::with_retry_after(response))
    }
}
