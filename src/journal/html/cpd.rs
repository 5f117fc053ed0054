//! The CPD page: this registration year's records against Social Work England's requirement.

use askama::Template;
use rocket::get;

use crate::journal::cpd::{self, CpdProgress, REQUIRED_PEER_REFLECTIONS, REQUIRED_RECORDS};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "journal/cpd.html")]
struct CpdPage {
    layout: Layout,
    progress: CpdProgress,
    required_records: usize,
    required_peer: usize,
}

#[get("/cpd")]
async fn cpd_page(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let today = clock::today();
    let progress = db
        .run(move |conn| cpd::progress(conn, &actor, today))
        .await?;
    let page = CpdPage {
        layout: Layout::signed_in(&viewer, "CPD", Section::Cpd),
        progress,
        required_records: REQUIRED_RECORDS,
        required_peer: REQUIRED_PEER_REFLECTIONS,
    };
    Ok(Page::render(&page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![cpd_page]
}
