//! `GET /api/v1/imported` and `GET /api/v1/imported/<id>`: the caller's read-only copies.
//! There is no route that changes one.

use rocket::get;
use rocket::serde::json::Json;

use super::{ImportedRecordJson, service};
use crate::platform::auth::ApiCaller;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;

#[get("/imported")]
async fn list(caller: ApiCaller, db: &Database) -> ApiResult<Json<Vec<ImportedRecordJson>>> {
    let records = db.run(move |conn| service::list(conn, &caller.0)).await?;
    Ok(Json(records.iter().map(ImportedRecordJson::from).collect()))
}

#[get("/imported/<id>")]
async fn read(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<Json<ImportedRecordJson>> {
    let record = db
        .run(move |conn| service::get(conn, &caller.0, id))
        .await?;
    Ok(Json(ImportedRecordJson::from(&record)))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list, read]
}
