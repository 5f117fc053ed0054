//! JSON API of supervision, under `/api/v1/supervision`. Pairs are named from the caller's
//! side by the other person's username.

use std::sync::Arc;

use rocket::response::status::Created;
use rocket::serde::json::Json;
use rocket::{State, get, post, put};
use serde::Deserialize;

use super::accessed;
use super::agreement_versions;
use super::history;
use super::json::{ActionJson, AgreementJson, OverviewJson, PackJson, SessionJson};
use super::model::{ActionStatus, Agreement, AgreementDraft, SessionDraft};
use super::service;
use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::{Actor, ApiCaller};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::signing::SignRequest;
use crate::platform::web::{ApiJson, ApiResult, json};

#[get("/supervision")]
async fn overview(caller: ApiCaller, db: &Database) -> ApiResult<Json<Vec<OverviewJson>>> {
    let lines = db
        .run(move |conn| history::overview(conn, &caller.0, clock::today()))
        .await?;
    Ok(Json(lines.iter().map(OverviewJson::from).collect()))
}

/// The agreement as the API shows it to `actor`, with the pair's earlier signed versions.
fn agreement_json(
    conn: &mut crate::platform::db::DbConnection,
    actor: &Actor,
    other: &str,
    agreement: &Agreement,
) -> AppResult<AgreementJson> {
    let pair = super::pair::with(conn, actor, other)?;
    let earlier = agreement_versions::earlier(conn, pair.parties)?;
    Ok(AgreementJson::new(agreement, &pair.supervisor, &pair.supervisee).with_earlier(earlier))
}

#[get("/supervision/pairs/<other>/agreement")]
async fn get_agreement(
    other: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AgreementJson>> {
    let json = db
        .run(move |conn| {
            let (_, agreement) = service::agreement(conn, &caller.0, &other)?;
            let agreement = agreement.ok_or(AppError::NotFound)?;
            agreement_json(conn, &caller.0, &other, &agreement)
        })
        .await?;
    Ok(Json(json))
}

#[put("/supervision/pairs/<other>/agreement", data = "<body>")]
async fn put_agreement(
    other: String,
    body: ApiJson<AgreementDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AgreementJson>> {
    let draft = body.0;
    let json = db
        .run(move |conn| {
            let agreement = service::save_agreement(conn, &caller.0, &other, &draft, clock::now())?;
            agreement_json(conn, &caller.0, &other, &agreement)
        })
        .await?;
    Ok(Json(json))
}

#[post("/supervision/pairs/<other>/agreement/sign", data = "<body>")]
async fn sign_agreement(
    other: String,
    body: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<AgreementJson>> {
    let seen = SignRequest::parse(&body)?.version;
    let json = db
        .run(move |conn| {
            let agreement =
                service::sign_agreement(conn, &caller.0, &other, seen.as_deref(), clock::now())?;
            agreement_json(conn, &caller.0, &other, &agreement)
        })
        .await?;
    Ok(Json(json))
}

#[post("/supervision/pairs/<other>/agreement/new-version")]
async fn new_agreement_version(
    other: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<AgreementJson>>> {
    let location = format!(
        "/api/v1/supervision/pairs/{}/agreement",
        rocket::http::RawStr::new(&other).percent_encode()
    );
    let json = db
        .run(move |conn| {
            let agreement =
                agreement_versions::start_new_version(conn, &caller.0, &other, clock::now())?;
            agreement_json(conn, &caller.0, &other, &agreement)
        })
        .await?;
    Ok(Created::new(location).body(Json(json)))
}

#[get("/supervision/pairs/<other>/sessions")]
async fn list_sessions(
    other: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<SessionJson>>> {
    let records = db
        .run(move |conn| {
            let (_, rows) = service::sessions(conn, &caller.0, &other)?;
            rows.into_iter()
                .map(|row| service::get_session(conn, &caller.0, row.id, clock::today()))
                .collect::<Result<Vec<_>, _>>()
        })
        .await?;
    Ok(Json(
        records
            .iter()
            .map(|record| SessionJson::new(record, Vec::new()))
            .collect(),
    ))
}

#[post("/supervision/pairs/<other>/sessions", data = "<body>")]
async fn create_session(
    other: String,
    body: ApiJson<SessionDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SessionJson>>> {
    let draft = body.0;
    let (record, warnings) = db
        .run(move |conn| {
            let saved = service::create_session(
                conn,
                &caller.0,
                &other,
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )?;
            Ok((
                service::get_session(conn, &caller.0, saved.record, clock::today())?,
                saved.privacy_warnings,
            ))
        })
        .await?;
    let location = format!("/api/v1/supervision/sessions/{}", record.row.id);
    Ok(Created::new(location).body(Json(SessionJson::new(&record, warnings))))
}

#[get("/supervision/sessions/<id>")]
async fn get_session(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<Json<SessionJson>> {
    let record = db
        .run(move |conn| accessed::open_session(conn, &caller.0, id, clock::today(), clock::now()))
        .await?;
    Ok(Json(SessionJson::new(&record, Vec::new())))
}

/// The version a change was made on, read beside the draft in the same body.
#[derive(Debug, Default, Deserialize)]
struct SeenVersion {
    #[serde(default)]
    version: Option<String>,
}

#[put("/supervision/sessions/<id>", data = "<body>")]
async fn update_session(
    id: i32,
    body: ApiJson<serde_json::Value>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SessionJson>> {
    let text = body.0.to_string();
    let draft: SessionDraft = json::parse(&text)?;
    let seen = json::parse::<SeenVersion>(&text)?.version;
    let (record, warnings) = db
        .run(move |conn| {
            let saved = service::update_session(
                conn,
                &caller.0,
                id,
                seen.as_deref(),
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )?;
            Ok((
                service::get_session(conn, &caller.0, id, clock::today())?,
                saved.privacy_warnings,
            ))
        })
        .await?;
    Ok(Json(SessionJson::new(&record, warnings)))
}

#[post("/supervision/sessions/<id>/sign", data = "<body>")]
async fn sign_session(
    id: i32,
    body: String,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<SessionJson>> {
    let seen = SignRequest::parse(&body)?.version;
    let record = db
        .run(move |conn| {
            service::sign_session(conn, &caller.0, id, seen.as_deref(), clock::now())?;
            service::get_session(conn, &caller.0, id, clock::today())
        })
        .await?;
    Ok(Json(SessionJson::new(&record, Vec::new())))
}

/// An amendment to a locked record.
///
/// Missing fields default and are refused by the service after the access check, so that
/// someone who may not see the record gets the 404 of a missing one whatever they send.
#[derive(Debug, Deserialize)]
pub struct AmendmentRequest {
    /// The part: `attendees`, `agenda`, `workload`, `wellbeing`, `development`, or `case:<id>:update|risks|strengths|decision`.
    #[serde(default)]
    pub field: String,
    /// Its new text.
    #[serde(default)]
    pub text: String,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

#[post("/supervision/sessions/<id>/amendments", data = "<body>")]
async fn amend(
    id: i32,
    body: ApiJson<AmendmentRequest>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SessionJson>>> {
    let request = body.0;
    let record = db
        .run(move |conn| {
            service::amend(
                conn,
                &caller.0,
                id,
                &request.field,
                &request.text,
                &request.reason,
                clock::today(),
                clock::now(),
            )?;
            service::get_session(conn, &caller.0, id, clock::today())
        })
        .await?;
    Ok(Created::new(format!("/api/v1/supervision/sessions/{id}"))
        .body(Json(SessionJson::new(&record, Vec::new()))))
}

/// A comment on a record.
///
/// Missing fields default and are refused by the service after the access check, so that
/// someone who may not see the record gets the 404 of a missing one whatever they send.
#[derive(Debug, Deserialize)]
pub struct CommentRequest {
    /// The comment.
    #[serde(default)]
    pub body: String,
    /// The supervisee disagrees with the record.
    #[serde(default)]
    pub disagrees: bool,
}

#[post("/supervision/sessions/<id>/comments", data = "<body>")]
async fn comment(
    id: i32,
    body: ApiJson<CommentRequest>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<SessionJson>>> {
    let request = body.0;
    let record = db
        .run(move |conn| {
            service::comment(
                conn,
                &caller.0,
                id,
                &request.body,
                request.disagrees,
                clock::now(),
            )?;
            service::get_session(conn, &caller.0, id, clock::today())
        })
        .await?;
    Ok(Created::new(format!("/api/v1/supervision/sessions/{id}"))
        .body(Json(SessionJson::new(&record, Vec::new()))))
}

#[get("/supervision/pairs/<other>/actions?<status>")]
async fn list_actions(
    other: String,
    status: Option<String>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<Vec<ActionJson>>> {
    let status = status
        .map(|name| {
            ActionStatus::parse(name.trim())
                .ok_or_else(|| AppError::invalid("status", "Use open, done or dropped."))
        })
        .transpose()?;
    let (_, actions) = db
        .run(move |conn| service::actions(conn, &caller.0, &other, status, clock::today()))
        .await?;
    Ok(Json(actions.iter().map(ActionJson::from).collect()))
}

/// A change of an action's status.
///
/// Missing fields default and are refused by the service after the access check, so that
/// someone who may not see the record gets the 404 of a missing one whatever they send.
#[derive(Debug, Deserialize)]
pub struct ActionUpdate {
    /// `open`, `done` or `dropped`.
    #[serde(default)]
    pub status: String,
    /// Why (required when dropped).
    #[serde(default)]
    pub reason: Option<String>,
}

#[put("/supervision/actions/<id>", data = "<body>")]
async fn update_action(
    id: i32,
    body: ApiJson<ActionUpdate>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<ActionJson>> {
    let update = body.0;
    let action = db
        .run(move |conn| {
            service::update_action(
                conn,
                &caller.0,
                id,
                &update.status,
                update.reason.as_deref(),
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Json(ActionJson::from(&action)))
}

#[get("/supervision/pairs/<other>/pack")]
async fn get_pack(
    other: String,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<PackJson>> {
    let timescales = Arc::clone(timescales.inner());
    let pack = db
        .run(move |conn| {
            accessed::open_pack(
                conn,
                &caller.0,
                &other,
                &timescales,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Json(PackJson::from(&pack)))
}

/// An item for the next agenda.
///
/// Missing fields default and are refused by the service after the access check, so that
/// someone who may not see the record gets the 404 of a missing one whatever they send.
#[derive(Debug, Deserialize)]
pub struct AgendaRequest {
    /// What to bring.
    #[serde(default)]
    pub body: String,
}

#[post("/supervision/pairs/<other>/agenda", data = "<body>")]
async fn add_agenda_item(
    other: String,
    body: ApiJson<AgendaRequest>,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Created<Json<PackJson>>> {
    let request = body.0;
    let timescales = Arc::clone(timescales.inner());
    let location = format!(
        "/api/v1/supervision/pairs/{}/pack",
        rocket::http::RawStr::new(&other).percent_encode()
    );
    let pack = db
        .run(move |conn| {
            service::add_agenda_item(conn, &caller.0, &other, &request.body, clock::now())?;
            accessed::open_pack(
                conn,
                &caller.0,
                &other,
                &timescales,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Created::new(location).body(Json(PackJson::from(&pack))))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        overview,
        get_agreement,
        put_agreement,
        sign_agreement,
        new_agreement_version,
        list_sessions,
        create_session,
        get_session,
        update_session,
        sign_session,
        amend,
        comment,
        list_actions,
        update_action,
        get_pack,
        add_agenda_item
    ]
}
