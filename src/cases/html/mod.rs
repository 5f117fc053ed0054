//! Pages of cases: the list, a case with its timeline and entries, and the case form.

mod form;
mod view;

use askama::Template;
use rocket::get;

use super::model::{Case, CaseStatus};
use super::service;
use crate::platform::auth::Viewer;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

pub use view::case_page;

#[derive(Template)]
#[template(path = "cases/list.html")]
struct CasesPage {
    layout: Layout,
    open: Vec<Case>,
    closed: Vec<Case>,
}

#[get("/cases")]
async fn list_cases(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let cases = db
        .run(move |conn| service::list(conn, &actor, None))
        .await?;
    let (open, closed) = cases
        .into_iter()
        .partition(|case| case.status == CaseStatus::Open);
    let page = CasesPage {
        layout: Layout::signed_in(&viewer, "Cases", Section::Cases),
        open,
        closed,
    };
    Ok(Page::render(&page)?)
}

/// Routes of the cases pages.
pub fn routes() -> Vec<rocket::Route> {
    let mut routes = rocket::routes![list_cases];
    routes.extend(view::routes());
    routes.extend(form::routes());
    routes
}
