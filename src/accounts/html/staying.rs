//! Staying signed in: the idle limit for the page's warning, and the "Stay signed in"
//! button's request, which counts as activity like any signed-in request.

use rocket::serde::json::Json;
use rocket::{State, get, post};
use serde::Serialize;

use crate::config::Settings;
use crate::platform::auth::Viewer;
use crate::platform::auth::csrf_header::CsrfHeader;
use crate::platform::web::ApiResult;

/// How long a session may sit idle.
#[derive(Debug, Serialize)]
struct IdleLimit {
    /// Minutes without a request before the session ends.
    idle_minutes: u32,
}

/// The idle limit; asks for no session, so reading it never keeps one alive.
#[get("/session/idle-limit")]
fn idle_limit(settings: &State<Settings>) -> Json<IdleLimit> {
    Json(IdleLimit {
        idle_minutes: settings.session_idle_minutes,
    })
}

/// Keeps the session alive: resolving the session (the `Viewer` guard) marks it as seen,
/// at the same one-minute grain as any other request.
#[post("/session/stay")]
fn stay_signed_in(
    csrf: CsrfHeader,
    _viewer: Viewer,
    settings: &State<Settings>,
) -> ApiResult<Json<IdleLimit>> {
    csrf.require()?;
    Ok(Json(IdleLimit {
        idle_minutes: settings.session_idle_minutes,
    }))
}

/// The staying-signed-in routes.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![idle_limit, stay_signed_in]
}
