//! Pages of the tag catalogue: browse and filter, one tag with its entries, add a topic.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::model::TagKind;
use super::service;
use super::store::Tag;
use crate::error::{AppError, FieldErrors};
use crate::journal::html::list::EntrySummary;
use crate::journal::service::{self as journal, EntryFilter, MAX_PAGE};
use crate::platform::auth::Viewer;
use crate::platform::db::Database;
use crate::platform::input::trimmed;
use crate::platform::web::form::{redisplay_status, stale_refusal};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// One kind's tags, for the catalogue page.
#[derive(Debug, Clone)]
pub struct TagGroup {
    /// Heading.
    pub label: &'static str,
    /// Tags.
    pub tags: Vec<Tag>,
}

#[derive(Template)]
#[template(path = "tags/list.html")]
struct CataloguePage {
    layout: Layout,
    groups: Vec<TagGroup>,
    kind: String,
    words: String,
    kinds: [TagKind; 4],
    errors: FieldErrors,
    topic_title: String,
    topic_summary: String,
}

async fn catalogue_page(
    viewer: &Viewer,
    db: &Database,
    kind: Option<String>,
    words: Option<String>,
    errors: FieldErrors,
    topic: (String, String),
) -> Result<CataloguePage, AppError> {
    let kind_filter = trimmed(kind.as_deref()).and_then(|name| TagKind::parse(&name));
    let search = trimmed(words.as_deref());
    let query = search.clone();
    let actor = viewer.actor.clone();
    let tags = db
        .run(move |conn| service::list(conn, &actor, kind_filter, query.as_deref()))
        .await?;
    let groups = TagKind::ALL
        .into_iter()
        .map(|kind| TagGroup {
            label: kind.label(),
            tags: tags
                .iter()
                .filter(|tag| tag.kind == kind.as_str())
                .cloned()
                .collect(),
        })
        .filter(|group| !group.tags.is_empty())
        .collect();
    Ok(CataloguePage {
        layout: Layout::signed_in(viewer, "Tags", Section::Tags),
        groups,
        kind: kind_filter
            .map(|kind| kind.as_str().to_string())
            .unwrap_or_default(),
        words: search.unwrap_or_default(),
        kinds: TagKind::ALL,
        errors,
        topic_title: topic.0,
        topic_summary: topic.1,
    })
}

#[get("/tags?<kind>&<q>")]
async fn catalogue(
    kind: Option<String>,
    q: Option<String>,
    viewer: Viewer,
    db: &Database,
) -> PageResult {
    let page = catalogue_page(&viewer, db, kind, q, FieldErrors::new(), Default::default()).await?;
    Ok(Page::render(&page)?)
}

#[derive(Template)]
#[template(path = "tags/view.html")]
struct TagPage {
    layout: Layout,
    tag: Tag,
    entries: Vec<EntrySummary>,
    more: bool,
}

#[get("/tags/<code>")]
async fn view_tag(code: String, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let (tag, page) = db
        .run(move |conn| {
            let tag = service::get(conn, &actor, &code)?;
            let filter = EntryFilter {
                tags: vec![tag.code.clone()],
                limit: MAX_PAGE,
                ..EntryFilter::default()
            };
            Ok((tag, journal::list(conn, &actor, &filter)?))
        })
        .await?;
    let view = TagPage {
        layout: Layout::signed_in(&viewer, tag.title.clone(), Section::Tags),
        more: page.next_cursor.is_some(),
        entries: page.entries.into_iter().map(EntrySummary::new).collect(),
        tag,
    };
    Ok(Page::render(&view)?)
}

/// The new-topic form.
#[derive(Debug, FromForm)]
pub struct TopicForm {
    title: Option<String>,
    summary: Option<String>,
}

#[post("/tags", data = "<form>")]
async fn create_topic(
    form: CsrfForm<TopicForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let (title, summary) = (
        fields.title.unwrap_or_default(),
        fields.summary.unwrap_or_default(),
    );
    let (actor, t, s) = (viewer.actor.clone(), title.clone(), summary.clone());
    let outcome = if stale {
        Err(stale_refusal("title"))
    } else {
        db.run(move |conn| service::create_topic(conn, &actor, &t, &s))
            .await
    };
    match outcome {
        Ok(tag) => Ok(Either::Left(Flash::success(
            Redirect::to(format!("/tags/{}", tag.code)),
            format!(
                "Topic {} added; you can now tag your entries with it.",
                tag.title
            ),
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = catalogue_page(&viewer, db, None, None, errors, (title, summary)).await?;
            Ok(Either::Right(Page::render_with(
                redisplay_status(stale),
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![catalogue, view_tag, create_topic]
}
