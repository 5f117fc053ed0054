//! JSON API of search: `GET /api/v1/search` and `GET /api/v1/entries/{id}/related`.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use super::hits::{Found, Hit};
use super::index::SearchIndex;
use super::related as related_entries;
use super::service::{self, SearchRequest};
use crate::error::AppError;
use crate::journal::model::EntryKind;
use crate::platform::auth::ApiCaller;
use crate::platform::db::Database;
use crate::platform::web::ApiResult;

/// One result.
#[derive(Debug, Serialize)]
pub struct HitJson {
    /// Entry id.
    pub id: i32,
    /// Record type (`entry`).
    #[serde(rename = "type")]
    pub record_type: &'static str,
    /// Entry kind (`diary`, `reflection`, `cpd`), or `supervision`.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// YYYY-MM-DD.
    pub occurred_on: NaiveDate,
    /// A fragment of the text with `<mark>` around matches; safe HTML.
    pub snippet_html: String,
    /// Relevance (0 when sorted by date).
    pub score: f32,
    /// Case references.
    pub cases: Vec<String>,
    /// Tag codes.
    pub tags: Vec<String>,
}

/// Counts by kind, case and tag.
#[derive(Debug, Serialize)]
pub struct FacetsJson {
    /// Kind name to count.
    pub kind: BTreeMap<String, u64>,
    /// Case reference to count.
    pub case: BTreeMap<String, u64>,
    /// Tag code to count.
    pub tag: BTreeMap<String, u64>,
}

/// A page of results.
#[derive(Debug, Serialize)]
pub struct SearchJson {
    /// How many results in all.
    pub total: usize,
    /// This page.
    pub hits: Vec<HitJson>,
    /// Counts beside the results.
    pub facets: FacetsJson,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
}

fn hit_of(hit: Hit) -> HitJson {
    match hit.found {
        Found::Entry(entry) => HitJson {
            id: entry.id,
            record_type: "entry",
            kind: entry.kind.as_str(),
            title: entry.title,
            occurred_on: entry.occurred_on,
            snippet_html: hit.snippet_html,
            score: hit.score,
            cases: entry.cases,
            tags: entry.tags,
        },
        Found::Supervision(record) => HitJson {
            id: record.id,
            record_type: "supervision",
            kind: "supervision",
            title: format!(
                "Supervision {}: {}",
                record.held_on.format("%d %B %Y"),
                record.between
            ),
            occurred_on: record.held_on,
            snippet_html: hit.snippet_html,
            score: hit.score,
            cases: record.cases,
            tags: Vec::new(),
        },
    }
}

#[allow(clippy::too_many_arguments)]
#[get("/search?<q>&<kind>&<case>&<tag>&<from>&<to>&<author>&<untagged>&<sort>&<limit>&<cursor>")]
async fn search(
    q: Option<String>,
    kind: Option<String>,
    case: Option<String>,
    tag: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    author: Option<String>,
    untagged: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
    caller: ApiCaller,
    db: &Database,
    index: &State<Arc<SearchIndex>>,
) -> ApiResult<Json<SearchJson>> {
    let limit = limit
        .map(|text| {
            text.trim()
                .parse::<usize>()
                .map_err(|_| AppError::invalid("limit", "Use a whole number from 1 to 100."))
        })
        .transpose()?;
    let untagged = match untagged.as_deref().map(str::trim) {
        None | Some("" | "false") => false,
        Some("true") => true,
        Some(_) => return Err(AppError::invalid("untagged", "Use true or false.").into()),
    };
    let request = SearchRequest {
        q: q.unwrap_or_default(),
        as_you_type: false,
        kind,
        case,
        tags: tag,
        from,
        to,
        author,
        untagged,
        sort,
        limit,
        cursor,
    };
    let index = Arc::clone(index.inner());
    index.own_writes_searchable(caller.0.user_id).await;
    let results = db
        .run(move |conn| service::search(conn, &index, &caller.0, &request))
        .await?;
    let counts = |list: Vec<(String, u64)>| list.into_iter().collect::<BTreeMap<_, _>>();
    Ok(Json(SearchJson {
        total: results.total,
        hits: results.hits.into_iter().map(hit_of).collect(),
        facets: FacetsJson {
            kind: counts(results.facets.kind),
            case: counts(results.facets.case),
            tag: counts(results.facets.tag),
        },
        next_cursor: results.next_cursor,
    }))
}

/// An entry like another.
#[derive(Debug, Serialize)]
pub struct RelatedJson {
    /// Entry id.
    pub id: i32,
    /// Kind.
    pub kind: EntryKind,
    /// Title.
    pub title: String,
    /// YYYY-MM-DD.
    pub occurred_on: NaiveDate,
    /// Case references.
    pub cases: Vec<String>,
    /// Tag codes.
    pub tags: Vec<String>,
}

#[get("/entries/<id>/related")]
async fn related(
    id: i32,
    caller: ApiCaller,
    db: &Database,
    index: &State<Arc<SearchIndex>>,
) -> ApiResult<Json<Vec<RelatedJson>>> {
    let index = Arc::clone(index.inner());
    index.own_writes_searchable(caller.0.user_id).await;
    let entries = db
        .run(move |conn| related_entries::related(conn, &index, &caller.0, id, 5))
        .await
        .map_err(|error| related_entries::unavailable_unless_expected(id, error))?;
    Ok(Json(
        entries
            .into_iter()
            .map(|entry| RelatedJson {
                id: entry.id,
                kind: entry.kind,
                title: entry.title,
                occurred_on: entry.occurred_on,
                cases: entry.cases.into_iter().map(|case| case.reference).collect(),
                tags: entry.tags.into_iter().map(|tag| tag.code).collect(),
            })
            .collect(),
    ))
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![search, related]
}
