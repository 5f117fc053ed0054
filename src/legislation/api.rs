//! JSON API of the tag catalogue: `GET /api/v1/tags`.

use rocket::get;
use rocket::serde::json::Json;

use super::model::TagKind;
use super::service;
use super::store::TagJson;
use crate::error::AppError;
use crate::platform::auth::ApiCaller;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;

#[get("/tags?<kind>&<q>")]
async fn list_tags(
    kind: Option<String>,
    q: Option<String>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<TagJson>>> {
    let kind = kind
        .map(|text| {
            TagKind::parse(&text)
                .ok_or_else(|| AppError::invalid("kind", "Use legislation, pcf, sws or topic."))
        })
        .transpose()?;
    let tags = db
        .run(move |conn| service::list(conn, &caller.0, kind, q.as_deref()))
        .await?;
    Ok(Json(tags.iter().map(TagJson::from).collect()))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list_tags]
}
