//! `GET /api/v1/inbox`: what waits for the caller, with counts per kind.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use super::item::SeenSubject;
use super::{Inbox, InboxItem, service};
use crate::deadlines::timescales::SharedTimescales;
use crate::platform::auth::ApiCaller;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;

/// One waiting item as the API sends it.
#[derive(Debug, Serialize)]
pub struct InboxItemJson {
    kind: &'static str,
    kind_label: &'static str,
    what: String,
    date: NaiveDate,
    overdue: bool,
    href: String,
    other_party: Option<String>,
    case_reference: Option<String>,
    seen: Option<SeenSubject>,
}

impl From<InboxItem> for InboxItemJson {
    fn from(item: InboxItem) -> Self {
        Self {
            kind: item.kind.as_str(),
            kind_label: item.kind.label(),
            what: item.what,
            date: item.date,
            overdue: item.overdue,
            href: item.href,
            other_party: item.other_party,
            case_reference: item.case_reference,
            seen: item.seen,
        }
    }
}

/// The whole inbox as the API sends it.
#[derive(Debug, Serialize)]
pub struct InboxJson {
    total: usize,
    counts: BTreeMap<&'static str, usize>,
    items: Vec<InboxItemJson>,
}

impl From<Inbox> for InboxJson {
    fn from(inbox: Inbox) -> Self {
        Self {
            total: inbox.total(),
            counts: inbox
                .counts()
                .into_iter()
                .map(|(kind, count)| (kind.as_str(), count))
                .collect(),
            items: inbox.items.into_iter().map(InboxItemJson::from).collect(),
        }
    }
}

#[get("/inbox")]
async fn inbox(
    caller: ApiCaller,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> ApiResult<Json<InboxJson>> {
    let inbox = service::load(db, &caller.0, timescales, clock::today()).await?;
    Ok(Json(InboxJson::from(inbox)))
}

/// Routes of the inbox API, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![inbox]
}
