//! The pages of read-only copies: the list (`/imported`) and one copy (`/imported/<id>`).
//! Neither has a form: a copy is read, never edited or signed.

use askama::Template;
use rocket::get;

use super::{ImportedRecord, service};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::web::{Layout, Page, PageResult, Section};

/// One line of the list.
struct Line {
    id: i32,
    kind: &'static str,
    title: String,
    occurred_on: String,
    imported_on: String,
}

fn day(record: &ImportedRecord) -> String {
    record
        .copy
        .occurred_on
        .map(|day| day.format("%d %B %Y").to_string())
        .unwrap_or_else(|| "Not dated".into())
}

fn imported_on(record: &ImportedRecord) -> String {
    clock::local(record.imported_at)
        .format("%d %B %Y")
        .to_string()
}

#[derive(Template)]
#[template(path = "imported/list.html")]
struct ListPage {
    layout: Layout,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "imported/read.html")]
struct ReadPage {
    layout: Layout,
    kind: &'static str,
    title: String,
    occurred_on: String,
    imported_on: String,
    body_html: String,
}

#[get("/imported")]
async fn list(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let records = db.run(move |conn| service::list(conn, &actor)).await?;
    let lines = records
        .iter()
        .map(|record| Line {
            id: record.id,
            kind: record.copy.kind.label(),
            title: record.copy.title.clone(),
            occurred_on: day(record),
            imported_on: imported_on(record),
        })
        .collect();
    Ok(Page::render(&ListPage {
        layout: Layout::signed_in(&viewer, "Imported documents", Section::Account),
        lines,
    })?)
}

#[get("/imported/<id>")]
async fn read(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let record = db.run(move |conn| service::get(conn, &actor, id)).await?;
    Ok(Page::render(&ReadPage {
        layout: Layout::signed_in(&viewer, &record.copy.title, Section::Account),
        kind: record.copy.kind.label(),
        occurred_on: day(&record),
        imported_on: imported_on(&record),
        body_html: markdown::render(&record.copy.body),
        title: record.copy.title,
    })?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list, read]
}
