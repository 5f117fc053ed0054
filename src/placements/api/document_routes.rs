//! The learning agreement, reviews and amendments in the placements API.

use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{get, post, put};
use serde::Deserialize;

use super::super::accessed::open_document;
use super::super::documents::{self, AGREEMENT, AmendmentDraft};
use super::super::json::{AgreementJson, AmendmentJson, ReviewJson, SavedJson};
use super::super::model::{AgreementDraft, ReviewDraft, Stage};
use super::super::view::PlacementView;
use super::{assemble, parse_stage};
use crate::error::{AppError, AppResult};
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::signing::SignRequest;
use crate::platform::web::{ApiJson, ApiResult};

#[get("/placements/<id>/agreement")]
async fn get_agreement(
    id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AgreementJson>> {
    let view = db
        .run(move |conn| open_document(conn, &caller.0, id, None, clock::today(), clock::now()))
        .await?;
    Ok(Json(AgreementJson::of(&view).ok_or(AppError::NotFound)?))
}

/// The agreement of a placement just written or signed.
fn agreement_of(view: &PlacementView) -> AppResult<AgreementJson> {
    AgreementJson::of(view)
        .ok_or_else(|| AppError::Internal("the learning agreement vanished".into()))
}

#[put("/placements/<id>/agreement", data = "<body>")]
async fn put_agreement(
    id: i32,
    body: ApiJson<AgreementDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<AgreementJson>>> {
    let draft = body.0;
    let (agreement, warnings) = db
        .run(move |conn| {
            let saved = documents::save_agreement(
                conn,
                &caller.0,
                id,
                &draft,
                Acknowledgement::Given,
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((agreement_of(&view)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(agreement, warnings)))
}

#[post("/placements/<id>/agreement/sign", data = "<body>")]
async fn sign_agreement(
    id: i32,
    body: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AgreementJson>> {
    let seen = SignRequest::parse(&body)?.version;
    let view = db
        .run(move |conn| {
            documents::sign_agreement(conn, &caller.0, id, seen.as_deref(), clock::now())?;
            assemble(conn, &caller.0, id)
        })
        .await?;
    Ok(Json(agreement_of(&view)?))
}

/// A review of the view, as JSON; not found when not drafted (or not readable).
fn review_of(view: &PlacementView, stage: Stage) -> AppResult<ReviewJson> {
    view.review(stage)
        .map(|row| ReviewJson::new(view, row))
        .ok_or(AppError::NotFound)
}

#[get("/placements/<id>/reviews/<stage>")]
async fn get_review(
    id: i32,
    stage: &str,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<ReviewJson>> {
    let stage = parse_stage(stage)?;
    let view = db
        .run(move |conn| {
            open_document(
                conn,
                &caller.0,
                id,
                Some(stage),
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Json(review_of(&view, stage)?))
}

#[put("/placements/<id>/reviews/<stage>", data = "<body>")]
async fn put_review(
    id: i32,
    stage: &str,
    body: ApiJson<ReviewDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<ReviewJson>>> {
    let stage = parse_stage(stage)?;
    let draft = body.0;
    let (review, warnings) = db
        .run(move |conn| {
            let saved = documents::save_review(
                conn,
                &caller.0,
                id,
                stage,
                &draft,
                Acknowledgement::Given,
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((review_of(&view, stage)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(review, warnings)))
}

/// The student's comment on a review.
#[derive(Debug, Deserialize)]
pub struct ReviewCommentRequest {
    /// The comment.
    #[serde(default)]
    pub student_comment: Option<String>,
}

#[post("/placements/<id>/reviews/<stage>/comment", data = "<body>")]
async fn comment_on_review(
    id: i32,
    stage: &str,
    body: ApiJson<ReviewCommentRequest>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SavedJson<ReviewJson>>> {
    let stage = parse_stage(stage)?;
    let request = body.0;
    let (review, warnings) = db
        .run(move |conn| {
            let saved = documents::comment_on_review(
                conn,
                &caller.0,
                id,
                stage,
                request.student_comment.as_deref(),
                Acknowledgement::Given,
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            Ok((review_of(&view, stage)?, saved.privacy_warnings))
        })
        .await?;
    Ok(Json(SavedJson::new(review, warnings)))
}

#[post("/placements/<id>/reviews/<stage>/sign", data = "<body>")]
async fn sign_review(
    id: i32,
    stage: &str,
    body: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<ReviewJson>> {
    let stage = parse_stage(stage)?;
    let seen = SignRequest::parse(&body)?.version;
    let view = db
        .run(move |conn| {
            documents::sign_review(conn, &caller.0, id, stage, seen.as_deref(), clock::now())?;
            assemble(conn, &caller.0, id)
        })
        .await?;
    Ok(Json(review_of(&view, stage)?))
}

#[post("/placements/<id>/amendments", data = "<body>")]
async fn amend(
    id: i32,
    body: ApiJson<AmendmentDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SavedJson<AmendmentJson>>>> {
    let draft = body.0;
    let (amendment, warnings) = db
        .run(move |conn| {
            let saved = documents::amend(
                conn,
                &caller.0,
                id,
                &draft,
                Acknowledgement::Given,
                clock::now(),
            )?;
            let view = assemble(conn, &caller.0, id)?;
            let amendment = view
                .amendments
                .iter()
                .find(|amendment| amendment.row.id == saved.record.id)
                .map(AmendmentJson::from)
                .ok_or_else(|| AppError::Internal("the amendment vanished".into()))?;
            Ok((amendment, saved.privacy_warnings))
        })
        .await?;
    let location = if amendment.document == AGREEMENT {
        format!("/api/v1/placements/{id}/agreement")
    } else {
        format!("/api/v1/placements/{id}/reviews/{}", amendment.document)
    };
    Ok(Created::new(location).body(Json(SavedJson::new(amendment, warnings))))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        get_agreement,
        put_agreement,
        sign_agreement,
        get_review,
        put_review,
        comment_on_review,
        sign_review,
        amend
    ]
}
