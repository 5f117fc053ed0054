//! The small JSON API the page's draft script uses, signed in by the page's session and
//! guarded by the page's CSRF token: read, keep and discard the draft of one form.

use rocket::State;
use rocket::http::CookieJar;
use rocket::serde::json::Json;
use rocket::{get, post};
use serde::Serialize;

use super::service::{self, DraftFields, KeptDraftJson};
use crate::platform::auth::Viewer;
use crate::platform::auth::csrf_header::CsrfHeader;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::bounce::BOUNCE_COOKIE;
use crate::platform::web::bounce_store::BounceStore;
use crate::platform::web::{ApiJson, ApiResult};

/// The answer to a discard.
#[derive(Debug, Serialize)]
struct Discarded {
    /// Whether a draft was kept before.
    discarded: bool,
}

#[get("/drafts?<form>")]
async fn read_draft(
    form: Option<String>,
    viewer: Viewer,
    db: &Database,
) -> ApiResult<Json<KeptDraftJson>> {
    let actor = viewer.actor;
    let kept = db
        .run(move |conn| service::read(conn, &actor, form.as_deref()))
        .await?;
    Ok(Json(kept))
}

#[post("/drafts?<form>", data = "<draft>")]
async fn keep_draft(
    form: Option<String>,
    draft: ApiJson<DraftFields>,
    csrf: CsrfHeader,
    viewer: Viewer,
    db: &Database,
) -> ApiResult<Json<KeptDraftJson>> {
    csrf.require()?;
    let actor = viewer.actor;
    let kept = db
        .run(move |conn| service::keep(conn, &actor, form.as_deref(), &draft.0, clock::now()))
        .await?;
    Ok(Json(kept))
}

#[post("/drafts/discard?<form>")]
async fn discard_draft(
    form: Option<String>,
    csrf: CsrfHeader,
    viewer: Viewer,
    bounces: &State<BounceStore>,
    cookies: &CookieJar<'_>,
    db: &Database,
) -> ApiResult<Json<Discarded>> {
    csrf.require()?;
    let actor = viewer.actor;
    // A refused submission of the form is not shown again at its page once discarded.
    if let (Some(token), Some(action)) = (cookies.get(BOUNCE_COOKIE), form.as_deref()) {
        bounces.forget(token.value(), actor.user_id, action);
    }
    let discarded = db
        .run(move |conn| service::discard(conn, &actor, form.as_deref()))
        .await?;
    Ok(Json(Discarded { discarded }))
}

/// The draft routes, mounted at `/`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![read_draft, keep_draft, discard_draft]
}
