//! The "Waiting for you" page, its count for the navigation, and marking comments as read.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::serde::json::Json;
use rocket::{State, get, post};
use serde::Serialize;

use super::{Inbox, service};
use crate::deadlines::timescales::SharedTimescales;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "inbox/page.html")]
struct InboxPage {
    layout: Layout,
    inbox: Inbox,
}

#[get("/inbox")]
async fn page(viewer: Viewer, db: &Database, timescales: &State<SharedTimescales>) -> PageResult {
    let inbox = service::load(db, &viewer.actor, timescales, clock::today()).await?;
    Ok(Page::render(&InboxPage {
        layout: Layout::signed_in(&viewer, "Waiting for you", Section::Inbox)
            .with_waiting(inbox.total()),
        inbox,
    })?)
}

/// How many things wait, for the count beside the navigation link.
#[derive(Debug, Serialize)]
struct Count {
    total: usize,
}

#[get("/inbox/count")]
async fn count(
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Json<Count>> {
    let inbox = service::load(db, &viewer.actor, timescales, clock::today()).await?;
    Ok(Json(Count {
        total: inbox.total(),
    }))
}

/// The "mark as read" button of a comment item.
#[derive(Debug, FromForm)]
pub struct SeenForm {
    kind: String,
    id: i32,
    through: i32,
}

#[post("/inbox/seen", data = "<form>")]
async fn mark_seen(
    form: CsrfForm<SeenForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Flash<Redirect>> {
    let fields = form.require()?;
    let actor = viewer.actor.clone();
    let timescales = std::sync::Arc::clone(timescales.inner());
    let marked = db
        .run(move |conn| {
            service::mark_read(
                conn,
                &actor,
                &timescales,
                (&fields.kind, fields.id, fields.through),
                clock::today(),
            )
        })
        .await?;
    let message = if marked {
        "Marked as read."
    } else {
        "Nothing there was waiting."
    };
    Ok(Flash::success(Redirect::to("/inbox"), message))
}

/// Routes of the inbox pages.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![page, count, mark_seen]
}
