//! JSON API of student placements, under `/api/v1/placements`. Anyone who is not a party to
//! a placement gets 404 for it; a party who may not make a change gets 403.

mod document_routes;
mod evidence_routes;

use crate::platform::db::DbConnection;
use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, post, put};

use super::json::{CoverageJson, DayJson, PlacementJson, PlacementSummaryJson, SavedJson};
use super::model::{DayDraft, PlacementDraft, Stage};
use super::view::{self, PlacementView};
use super::{accessed, service};
use crate::error::{AppError, AppResult};
use crate::platform::auth::{Actor, ApiCaller};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::{ApiJson, ApiResult};

/// The placement as the caller sees it today.
pub(super) fn assemble(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
) -> AppResult<PlacementView> {
    view::assemble(conn, actor, id, clock::today())
}

/// A stage from the path; an unknown one is not found.
pub(super) fn parse_stage(name: &str) -> AppResult<Stage> {
    Stage::parse(name).ok_or(AppError::NotFound)
}

pub(super) fn placement_location(id: i32) -> String {
    format!("/api/v1/placements/{id}")
}

#[get("/placements")]
async fn list(caller: ApiCaller, db: &Database) -> ApiResult<Json<Vec<PlacementSummaryJson>>> {
    let views = db
        .run(move |conn| {
            service::list(conn, &caller.0)?
                .into_iter()
                .map(|placement| assemble(conn, &caller.0, placement.id))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    Ok(Json(views.iter().map(PlacementSummaryJson::from).collect()))
}

#[post("/placements", data = "<body>")]
async fn create(
    body: ApiJson<PlacementDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedJson<PlacementJson>>>> {
    let draft = body.0;
    let (view, warnings) = db
        .run(move |conn| {
            let saved = service::create(
                conn,
                &caller.0,
                &draft,
                Acknowledgement::Given,
                clock::now(),
            )?;
            Ok((
                assemble(conn, &caller.0, saved.record)?,
                saved.privacy_warnings,
            ))
        })
        .await?;
    Ok(Created::new(placement_location(view.placement.id))
        .body(Json(SavedJson::new(PlacementJson::from(&view), warnings))))
}

#[get("/placements/<id>")]
async fn get_placement(
    id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<PlacementJson>> {
    let view = db
        .run(move |conn| accessed::open_evidence(conn, &caller.0, id, clock::today(), clock::now()))
        .await?;
    Ok(Json(PlacementJson::from(&view)))
}

#[put("/placements/<id>", data = "<body>")]
async fn update_placement(
    id: i32,
    body: ApiJson<PlacementDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<PlacementJson>>> {
    let draft = body.0;
    let (view, warnings) = db
        .run(move |conn| {
            let saved = service::update(
                conn,
                &caller.0,
                id,
                &draft,
                Acknowledgement::Given,
                clock::now(),
            )?;
            Ok((assemble(conn, &caller.0, id)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(PlacementJson::from(&view), warnings)))
}

/// A day of the view, as JSON.
fn day_of(view: &PlacementView, day_id: i32) -> AppResult<DayJson> {
    view.day_log
        .iter()
        .find(|line| line.row.id == day_id)
        .map(DayJson::from)
        .ok_or(AppError::NotFound)
}

#[get("/placements/<id>/days")]
async fn list_days(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<Json<Vec<DayJson>>> {
    let view = db.run(move |conn| assemble(conn, &caller.0, id)).await?;
    Ok(Json(view.day_log.iter().map(DayJson::from).collect()))
}

#[post("/placements/<id>/days", data = "<body>")]
async fn create_day(
    id: i32,
    body: ApiJson<DayDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedJson<DayJson>>>> {
    let draft = body.0;
    let (day, warnings) = db
        .run(move |conn| {
            let saved = service::save_day(
                conn,
                &caller.0,
                id,
                None,
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((day_of(&view, saved.record)?, saved.privacy_warnings))
        })
        .await?;
    let location = format!("/api/v1/placements/{id}/days/{}", day.id);
    Ok(Created::new(location).body(Json(SavedJson::new(day, warnings))))
}

#[get("/placements/<id>/days/<day_id>")]
async fn get_day(
    id: i32,
    day_id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<DayJson>> {
    let view = db.run(move |conn| assemble(conn, &caller.0, id)).await?;
    Ok(Json(day_of(&view, day_id)?))
}

#[put("/placements/<id>/days/<day_id>", data = "<body>")]
async fn update_day(
    id: i32,
    day_id: i32,
    body: ApiJson<DayDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<DayJson>>> {
    let draft = body.0;
    let (day, warnings) = db
        .run(move |conn| {
            let saved = service::save_day(
                conn,
                &caller.0,
                id,
                Some(day_id),
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((day_of(&view, saved.record)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(day, warnings)))
}

#[delete("/placements/<id>/days/<day_id>")]
async fn delete_day(
    id: i32,
    day_id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<NoContent> {
    db.run(move |conn| service::delete_day(conn, &caller.0, id, day_id))
        .await?;
    Ok(NoContent)
}

#[get("/placements/<id>/coverage")]
async fn coverage(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<Json<Vec<CoverageJson>>> {
    let view = db.run(move |conn| assemble(conn, &caller.0, id)).await?;
    Ok(Json(view.coverage.iter().map(CoverageJson::from).collect()))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = rocket::routes![
        list,
        create,
        get_placement,
        update_placement,
        list_days,
        create_day,
        get_day,
        update_day,
        delete_day,
        coverage
    ];
    routes.extend(evidence_routes::routes());
    routes.extend(document_routes::routes());
    routes
}
