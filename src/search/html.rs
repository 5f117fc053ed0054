//! The search page: a plain form that works without JavaScript, results as you type when
//! JavaScript is on (the results part is also served alone), filters as checkboxes with
//! counts.

use std::sync::Arc;

use askama::Template;
use rocket::form::FromForm;
use rocket::http::Status;
use rocket::{State, get};

use super::hits::{Found, Hit};
use super::index::SearchIndex;
use super::service::{self, Facets, SearchRequest, SearchResults};
use crate::error::{AppError, FieldErrors};
use crate::journal::model::EntryKind;
use crate::platform::auth::Viewer;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

/// The search form's fields, as typed into the query string.
#[derive(Debug, Clone, Default, FromForm)]
pub struct SearchParams {
    q: Option<String>,
    kind: Option<String>,
    case: Option<String>,
    tag: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    author: Option<String>,
    untagged: bool,
    sort: Option<String>,
    cursor: Option<String>,
    /// Set by the page's script while someone types.
    live: bool,
}

impl SearchParams {
    fn request(&self) -> SearchRequest {
        SearchRequest {
            q: self.q.clone().unwrap_or_default(),
            as_you_type: self.live,
            kind: self.kind.clone(),
            case: self.case.clone(),
            tags: self.tag.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            author: self.author.clone(),
            untagged: self.untagged,
            sort: self.sort.clone(),
            limit: Some(20),
            cursor: self.cursor.clone(),
        }
    }

    /// Whether the tag filter includes `code`.
    fn has_tag(&self, code: &str) -> bool {
        self.tag.iter().any(|tag| tag.eq_ignore_ascii_case(code))
    }

    /// The query string of this search with another cursor (for the next page).
    fn with_cursor(&self, cursor: &str) -> String {
        let mut parts = Vec::new();
        let mut push = |name: &str, value: &str| {
            if !value.is_empty() {
                parts.push(format!(
                    "{name}={}",
                    rocket::http::RawStr::new(value).percent_encode()
                ));
            }
        };
        for (name, value) in [
            ("q", &self.q),
            ("kind", &self.kind),
            ("case", &self.case),
            ("from", &self.from),
            ("to", &self.to),
            ("author", &self.author),
            ("sort", &self.sort),
        ] {
            push(name, value.as_deref().unwrap_or(""));
        }
        for tag in &self.tag {
            push("tag", tag);
        }
        if self.untagged {
            push("untagged", "true");
        }
        push("cursor", cursor);
        format!("/search?{}", parts.join("&"))
    }

    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }
}

/// What the results part shows.
struct Outcome {
    total: usize,
    hits: Vec<Hit>,
    facets: Facets,
    next: Option<String>,
    errors: FieldErrors,
    notice: Option<String>,
}

async fn run(
    viewer: &Viewer,
    db: &Database,
    index: &Arc<SearchIndex>,
    params: &SearchParams,
) -> Result<(Outcome, Status), AppError> {
    let (actor, index, request) = (viewer.actor.clone(), Arc::clone(index), params.request());
    let empty = |errors: FieldErrors, notice: Option<String>| Outcome {
        total: 0,
        hits: Vec::new(),
        facets: Facets::default(),
        next: None,
        errors,
        notice,
    };
    index.own_writes_searchable(actor.user_id).await;
    match db
        .run(move |conn| service::search(conn, &index, &actor, &request))
        .await
    {
        Ok(SearchResults {
            total,
            hits,
            facets,
            next_cursor,
        }) => Ok((
            Outcome {
                total,
                hits,
                facets,
                next: next_cursor.map(|cursor| params.with_cursor(&cursor)),
                errors: FieldErrors::new(),
                notice: None,
            },
            Status::Ok,
        )),
        Err(AppError::Invalid(errors)) => Ok((empty(errors, None), Status::UnprocessableEntity)),
        Err(AppError::Unavailable(message)) => Ok((
            empty(FieldErrors::new(), Some(message)),
            Status::ServiceUnavailable,
        )),
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "search/page.html")]
struct SearchPage {
    layout: Layout,
    params: SearchParams,
    outcome: Outcome,
    kinds: &'static [EntryKind],
    searched: bool,
    viewer_id: i32,
}

#[derive(Template)]
#[template(path = "search/results.html")]
struct ResultsPart {
    outcome: Outcome,
    searched: bool,
    viewer_id: i32,
}

#[get("/search?<params..>")]
async fn search(
    params: SearchParams,
    viewer: Viewer,
    db: &Database,
    index: &State<Arc<SearchIndex>>,
) -> PageResult {
    let (outcome, status) = run(&viewer, db, index, &params).await?;
    let searched = params.q.as_deref().is_some_and(|q| !q.trim().is_empty())
        || params.kind.is_some()
        || params.case.is_some()
        || !params.tag.is_empty()
        || params.untagged;
    let page = SearchPage {
        viewer_id: viewer.actor.user_id,
        layout: Layout::signed_in(&viewer, "Search", Section::Search),
        params,
        outcome,
        kinds: EntryKind::ALL,
        searched,
    };
    Ok(Page::render_with(status, &page)?)
}

/// Just the results, for the page's script to swap in as someone types.
#[get("/search/results?<params..>")]
async fn results(
    params: SearchParams,
    viewer: Viewer,
    db: &Database,
    index: &State<Arc<SearchIndex>>,
) -> PageResult {
    let (outcome, status) = run(&viewer, db, index, &params).await?;
    let searched = true;
    let part = ResultsPart {
        outcome,
        searched,
        viewer_id: viewer.actor.user_id,
    };
    Ok(Page::render_with(status, &part)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![search, results]
}
