//! Evidence links, comments and observations in the placements API.

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, post, put};
use serde::Deserialize;

use super::super::accessed::open_evidence;
use super::super::evidence::{self, EvidenceDraft};
use super::super::json::{EvidenceJson, LinkedJson, ObservationJson, SavedJson};
use super::super::model::ObservationDraft;
use super::super::view::PlacementView;
use super::assemble;
use crate::error::{AppError, AppResult};
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::{ApiJson, ApiResult};

#[get("/placements/<id>/evidence")]
async fn list_evidence(
    id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<EvidenceJson>>> {
    let view = db
        .run(move |conn| open_evidence(conn, &caller.0, id, clock::today(), clock::now()))
        .await?;
    Ok(Json(view.evidence.iter().map(EvidenceJson::from).collect()))
}

#[post("/placements/<id>/evidence", data = "<body>")]
async fn link_evidence(
    id: i32,
    body: ApiJson<EvidenceDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<LinkedJson>>> {
    let draft = body.0;
    let entry_id = draft.entry_id;
    let (view, warnings) = db
        .run(move |conn| {
            let saved = evidence::link(
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
    let linked = LinkedJson {
        evidence: view
            .evidence
            .iter()
            .filter(|link| Some(link.entry.id) == entry_id)
            .map(EvidenceJson::from)
            .collect(),
        privacy_warnings: warnings,
    };
    Ok(Created::new(format!("/api/v1/placements/{id}/evidence")).body(Json(linked)))
}

#[delete("/placements/<id>/evidence/<evidence_id>")]
async fn unlink_evidence(
    id: i32,
    evidence_id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<NoContent> {
    db.run(move |conn| evidence::unlink(conn, &caller.0, id, evidence_id))
        .await?;
    Ok(NoContent)
}

/// A comment on an evidence link.
#[derive(Debug, Deserialize)]
pub struct EvidenceCommentRequest {
    /// The comment.
    #[serde(default)]
    pub body: Option<String>,
}

#[post("/placements/<id>/evidence/<evidence_id>/comments", data = "<body>")]
async fn comment_on_evidence(
    id: i32,
    evidence_id: i32,
    body: ApiJson<EvidenceCommentRequest>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedJson<EvidenceJson>>>> {
    let request = body.0;
    let (view, warnings) = db
        .run(move |conn| {
            let saved = evidence::comment(
                conn,
                &caller.0,
                id,
                evidence_id,
                request.body.as_deref(),
                Acknowledgement::Given,
                clock::now(),
            )?;
            Ok((assemble(conn, &caller.0, id)?, saved.privacy_warnings))
        })
        .await?;
    let link = view
        .evidence
        .iter()
        .find(|link| link.row.id == evidence_id)
        .map(EvidenceJson::from)
        .ok_or(AppError::NotFound)?;
    Ok(Created::new(format!("/api/v1/placements/{id}/evidence"))
        .body(Json(SavedJson::new(link, warnings))))
}

/// An observation of the view, as JSON.
fn observation_of(view: &PlacementView, observation_id: i32) -> AppResult<ObservationJson> {
    view.observations
        .iter()
        .find(|row| row.id == observation_id)
        .map(ObservationJson::from)
        .ok_or(AppError::NotFound)
}

#[get("/placements/<id>/observations")]
async fn list_observations(
    id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<ObservationJson>>> {
    let view = db.run(move |conn| assemble(conn, &caller.0, id)).await?;
    Ok(Json(
        view.observations
            .iter()
            .map(ObservationJson::from)
            .collect(),
    ))
}

#[post("/placements/<id>/observations", data = "<body>")]
async fn create_observation(
    id: i32,
    body: ApiJson<ObservationDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedJson<ObservationJson>>>> {
    let draft = body.0;
    let (observation, warnings) = db
        .run(move |conn| {
            let saved = evidence::save_observation(
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
            Ok((observation_of(&view, saved.record)?, saved.privacy_warnings))
        })
        .await?;
    let location = format!("/api/v1/placements/{id}/observations/{}", observation.id);
    Ok(Created::new(location).body(Json(SavedJson::new(observation, warnings))))
}

#[get("/placements/<id>/observations/<observation_id>")]
async fn get_observation(
    id: i32,
    observation_id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<ObservationJson>> {
    let view = db.run(move |conn| assemble(conn, &caller.0, id)).await?;
    Ok(Json(observation_of(&view, observation_id)?))
}

#[put("/placements/<id>/observations/<observation_id>", data = "<body>")]
async fn update_observation(
    id: i32,
    observation_id: i32,
    body: ApiJson<ObservationDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<ObservationJson>>> {
    let draft = body.0;
    let (observation, warnings) = db
        .run(move |conn| {
            let saved = evidence::save_observation(
                conn,
                &caller.0,
                id,
                Some(observation_id),
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((observation_of(&view, saved.record)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(observation, warnings)))
}

#[delete("/placements/<id>/observations/<observation_id>")]
async fn delete_observation(
    id: i32,
    observation_id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<NoContent> {
    db.run(move |conn| evidence::delete_observation(conn, &caller.0, id, observation_id))
        .await?;
    Ok(NoContent)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        list_evidence,
        link_evidence,
        unlink_evidence,
        comment_on_evidence,
        list_observations,
        create_observation,
        get_observation,
        update_observation,
        delete_observation
    ]
}
