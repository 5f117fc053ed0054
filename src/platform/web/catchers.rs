//! What Rocket answers when no handler does: pages for people, problem JSON under `/api`.

use rocket::http::{Method, Status};
use rocket::request::Request;
use rocket::response::Redirect;
use rocket::{Catcher, Either, catch, catchers};

use super::error_page::ErrorPage;
use super::form_home::form_home;
use super::guard_failure;
use super::problem::Problem;

/// Pages: sign-in for the unauthenticated, else an error page explaining the guard's reason.
#[catch(default)]
fn page_catcher(status: Status, req: &Request<'_>) -> Either<ErrorPage, Redirect> {
    if status == Status::Unauthorized {
        return Either::Right(Redirect::to(super::sign_in_redirect(req)));
    }
    // A GET on a path that only receives a form (a reload after a bounce) goes to the page
    // of that form. Only when no route matched, so it says nothing about any record.
    if status == Status::NotFound
        && req.method() == Method::Get
        && req.route().is_none()
        && let Some(home) = form_home(req.uri().path().as_str())
    {
        return Either::Right(Redirect::to(home));
    }
    Either::Left(match guard_failure::recall(req) {
        Some(error) => ErrorPage::for_error(req, error),
        None => ErrorPage::for_status(req, status),
    })
}

/// The API: a problem document, with the guard's reason when there was one.
#[catch(default)]
fn api_catcher(status: Status, req: &Request<'_>) -> Problem {
    match guard_failure::recall(req) {
        Some(error) => Problem::from_error(error),
        None => Problem::from_status(status),
    }
}

/// Catchers for pages, mounted at `/`.
pub fn pages() -> Vec<Catcher> {
    catchers![page_catcher]
}

/// Catchers for the API, mounted at `/api`.
pub fn api() -> Vec<Catcher> {
    catchers![api_catcher]
}

/// Whether a request may be safely repeated after signing in.
pub fn is_repeatable(req: &Request<'_>) -> bool {
    req.method() == Method::Get
}
