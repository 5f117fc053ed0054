//! Writing and changing entries: the entry form, quick capture and the Markdown preview.

use askama::Template;
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::form::{EntryForm, FormValues};
use crate::accounts::directory;
use crate::cases;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::journal::cpd_activity::CpdActivity;
use crate::journal::model::{EntryDraft, EntryKind};
use crate::journal::reflective::ReflectiveModel;
use crate::journal::{revisit, service};
use crate::legislation;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::findings::{FindingLine, finding_lines};
use crate::platform::web::form::STALE_FORM_MESSAGE;
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "journal/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    cancel: String,
    values: FormValues,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
    kinds: &'static [EntryKind],
    models: [ReflectiveModel; 5],
    activities: &'static [CpdActivity],
    readers: Vec<String>,
}

/// Where the form posts and what it is called.
struct Target {
    heading: String,
    action: String,
    cancel: String,
}

async fn form_page(
    db: &Database,
    viewer: &Viewer,
    target: Target,
    draft: EntryDraft,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
) -> AppResult<FormPage> {
    let actor = viewer.actor.clone();
    let texts: Vec<String> = draft
        .texts()
        .into_iter()
        .map(|(_, text)| text.to_string())
        .collect();
    let (cases, tags, readers) = db
        .run(move |conn| {
            Ok((
                cases::service::list(conn, &actor, None)?,
                legislation::service::list(conn, &actor, None, None)?,
                directory::readers_of_shared(conn, actor.user_id)?,
            ))
        })
        .await?;
    let suggested = legislation::service::suggest(texts.iter().map(String::as_str));
    let values = FormValues::from_draft(&draft, &cases, &tags, &suggested);
    Ok(FormPage {
        layout: Layout::signed_in(viewer, target.heading.clone(), Section::Journal),
        heading: target.heading,
        action: target.action,
        cancel: target.cancel,
        values,
        errors,
        findings,
        kinds: EntryKind::ALL,
        models: ReflectiveModel::ALL,
        activities: CpdActivity::ALL,
        readers,
    })
}

fn new_target() -> Target {
    Target {
        heading: "New entry".into(),
        action: "/entries".into(),
        cancel: "/entries".into(),
    }
}

fn edit_target(id: i32) -> Target {
    Target {
        heading: "Edit entry".into(),
        action: format!("/entries/{id}"),
        cancel: format!("/entries/{id}"),
    }
}

/// The new-entry form; `kind`, `model` and `title` may be chosen in advance (the weekly
/// look back links here with a title ready).
#[get("/entries/new?<kind>&<model>&<title>")]
async fn new_entry(
    kind: Option<String>,
    model: Option<String>,
    title: Option<String>,
    viewer: Viewer,
    db: &Database,
) -> PageResult {
    let mut draft = EntryDraft {
        kind: Some(kind.unwrap_or_else(|| "reflection".into())),
        model,
        title,
        occurred_on: Some(clock::today().to_string()),
        ..EntryDraft::default()
    };
    offer_default_revisit(&mut draft);
    let page = form_page(
        db,
        &viewer,
        new_target(),
        draft,
        FieldErrors::new(),
        Vec::new(),
    )
    .await?;
    Ok(Page::render(&page)?)
}

#[get("/entries/<id>/edit?<kind>")]
async fn edit_entry(id: i32, kind: Option<String>, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let entry = db
        .run(move |conn| service::get_for_change(conn, &actor, id))
        .await?;
    let mut draft = EntryDraft::from_view(&entry);
    if let Some(kind) = kind {
        draft.kind = Some(kind);
    }
    let page = form_page(
        db,
        &viewer,
        edit_target(id),
        draft,
        FieldErrors::new(),
        Vec::new(),
    )
    .await?;
    Ok(Page::render(&page)?)
}

/// Fills an empty revisit date on a new reflection with its default, so the form shows the
/// date it will save (the writer can clear it before saving).
fn offer_default_revisit(draft: &mut EntryDraft) {
    let reflection = draft.kind.as_deref() == Some(EntryKind::Reflection.as_str());
    if reflection
        && draft
            .revisit_on
            .as_deref()
            .is_none_or(|day| day.trim().is_empty())
    {
        let model = draft.model.as_deref().and_then(ReflectiveModel::parse);
        draft.revisit_on = revisit::default_for(model, clock::today()).map(|day| day.to_string());
    }
}

/// What a submitted entry form does when it is valid.
#[derive(Debug, Clone, Copy)]
enum Save {
    Create,
    Update(i32),
}

/// Saves a submitted form, or shows it again with what needs attention.
async fn submit(
    form: CsrfForm<EntryForm>,
    viewer: Viewer,
    db: &Database,
    save: Save,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let target = match save {
        Save::Create => new_target(),
        Save::Update(id) => edit_target(id),
    };
    let (fields, stale) = form.open();
    let refresh = fields.is_refresh();
    let acknowledgement = if fields.confirm_privacy {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    };
    let (mut draft, parse_errors) = fields.into_draft();
    if refresh && matches!(save, Save::Create) {
        offer_default_revisit(&mut draft);
    }
    let (status, errors, findings) = if stale {
        (
            Status::Forbidden,
            FieldErrors::single("title", STALE_FORM_MESSAGE),
            Vec::new(),
        )
    } else if refresh {
        (Status::Ok, FieldErrors::new(), Vec::new())
    } else if !parse_errors.is_empty() {
        (Status::UnprocessableEntity, parse_errors, Vec::new())
    } else {
        let actor = viewer.actor.clone();
        let candidate = draft.clone();
        let outcome = db
            .run(move |conn| {
                let (today, now) = (clock::today(), clock::now());
                match save {
                    Save::Create => {
                        service::create(conn, &actor, &candidate, acknowledgement, today, now)
                    }
                    Save::Update(id) => {
                        service::update(conn, &actor, id, &candidate, acknowledgement, today, now)
                    }
                }
            })
            .await;
        match outcome {
            Ok(saved) => {
                return Ok(Either::Left(Flash::success(
                    Redirect::to(format!("/entries/{}", saved.record.id)),
                    "Saved.",
                )));
            }
            Err(AppError::Invalid(errors)) => (Status::UnprocessableEntity, errors, Vec::new()),
            Err(AppError::PrivacyReview(warnings)) => (
                Status::UnprocessableEntity,
                FieldErrors::new(),
                finding_lines(&warnings),
            ),
            Err(other) => return Err(other.into()),
        }
    };
    let page = form_page(db, &viewer, target, draft, errors, findings).await?;
    Ok(Either::Right(Page::render_with(status, &page)?))
}

#[post("/entries", data = "<form>")]
async fn create_entry(
    form: CsrfForm<EntryForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(form, viewer, db, Save::Create).await
}

#[post("/entries/<id>", data = "<form>")]
async fn update_entry(
    id: i32,
    form: CsrfForm<EntryForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(form, viewer, db, Save::Update(id)).await
}

/// The markdown preview request (sent by the page's script).
#[derive(Debug, rocket::form::FromForm)]
pub struct PreviewForm {
    text: Option<String>,
}

#[post("/preview", data = "<form>")]
fn preview(
    form: CsrfForm<PreviewForm>,
    _viewer: Viewer,
) -> PageResult<rocket::response::content::RawHtml<String>> {
    let fields = form.require()?;
    Ok(rocket::response::content::RawHtml(markdown::render(
        &fields.text.unwrap_or_default(),
    )))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![new_entry, edit_entry, create_entry, update_entry, preview]
}
