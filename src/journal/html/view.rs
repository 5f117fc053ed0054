//! Reading an entry, its earlier versions, and the bin.

use askama::Template;
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post};

use super::revisit::RevisitPanel;
use crate::accounts::directory;
use crate::deadlines::timescales::SharedTimescales;
use crate::journal::accessed;
use crate::journal::model::{EntryDraft, EntryView, Visibility};
use crate::journal::service::{self, BIN_DAYS, Revision};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::policy;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};
use crate::search::{self, index::SearchIndex};
use std::sync::Arc;

/// A section ready to show: its name and its sanitised HTML.
#[derive(Debug, Clone)]
pub struct RenderedSection {
    /// Stage name.
    pub title: String,
    /// Sanitised HTML.
    pub html: String,
}

#[derive(Template)]
#[template(path = "journal/view.html")]
struct EntryPage {
    layout: Layout,
    entry: EntryView,
    body_html: String,
    sections: Vec<RenderedSection>,
    cpd_html: Vec<(String, String)>,
    is_author: bool,
    readers: Vec<String>,
    suggested: Vec<String>,
    event_kinds: Vec<(String, String)>,
    /// `None` when related entries are not available just now.
    related: Option<Vec<EntryView>>,
    related_unavailable: &'static str,
    /// Revisiting the action plan, for the author of a reflection.
    revisit: Option<RevisitPanel>,
    /// The revisit date has come (marks the badge).
    revisit_due: bool,
}

fn rendered_sections(entry: &EntryView) -> Vec<RenderedSection> {
    entry
        .sections
        .iter()
        .map(|section| RenderedSection {
            title: section.title.clone(),
            html: markdown::render(&section.body),
        })
        .collect()
}

fn cpd_html(entry: &EntryView) -> Vec<(String, String)> {
    let Some(cpd) = &entry.cpd else {
        return Vec::new();
    };
    let mut parts = vec![
        (
            "Description and relevance".to_string(),
            markdown::render(&cpd.description),
        ),
        ("What I learnt".to_string(), markdown::render(&cpd.learning)),
        (
            "Impact on my practice and on people".to_string(),
            markdown::render(&cpd.impact),
        ),
    ];
    if let (Some(role), Some(reflection)) = (&cpd.peer_role, &cpd.peer_reflection) {
        parts.push((
            format!("Peer reflection ({role})"),
            markdown::render(reflection),
        ));
    }
    parts
}

#[get("/entries/<id>")]
async fn view_entry(
    id: i32,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
    index: &State<Arc<SearchIndex>>,
) -> PageResult {
    let actor = viewer.actor.clone();
    let index = Arc::clone(index.inner());
    // Related entries must include what the reader has just written.
    index.own_writes_searchable(actor.user_id).await;
    let (entry, readers, related) = db
        .run(move |conn| {
            let entry = accessed::open_entry(conn, &actor, id, clock::now())?;
            let readers = if entry.author_id == actor.user_id {
                directory::readers_of_shared(conn, actor.user_id)?
            } else {
                Vec::new()
            };
            // Related entries are a help, not the page's purpose: when they cannot be found
            // (the index is being rebuilt, or failed), the page says so and shows the rest.
            let related = search::related::related_to(conn, &index, &actor, &entry, 5)
                .map_err(|error| search::related::unavailable_unless_expected(id, error))
                .ok();
            Ok((entry, readers, related))
        })
        .await?;
    let is_author = policy::may_change_entry(&viewer.actor, entry.author_id);
    let page = EntryPage {
        layout: Layout::signed_in(&viewer, entry.title.clone(), Section::Journal),
        body_html: markdown::render(&entry.body),
        sections: rendered_sections(&entry),
        cpd_html: cpd_html(&entry),
        // An entry about a core group (say) can record the event on one of its cases.
        event_kinds: if is_author && !entry.cases.is_empty() {
            timescales
                .book
                .events
                .iter()
                .map(|event| (event.kind.clone(), event.title.clone()))
                .collect()
        } else {
            Vec::new()
        },
        related,
        related_unavailable: search::related::NOT_AVAILABLE,
        suggested: if is_author {
            service::suggested_tags(&entry)
        } else {
            Vec::new()
        },
        revisit_due: entry.revisit_on.is_some_and(|on| on <= clock::today()),
        revisit: if is_author {
            RevisitPanel::of(&entry, clock::today())
        } else {
            None
        },
        is_author,
        readers,
        entry,
    };
    Ok(Page::render(&page)?)
}

/// An earlier version, ready to show.
#[derive(Debug, Clone)]
pub struct RevisionView {
    /// Its number.
    pub number: i32,
    /// When it was replaced.
    pub replaced_at: String,
    /// Its title.
    pub title: String,
    /// Its date.
    pub occurred_on: String,
    /// Its shared state.
    pub shared: bool,
    /// Its body as HTML.
    pub body_html: String,
    /// Its sections as HTML.
    pub sections: Vec<RenderedSection>,
}

impl RevisionView {
    fn new(revision: Revision) -> Self {
        let entry: EntryDraft = revision.entry;
        Self {
            number: revision.number,
            replaced_at: clock::local(revision.replaced_at)
                .format("%d %b %Y %H:%M %Z")
                .to_string(),
            title: entry.title.clone().unwrap_or_default(),
            occurred_on: entry.occurred_on.clone().unwrap_or_default(),
            shared: entry.visibility.as_deref() == Some(Visibility::Supervisor.as_str()),
            body_html: markdown::render(entry.body.as_deref().unwrap_or("")),
            sections: entry
                .sections
                .iter()
                .map(|(stage, text)| RenderedSection {
                    title: stage.replace('_', " "),
                    html: markdown::render(text),
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "journal/revisions.html")]
struct RevisionsPage {
    layout: Layout,
    entry: EntryView,
    revisions: Vec<RevisionView>,
}

#[get("/entries/<id>/revisions")]
async fn revisions(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let (entry, revisions) = db
        .run(move |conn| service::revisions(conn, &actor, id))
        .await?;
    let page = RevisionsPage {
        layout: Layout::signed_in(
            &viewer,
            format!("Earlier versions of {}", entry.title),
            Section::Journal,
        ),
        entry,
        revisions: revisions.into_iter().map(RevisionView::new).collect(),
    };
    Ok(Page::render(&page)?)
}

#[post("/entries/<id>/delete", data = "<form>")]
async fn delete_entry(
    id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| service::delete(conn, &actor, id, clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to("/entries"),
        format!("Moved to the bin. You can restore it there for {BIN_DAYS} days."),
    ))
}

#[post("/entries/<id>/restore", data = "<form>")]
async fn restore_entry(
    id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| service::restore(conn, &actor, id))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("/entries/{id}")),
        "Restored.",
    ))
}

#[derive(Template)]
#[template(path = "journal/bin.html")]
struct BinPage {
    layout: Layout,
    entries: Vec<(EntryView, String)>,
    days: i64,
}

#[get("/bin")]
async fn bin(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let now = clock::now();
    let entries = db.run(move |conn| service::bin(conn, &actor, now)).await?;
    let entries = entries
        .into_iter()
        .map(|entry| {
            let until = entry
                .deleted_at
                .map(|binned| {
                    clock::local(binned + chrono::Duration::days(BIN_DAYS))
                        .format("%d %b %Y")
                        .to_string()
                })
                .unwrap_or_default();
            (entry, until)
        })
        .collect();
    let page = BinPage {
        layout: Layout::signed_in(&viewer, "Bin", Section::Journal),
        entries,
        days: BIN_DAYS,
    };
    Ok(Page::render(&page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![view_entry, revisions, delete_entry, restore_entry, bin]
}
