//! Rendering askama templates as responses, and errors as pages.

use askama::Template;
use rocket::http::{ContentType, Header, Status};
use rocket::request::Request;
use rocket::response::{self, Redirect, Responder, Response};

use super::error_page::ErrorPage;
use crate::error::{AppError, RETRY_UNAVAILABLE_SECS};

/// A rendered HTML page with its status.
#[derive(Debug)]
pub struct Page {
    status: Status,
    html: String,
}

/// Adds `Retry-After` to a 503, which only ever means "try again shortly".
pub(super) fn with_retry_after(mut response: Response<'static>) -> Response<'static> {
    if response.status() == Status::ServiceUnavailable {
        response.set_header(Header::new(
            "Retry-After",
            RETRY_UNAVAILABLE_SECS.to_string(),
        ));
    }
    response
}

impl Page {
    /// Renders a template with status 200.
    pub fn render<T: Template>(template: &T) -> Result<Self, AppError> {
        let html = template
            .render()
            .map_err(|error| AppError::Internal(format!("template: {error}")))?;
        Ok(Self {
            status: Status::Ok,
            html,
        })
    }

    /// Renders a template with another status (422 for a form shown again with messages).
    pub fn render_with<T: Template>(status: Status, template: &T) -> Result<Self, AppError> {
        Ok(Self {
            status,
            ..Self::render(template)?
        })
    }
}

impl<'r> Responder<'r, 'static> for Page {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let response = Response::build_from(self.html.respond_to(req)?)
            .status(self.status)
            .header(ContentType::HTML)
            .finalize();
        Ok(with_retry_after(response))
    }
}

/// An error answered as a page: sign-in for the unauthenticated, else an explanation.
#[derive(Debug)]
pub struct HtmlError(pub AppError);

impl From<AppError> for HtmlError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl<'r> Responder<'r, 'static> for HtmlError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        if matches!(self.0, AppError::Unauthenticated) {
            return Redirect::to(super::sign_in_redirect(req)).respond_to(req);
        }
        if let AppError::Internal(detail) = &self.0 {
            tracing::error!(path = %req.uri().path(), "{detail}");
        }
        ErrorPage::for_error(req, &self.0).respond_to(req)
    }
}

/// What page handlers return.
pub type PageResult<T = Page> = Result<T, HtmlError>;
