//! Supervision record pages: reading (printable), signing, amending after sign-off,
//! comments, actions, Markdown download.

use askama::Template;
use rocket::form::FromForm;
use rocket::http::{ContentType, Header, Status};
use rocket::response::{Flash, Redirect};
use rocket::{Either, Responder, get, post};

use super::pair::pair_path;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::signing::SignForm;
use crate::platform::web::form::{redisplay_status, stale_errors};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};
use crate::supervision::view::SessionView;
use crate::supervision::{accessed, export, service};

#[derive(Template)]
#[template(path = "supervision/record.html")]
struct RecordPage {
    layout: Layout,
    record: SessionView,
    path: String,
    amendable: Vec<(String, String)>,
    errors: FieldErrors,
}

impl RecordPage {
    fn html(&self, text: impl AsRef<str>) -> String {
        markdown::render(text.as_ref())
    }

    fn amended(&self, field: impl AsRef<str>) -> bool {
        self.record
            .amendments
            .iter()
            .any(|amendment| amendment.field == field.as_ref())
    }
}

async fn record_page(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    errors: FieldErrors,
) -> Result<RecordPage, AppError> {
    let actor = viewer.actor.clone();
    let record = db
        .run(move |conn| accessed::open_session(conn, &actor, id, clock::today(), clock::now()))
        .await?;
    Ok(RecordPage {
        layout: Layout::signed_in(
            viewer,
            format!(
                "Supervision record, {}",
                record.row.held_on.format("%d %B %Y")
            ),
            Section::Supervision,
        ),
        path: pair_path(record.pair.other()),
        amendable: service::amendable_fields(&record),
        errors,
        record,
    })
}

#[get("/supervision/sessions/<id>")]
async fn view_record(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &record_page(&viewer, db, id, FieldErrors::new()).await?,
    )?)
}

#[post("/supervision/sessions/<id>/sign", data = "<form>")]
async fn sign_record(
    id: i32,
    form: CsrfForm<SignForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let seen = form.require()?.version;
    let actor = viewer.actor.clone();
    db.run(move |conn| service::sign_session(conn, &actor, id, seen.as_deref(), clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("/supervision/sessions/{id}")),
        "You have signed the record.",
    ))
}

/// The amendment form.
#[derive(Debug, FromForm)]
pub struct AmendForm {
    field: Option<String>,
    text: Option<String>,
    reason: Option<String>,
}

/// The comment form.
#[derive(Debug, FromForm)]
pub struct CommentForm {
    body: Option<String>,
    disagrees: bool,
}

async fn after_change(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    outcome: Result<(), AppError>,
    done: &str,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    match outcome {
        Ok(()) => Ok(Either::Left(Flash::success(
            Redirect::to(format!("/supervision/sessions/{id}")),
            done.to_string(),
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = record_page(viewer, db, id, errors).await?;
            Ok(Either::Right(Page::render_with(
                Status::UnprocessableEntity,
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/supervision/sessions/<id>/amendments", data = "<form>")]
async fn amend_record(
    id: i32,
    form: CsrfForm<AmendForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let fields = form.require()?;
    let actor = viewer.actor.clone();
    let outcome = db
        .run(move |conn| {
            service::amend(
                conn,
                &actor,
                id,
                fields.field.as_deref().unwrap_or(""),
                fields.text.as_deref().unwrap_or(""),
                fields.reason.as_deref().unwrap_or(""),
                clock::today(),
                clock::now(),
            )
        })
        .await;
    after_change(&viewer, db, id, outcome, "Amendment recorded.").await
}

#[post("/supervision/sessions/<id>/comments", data = "<form>")]
async fn comment_record(
    id: i32,
    form: CsrfForm<CommentForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    if stale {
        let page = record_page(&viewer, db, id, stale_errors("body")).await?;
        return Ok(Either::Right(Page::render_with(
            redisplay_status(true),
            &page,
        )?));
    }
    let actor = viewer.actor.clone();
    let outcome = db
        .run(move |conn| {
            service::comment(
                conn,
                &actor,
                id,
                fields.body.as_deref().unwrap_or(""),
                fields.disagrees,
                clock::now(),
            )
        })
        .await;
    after_change(&viewer, db, id, outcome, "Comment added to the record.").await
}

/// The action status form.
#[derive(Debug, FromForm)]
pub struct ActionForm {
    status: Option<String>,
    reason: Option<String>,
    back: Option<String>,
}

#[post("/supervision/actions/<id>", data = "<form>")]
async fn update_action(
    id: i32,
    form: CsrfForm<ActionForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let fields = form.require()?;
    let back = crate::platform::web::safe_return_path(fields.back.as_deref());
    let actor = viewer.actor.clone();
    let outcome = db
        .run(move |conn| {
            service::update_action(
                conn,
                &actor,
                id,
                fields.status.as_deref().unwrap_or(""),
                fields.reason.as_deref(),
                clock::today(),
                clock::now(),
            )
        })
        .await;
    match outcome {
        Ok(_) => Ok(Flash::success(Redirect::to(back), "Action updated.")),
        Err(AppError::Invalid(errors)) => {
            let message = errors
                .iter()
                .map(|error| error.message.clone())
                .collect::<Vec<_>>()
                .join(" ");
            Ok(Flash::error(Redirect::to(back), message))
        }
        Err(other) => Err(other.into()),
    }
}

/// A record to save.
#[derive(Responder)]
pub struct MarkdownFile {
    body: String,
    kind: ContentType,
    disposition: Header<'static>,
}

#[get("/supervision/sessions/<id>/record.md")]
async fn download(id: i32, viewer: Viewer, db: &Database) -> PageResult<MarkdownFile> {
    let actor = viewer.actor.clone();
    let record = db
        .run(move |conn| accessed::open_session(conn, &actor, id, clock::today(), clock::now()))
        .await?;
    let name = format!("supervision-{}.md", record.row.held_on);
    Ok(MarkdownFile {
        body: export::to_markdown(&record),
        kind: ContentType::new("text", "markdown"),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    })
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        view_record,
        sign_record,
        amend_record,
        comment_record,
        update_action,
        download
    ]
}
