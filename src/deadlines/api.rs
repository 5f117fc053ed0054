//! JSON API of timescales: case events, deadlines and the calendar feed.

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{State, delete, get, post};
use serde::Serialize;

use super::feed;
use super::feed_html::feed_path;
use super::json::{DeadlineJson, EventJson};
use super::service::{self, EventDraft};
use super::timescales::SharedTimescales;
use crate::error::AppError;
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{ApiJson, ApiResult, SiteAddress};
use std::sync::Arc;

#[get("/cases/<reference>/deadlines")]
async fn case_deadlines(
    reference: String,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<Vec<DeadlineJson>>> {
    let timescales = Arc::clone(timescales.inner());
    let timeline = db
        .run(move |conn| {
            service::case_timeline(conn, &caller.0, &timescales, &reference, clock::today())
        })
        .await?;
    Ok(Json(
        timeline.deadlines.iter().map(DeadlineJson::new).collect(),
    ))
}

#[get("/cases/<reference>/events")]
async fn case_events(
    reference: String,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<Vec<EventJson>>> {
    let timescales = Arc::clone(timescales.inner());
    let timeline = db
        .run(move |conn| {
            service::case_timeline(conn, &caller.0, &timescales, &reference, clock::today())
        })
        .await?;
    Ok(Json(timeline.events.iter().map(EventJson::from).collect()))
}

#[post("/cases/<reference>/events", data = "<body>")]
async fn record_event(
    reference: String,
    body: ApiJson<EventDraft>,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Created<Json<EventJson>>> {
    let timescales = Arc::clone(timescales.inner());
    let draft = body.0;
    let location_reference = rocket::http::RawStr::new(&reference)
        .percent_encode()
        .to_string();
    let event = db
        .run(move |conn| {
            service::record_event(
                conn,
                &caller.0,
                &timescales,
                &reference,
                &draft,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    let location = format!("/api/v1/cases/{location_reference}/events/{}", event.id);
    Ok(Created::new(location).body(Json(EventJson::from(&event))))
}

#[get("/cases/<reference>/events/<id>")]
async fn get_event(
    reference: String,
    id: i32,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<EventJson>> {
    let timescales = Arc::clone(timescales.inner());
    let timeline = db
        .run(move |conn| {
            service::case_timeline(conn, &caller.0, &timescales, &reference, clock::today())
        })
        .await?;
    let event = timeline
        .events
        .iter()
        .find(|event| event.id == id)
        .ok_or(AppError::NotFound)?;
    Ok(Json(EventJson::from(event)))
}

#[delete("/cases/<reference>/events/<id>")]
async fn delete_event(
    reference: String,
    id: i32,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<NoContent> {
    db.run(move |conn| service::delete_event(conn, &caller.0, &reference, id))
        .await?;
    Ok(NoContent)
}

#[get("/deadlines?<status>")]
async fn all_deadlines(
    status: Option<String>,
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<Vec<DeadlineJson>>> {
    let open_only = match status.as_deref() {
        None | Some("open") => true,
        Some("all") => false,
        Some(_) => return Err(AppError::invalid("status", "Use open or all.").into()),
    };
    let timescales = Arc::clone(timescales.inner());
    let deadlines = db
        .run(move |conn| {
            service::my_deadlines(conn, &caller.0, &timescales, clock::today(), open_only)
        })
        .await?;
    Ok(Json(
        deadlines.iter().map(DeadlineJson::with_case).collect(),
    ))
}

/// A calendar feed's address.
#[derive(Debug, Serialize)]
pub struct FeedJson {
    /// The path to subscribe to; keep it secret.
    pub path: String,
    /// The full address to subscribe to (the configured public address, or the one this
    /// request came in on, followed by `path`).
    pub url: String,
    /// Whether the feed asks calendars to remind the day before each event.
    pub remind_day_before: bool,
}

/// Starts (or restarts) the caller's feed; `?remind_day_before=true` adds day-before
/// reminders.
#[post("/calendar-feed?<remind_day_before>")]
async fn create_feed(
    remind_day_before: Option<&str>,
    caller: ApiCaller,
    db: &Database,
    site: SiteAddress,
) -> ApiResult<Created<Json<FeedJson>>> {
    let remind_day_before = match remind_day_before {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            return Err(AppError::invalid(
                "remind_day_before",
                "remind_day_before is true or false.",
            )
            .into());
        }
    };
    let token = db
        .run(move |conn| feed::create(conn, &caller.0, remind_day_before, clock::now()))
        .await?;
    let path = feed_path(&token);
    let url = site.link(&path);
    Ok(Created::new(path.clone()).body(Json(FeedJson {
        path,
        url,
        remind_day_before,
    })))
}

#[delete("/calendar-feed")]
async fn revoke_feed(caller: ApiCaller, db: &Database) -> ApiResult<NoContent> {
    db.run(move |conn| feed::revoke(conn, &caller.0, clock::now()))
        .await?;
    Ok(NoContent)
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        case_deadlines,
        case_events,
        record_event,
        get_event,
        delete_event,
        all_deadlines,
        create_feed,
        revoke_feed
    ]
}
