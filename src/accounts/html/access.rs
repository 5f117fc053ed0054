//! The page listing who opened what you wrote or shared.

use askama::Template;
use rocket::get;

use crate::accounts::access::{self, AccessPage};
use crate::platform::auth::Viewer;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "accounts/access.html")]
struct AccessLogPage {
    layout: Layout,
    log: AccessPage,
}

#[get("/account/access?<page>")]
async fn access_log(page: Option<i64>, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let log = db
        .run(move |conn| access::access_log(conn, &actor, page.unwrap_or(1)))
        .await?;
    let view = AccessLogPage {
        layout: Layout::signed_in(&viewer, "Who opened your work", Section::Account),
        log,
    };
    Ok(Page::render(&view)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![access_log]
}
