//! Request guards that resolve who is asking: `Viewer` for pages (session cookie),
//! `ApiCaller` for the JSON API (bearer token), `AdminViewer` for admin pages.

use chrono::Duration;
use rocket::http::Status;
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};

use crate::platform::db::{DbConnection, request};

use super::actor::Actor;
use super::credential_cache::CredentialCache;
use super::secret::fingerprint;
use super::session::Resolved;
use super::session::SESSION_COOKIE;
use super::{api_token, csrf, session};
use crate::config::Settings;
use crate::error::{AppError, AppResult};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::policy;
use crate::platform::web::guard_failure;

/// Who a request acts for, cached so that error pages and headers can ask later.
#[derive(Debug, Clone, Default)]
pub struct SignedIn(pub Option<Actor>);

/// A one-off message carried across a redirect ("Entry saved").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    /// `success`, `warning` or `error`.
    pub kind: String,
    /// The message.
    pub message: String,
}

/// A signed-in person viewing pages, with what every page needs.
#[derive(Debug, Clone)]
pub struct Viewer {
    /// Who they are.
    pub actor: Actor,
    /// The CSRF token for forms on the page.
    pub csrf: String,
    /// A message from the previous request, if any.
    pub flash: Option<Flash>,
}

fn database<'r>(req: &'r Request<'_>) -> Result<&'r Database, AppError> {
    req.rocket()
        .state::<Database>()
        .ok_or_else(|| AppError::Internal("database not managed".into()))
}

async fn session_actor(req: &Request<'_>) -> Result<Option<Actor>, AppError> {
    let Some(cookie) = req.cookies().get_private(SESSION_COOKIE) else {
        return Ok(None);
    };
    let idle_minutes = req
        .rocket()
        .state::<Settings>()
        .map_or(60, |settings| settings.session_idle_minutes);
    let session_id = cookie.value().to_string();
    let now = clock::now();
    let key = format!("session:{}", fingerprint(&session_id));
    remembered_or_resolved(req, key, move |conn| {
        session::resolve(
            conn,
            &session_id,
            now,
            Duration::minutes(idle_minutes.into()),
        )
    })
    .await
}

/// The owner of a credential: remembered from a recent request, else asked of the database
/// (and remembered for as long as the answer holds).
async fn remembered_or_resolved(
    req: &Request<'_>,
    key: String,
    resolve: impl FnOnce(&mut DbConnection) -> AppResult<Option<Resolved>> + Send + 'static,
) -> Result<Option<Actor>, AppError> {
    let cache = req.rocket().state::<CredentialCache>();
    if let Some(actor) = cache.and_then(|cache| cache.get(&key)) {
        return Ok(Some(actor));
    }
    let changes = CredentialCache::changes();
    let resolved = database(req)?.run(resolve).await?;
    Ok(resolved.map(|resolved| {
        if let Some(cache) = cache {
            cache.put(key, resolved.actor.clone(), resolved.holds_for, changes);
        }
        resolved.actor
    }))
}

fn fail<T>(req: &Request<'_>, error: AppError) -> Outcome<T, AppError> {
    guard_failure::remember(req, &error);
    let status = Status::from_code(error.status_code()).unwrap_or(Status::InternalServerError);
    Outcome::Error((status, error))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Viewer {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let actor = match session_actor(req).await {
            Ok(Some(actor)) => actor,
            Ok(None) => {
                req.cookies().remove_private(SESSION_COOKIE);
                return fail(req, AppError::Unauthenticated);
            }
            Err(error) => return fail(req, error),
        };
        req.local_cache(|| SignedIn(Some(actor.clone())));
        request::acts_for(req, actor.user_id);
        let flash = match req.guard::<Option<FlashMessage<'_>>>().await {
            Outcome::Success(Some(message)) => Some(Flash {
                kind: message.kind().to_string(),
                message: message.message().to_string(),
            }),
            _ => None,
        };
        Outcome::Success(Viewer {
            actor,
            csrf: csrf::token(req.cookies(), csrf::secure_cookies(req)),
            flash,
        })
    }
}

/// A signed-in administrator; anyone else gets 404, as if admin pages did not exist.
#[derive(Debug, Clone)]
pub struct AdminViewer(pub Viewer);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for AdminViewer {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.guard::<Viewer>().await {
            Outcome::Success(viewer) if policy::may_administer(&viewer.actor) => {
                Outcome::Success(AdminViewer(viewer))
            }
            Outcome::Success(_) => fail(req, AppError::NotFound),
            Outcome::Error(error) => Outcome::Error(error),
            Outcome::Forward(status) => Outcome::Forward(status),
        }
    }
}

/// A caller of the JSON API, identified by `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Actor);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for ApiCaller {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(token) = req
            .headers()
            .get_one("Authorization")
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(|token| token.trim().to_string())
        else {
            return fail(req, AppError::Unauthenticated);
        };
        let now = clock::now();
        let key = format!("token:{}", fingerprint(&token));
        match remembered_or_resolved(req, key, move |conn| api_token::resolve(conn, &token, now))
            .await
        {
            Ok(Some(actor)) => {
                req.local_cache(|| SignedIn(Some(actor.clone())));
                request::acts_for(req, actor.user_id);
                Outcome::Success(ApiCaller(actor))
            }
            Ok(None) => fail(req, AppError::Unauthenticated),
            Err(error) => fail(req, error),
        }
    }
}
