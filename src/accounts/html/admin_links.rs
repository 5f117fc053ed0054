//! Administration of supervision links, and the audit log.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{get, post};

use crate::accounts::model::{LinkKind, LinkView, User};
use crate::accounts::{admin, store};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::audit::{self, AuditEvent};
use crate::platform::auth::{AdminViewer, ClientAddress};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::{ButtonForm, redisplay_status, stale_refusal};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "admin/links.html")]
struct LinksPage {
    layout: Layout,
    links: Vec<LinkView>,
    users: Vec<User>,
    supervisor: String,
    supervisee: String,
    kind: String,
    errors: FieldErrors,
}

async fn links_page(
    db: &Database,
    admin: &AdminViewer,
    draft: (String, String, String),
    errors: FieldErrors,
) -> AppResult<LinksPage> {
    let (links, users) = db
        .run(|conn| Ok((store::list_links(conn)?, store::list_users(conn)?)))
        .await?;
    let (supervisor, supervisee, kind) = draft;
    Ok(LinksPage {
        layout: Layout::signed_in(&admin.0, "Supervision links", Section::Admin),
        links,
        users,
        supervisor,
        supervisee,
        kind,
        errors,
    })
}

#[get("/admin/links")]
async fn links(admin: AdminViewer, db: &Database) -> PageResult {
    let draft = (String::new(), String::new(), "line".to_string());
    let page = links_page(db, &admin, draft, FieldErrors::new()).await?;
    Ok(Page::render(&page)?)
}

/// The new-link form.
#[derive(Debug, FromForm)]
pub struct LinkForm {
    supervisor: Option<String>,
    supervisee: Option<String>,
    kind: Option<String>,
}

#[post("/admin/links", data = "<form>")]
async fn create_link(
    form: CsrfForm<LinkForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Result<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let draft = (
        fields.supervisor.unwrap_or_default(),
        fields.supervisee.unwrap_or_default(),
        fields.kind.unwrap_or_else(|| "line".into()),
    );
    let outcome = match LinkKind::parse(&draft.2) {
        _ if stale => Err(stale_refusal("supervisor")),
        Some(kind) => {
            let actor = admin.0.actor.clone();
            let (supervisor, supervisee) = (draft.0.clone(), draft.1.clone());
            db.run(move |conn| {
                admin::link(
                    conn,
                    Some(&actor),
                    &supervisor,
                    &supervisee,
                    kind,
                    address.0.as_deref(),
                    clock::now(),
                )
            })
            .await
        }
        None => Err(AppError::invalid("kind", "Choose line or educator.")),
    };
    match outcome {
        Ok(_) => Ok(Ok(Flash::success(
            Redirect::to("/admin/links"),
            "Link created.",
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = links_page(db, &admin, draft, errors).await?;
            Ok(Err(Page::render_with(redisplay_status(stale), &page)?))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/admin/links/<id>/delete", data = "<form>")]
async fn delete_link(
    id: i32,
    form: CsrfForm<ButtonForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = admin.0.actor.clone();
    db.run(move |conn| admin::unlink(conn, &actor, id, address.0.as_deref(), clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to("/admin/links"),
        "Link removed.",
    ))
}

/// Events shown per page of the audit log.
const AUDIT_PAGE_SIZE: i64 = 50;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    layout: Layout,
    events: Vec<AuditEvent>,
    page: i64,
    has_more: bool,
}

#[get("/admin/audit?<page>")]
async fn audit_log(page: Option<i64>, admin: AdminViewer, db: &Database) -> PageResult {
    // Bounded, so that no page number can overflow the offset.
    let page = page.unwrap_or(1).clamp(1, i64::from(i32::MAX));
    let offset = (page - 1).saturating_mul(AUDIT_PAGE_SIZE);
    let mut events = db
        .run(move |conn| audit::recent(conn, None, AUDIT_PAGE_SIZE + 1, offset))
        .await?;
    let has_more = events.len() as i64 > AUDIT_PAGE_SIZE;
    events.truncate(AUDIT_PAGE_SIZE as usize);
    let view = AuditPage {
        layout: Layout::signed_in(&admin.0, "Audit log", Section::Admin),
        events,
        page,
        has_more,
    };
    Ok(Page::render(&view)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![links, create_link, delete_link, audit_log]
}
