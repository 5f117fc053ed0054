//! JSON API of the journal: `/api/v1/entries` (the export lives in `crate::export`).

use chrono::NaiveDate;
use rocket::response::status::{Created, NoContent};
use rocket::serde::json::Json;
use rocket::{delete, get, post, put};
use serde::Serialize;

use super::accessed;
use super::json::EntryJson;
use super::model::{EntryDraft, EntryKind};
use super::service::{self, EntryFilter};
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::input::{parse_date, trimmed};
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::{ApiJson, ApiResult};

/// Default page size of the list.
const DEFAULT_LIMIT: i64 = 50;

/// A page of entries.
#[derive(Debug, Serialize)]
pub struct EntryList {
    /// The entries, newest first.
    pub items: Vec<EntryJson>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// The list's query parameters, checked.
#[allow(clippy::too_many_arguments)]
fn filter(
    kind: Option<String>,
    case: Option<String>,
    tag: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
    shared: Option<String>,
) -> Result<EntryFilter, AppError> {
    let mut errors = FieldErrors::new();
    let kind = trimmed(kind.as_deref()).and_then(|text| {
        EntryKind::parse(&text).or_else(|| {
            errors.add("kind", format!("Use one of {}.", EntryKind::names()));
            None
        })
    });
    let date =
        |field: &str, value: Option<String>, errors: &mut FieldErrors| -> Option<NaiveDate> {
            trimmed(value.as_deref()).and_then(|text| parse_date(field, &text, errors))
        };
    let from = date("from", from, &mut errors);
    let to = date("to", to, &mut errors);
    let limit = match trimmed(limit.as_deref()) {
        None => DEFAULT_LIMIT,
        Some(text) => match text.parse::<i64>() {
            Ok(limit) if (1..=service::MAX_PAGE).contains(&limit) => limit,
            _ => {
                errors.add(
                    "limit",
                    format!("Use a whole number from 1 to {}.", service::MAX_PAGE),
                );
                DEFAULT_LIMIT
            }
        },
    };
    let shared = match trimmed(shared.as_deref()).as_deref() {
        None | Some("false") => false,
        Some("true") => true,
        Some(_) => {
            errors.add("shared", "Use true or false.");
            false
        }
    };
    errors.into_result(EntryFilter {
        kind,
        case: trimmed(case.as_deref()),
        tags: tag
            .into_iter()
            .filter(|code| !code.trim().is_empty())
            .collect(),
        from,
        to,
        shared,
        for_supervision: false,
        cursor: trimmed(cursor.as_deref()),
        limit,
    })
}

#[allow(clippy::too_many_arguments)]
#[get("/entries?<kind>&<case>&<tag>&<from>&<to>&<limit>&<cursor>&<shared>")]
async fn list_entries(
    kind: Option<String>,
    case: Option<String>,
    tag: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
    shared: Option<String>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<EntryList>> {
    let filter = filter(kind, case, tag, from, to, limit, cursor, shared)?;
    let page = db
        .run(move |conn| service::list(conn, &caller.0, &filter))
        .await?;
    Ok(Json(EntryList {
        items: page
            .entries
            .iter()
            .map(|entry| EntryJson::new(entry, Vec::new()))
            .collect(),
        next_cursor: page.next_cursor,
    }))
}

#[post("/entries", data = "<body>")]
async fn create_entry(
    body: ApiJson<EntryDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Created<Json<EntryJson>>> {
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
    let location = format!("/api/v1/entries/{}", saved.record.id);
    Ok(Created::new(location).body(Json(EntryJson::new(&saved.record, saved.privacy_warnings))))
}

#[get("/entries/<id>")]
async fn get_entry(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<Json<EntryJson>> {
    let entry = db
        .run(move |conn| accessed::open_entry(conn, &caller.0, id, clock::now()))
        .await?;
    Ok(Json(EntryJson::new(&entry, Vec::new())))
}

#[put("/entries/<id>", data = "<body>")]
async fn update_entry(
    id: i32,
    body: ApiJson<EntryDraft>,
    caller: ApiCaller,
    db: &Database,
) -> ApiResult<Json<EntryJson>> {
    let draft = body.0;
    let saved = db
        .run(move |conn| {
            service::update(
                conn,
                &caller.0,
                id,
                &draft,
                Acknowledgement::Given,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok(Json(EntryJson::new(&saved.record, saved.privacy_warnings)))
}

#[delete("/entries/<id>")]
async fn delete_entry(id: i32, caller: ApiCaller, db: &Database) -> ApiResult<NoContent> {
    db.run(move |conn| service::delete(conn, &caller.0, id, clock::now()))
        .await?;
    Ok(NoContent)
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        list_entries,
        create_entry,
        get_entry,
        update_entry,
        delete_entry
    ]
}
