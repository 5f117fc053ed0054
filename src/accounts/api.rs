//! JSON API of accounts: exchanging a username and password for a personal token, and
//! asking who a token belongs to.

use chrono::NaiveDateTime;
use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{State, get, post};
use serde::{Deserialize, Serialize};

use super::access::{self, AccessPage};
use super::{service, signing_in};
use crate::config::Settings;
use crate::platform::auth::throttle::SignInThrottle;
use crate::platform::auth::{ApiCaller, ClientAddress};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{ApiJson, ApiResult};

/// Body of `POST /api/v1/tokens`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Sign-in name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Optional name for the token (shown on the account page).
    #[serde(default)]
    pub name: Option<String>,
}

/// Answer of `POST /api/v1/tokens`.
#[derive(Debug, Serialize)]
pub struct TokenIssued {
    /// The token; send it as `Authorization: Bearer <token>`. It is not shown again.
    pub token: String,
    /// When it stops working (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub expires_at: NaiveDateTime,
}

#[post("/tokens", data = "<body>")]
async fn create_token(
    body: ApiJson<TokenRequest>,
    db: &Database,
    throttle: &State<SignInThrottle>,
    settings: &State<Settings>,
    address: ClientAddress,
) -> ApiResult<Created<Json<TokenIssued>>> {
    let request = body.0;
    let lifetime = settings.api_token_lifetime();
    let user = signing_in::authenticate(
        db,
        throttle,
        request.username,
        request.password,
        address.0.clone(),
    )
    .await?;
    let issued = db
        .run(move |conn| {
            let name = request.name.unwrap_or_else(|| "API token".to_string());
            let actor = user.actor()?;
            let now = clock::now();
            service::issue_token(conn, &actor, &name, lifetime, address.0.as_deref(), now)
        })
        .await?;
    Ok(Created::new("/api/v1/me").body(Json(TokenIssued {
        token: issued.token,
        expires_at: issued.expires_at,
    })))
}

/// Answer of `GET /api/v1/me`.
#[derive(Debug, Serialize)]
pub struct Me {
    /// Sign-in name.
    pub username: String,
    /// Shown name.
    pub display_name: String,
    /// Role.
    pub role: &'static str,
}

#[get("/account/access?<page>")]
async fn access_log(
    page: Option<i64>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AccessPage>> {
    let log = db
        .run(move |conn| access::access_log(conn, &caller.0, page.unwrap_or(1)))
        .await?;
    Ok(Json(log))
}

#[get("/me")]
fn me(caller: ApiCaller) -> Json<Me> {
    Json(Me {
        username: caller.0.username,
        display_name: caller.0.display_name,
        role: caller.0.role.as_str(),
    })
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![create_token, me, access_log]
}
