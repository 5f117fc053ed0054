//! JSON API of cases: `/api/v1/cases`.

use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{get, post, put};
use serde::Serialize;

use super::model::{CaseDraft, CaseJson, CaseStatus};
use super::service;
use crate::error::AppError;
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy::PrivacyWarning;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::{ApiJson, ApiResult};

/// A saved case with the confidentiality guard's findings.
#[derive(Debug, Serialize)]
pub struct SavedCase {
    /// The case.
    #[serde(flatten)]
    pub case: CaseJson,
    /// Likely identifiers found in the reference or label.
    pub privacy_warnings: Vec<PrivacyWarning>,
}

#[get("/cases?<status>")]
async fn list_cases(
    status: Option<String>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<CaseJson>>> {
    let status = status
        .map(|text| {
            CaseStatus::parse(&text)
                .ok_or_else(|| AppError::invalid("status", "Use open or closed."))
        })
        .transpose()?;
    let cases = db
        .run(move |conn| service::list(conn, &caller.0, status))
        .await?;
    Ok(Json(cases.iter().map(CaseJson::from).collect()))
}

#[post("/cases", data = "<body>")]
async fn create_case(
    body: ApiJson<CaseDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedCase>>> {
    let draft = body.0;
    let saved = db
        .run(move |conn| {
            service::create(
                conn,
                &caller.0,
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    let location = format!(
        "/api/v1/cases/{}",
        rocket::http::RawStr::new(&saved.record.reference).percent_encode()
    );
    Ok(Created::new(location).body(Json(SavedCase {
        case: CaseJson::from(&saved.record),
        privacy_warnings: saved.privacy_warnings,
    })))
}

#[get("/cases/<reference>")]
async fn get_case(
    reference: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<CaseJson>> {
    let case = db
        .run(move |conn| service::get(conn, &caller.0, &reference))
        .await?;
    Ok(Json(CaseJson::from(&case)))
}

#[put("/cases/<reference>", data = "<body>")]
async fn update_case(
    reference: String,
    body: ApiJson<CaseDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedCase>> {
    let draft = body.0;
    let saved = db
        .run(move |conn| {
            service::update(
                conn,
                &caller.0,
                &reference,
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Json(SavedCase {
        case: CaseJson::from(&saved.record),
        privacy_warnings: saved.privacy_warnings,
    }))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list_cases, create_case, get_case, update_case]
}
