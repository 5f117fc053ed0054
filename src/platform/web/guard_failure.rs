//! Rocket's catchers do not receive a failed guard's error, so guards leave it here for
//! the catcher to explain.

use rocket::Request;

use crate::error::AppError;

/// The error a guard failed with, cached on the request.
#[derive(Debug, Default)]
pub struct GuardFailure(pub Option<AppError>);

/// Records why a guard failed; the first failure of a request wins.
pub fn remember(req: &Request<'_>, error: &AppError) {
    req.local_cache(|| GuardFailure(Some(error.clone())));
}

/// The recorded failure, if a guard left one.
pub fn recall<'r>(req: &'r Request<'_>) -> Option<&'r AppError> {
    req.local_cache(GuardFailure::default).0.as_ref()
}
