//! The placements list, the placement form, and the placement page with its progress, the
//! coverage matrix at its heart, evidence, observations and documents.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::placement_path;
use crate::error::AppError;
use crate::placements::model::{Level, Placement, PlacementDraft, Stage};
use crate::placements::view::{self, PlacementView};
use crate::placements::{access, accessed, service};
use crate::platform::auth::{Role, Viewer};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::web::submission::{Redisplay, acknowledgement, attempt};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "placements/list.html")]
struct ListPage {
    layout: Layout,
    placements: Vec<(Placement, String)>,
    is_student: bool,
}

#[get("/placements")]
async fn list(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let placements = db
        .run(move |conn| {
            service::list(conn, &actor)?
                .into_iter()
                .map(|placement| {
                    let view = view::assemble(conn, &actor, placement.id, clock::today())?;
                    let summary = format!(
                        "{} with {}: {} of {} days",
                        view.student.name, view.educator.name, view.days.done, view.days.required
                    );
                    Ok((placement, summary))
                })
                .collect::<Result<Vec<_>, AppError>>()
        })
        .await?;
    Ok(Page::render(&ListPage {
        layout: Layout::signed_in(&viewer, "Placements", Section::Placements),
        placements,
        is_student: viewer.actor.role == Role::Student,
    })?)
}

#[derive(Template)]
#[template(path = "placements/form.html")]
struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    cancel: String,
    draft: PlacementDraft,
    educators: Vec<(String, String)>,
    supervisors: Vec<(String, String)>,
    levels: &'static [Level],
    shown: Redisplay,
}

impl FormPage {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    fn days(&self) -> String {
        self.draft
            .required_days
            .map(|days| days.to_string())
            .unwrap_or_default()
    }
}

fn draft_of(view: &PlacementView) -> PlacementDraft {
    let placement = &view.placement;
    PlacementDraft {
        educator: Some(view.educator.username.clone()),
        onsite_supervisor: view
            .onsite_supervisor
            .as_ref()
            .map(|person| person.username.clone()),
        setting: Some(placement.setting.clone()),
        team: Some(placement.team.clone()),
        level: Some(placement.level.clone()),
        required_days: Some(placement.required_days),
        starts_on: Some(placement.starts_on.to_string()),
        expected_end_on: Some(placement.expected_end_on.to_string()),
    }
}

async fn form_page(
    viewer: &Viewer,
    db: &Database,
    id: Option<i32>,
    draft: Option<PlacementDraft>,
    shown: Redisplay,
) -> Result<FormPage, AppError> {
    let actor = viewer.actor.clone();
    let (educators, supervisors, current) = db
        .run(move |conn| {
            let current = match id {
                Some(id) => {
                    let access = access::open(conn, &actor, id)?;
                    access.require_student()?;
                    Some(draft_of(&view::assemble_for(
                        conn,
                        &actor,
                        access,
                        clock::today(),
                    )?))
                }
                None if actor.role != Role::Student => {
                    return Err(AppError::Forbidden(
                        "Placements are started by the student on placement.".into(),
                    ));
                }
                None => None,
            };
            let (educators, supervisors) = service::choices(conn, actor.user_id)?;
            Ok((educators, supervisors, current))
        })
        .await?;
    let draft = draft.or(current).unwrap_or_else(|| PlacementDraft {
        level: Some(Level::First.as_str().into()),
        starts_on: Some(clock::today().to_string()),
        educator: educators.first().map(|(username, _)| username.clone()),
        ..PlacementDraft::default()
    });
    let (heading, action, cancel) = match id {
        Some(id) => (
            "Change the placement".to_string(),
            placement_path(id),
            placement_path(id),
        ),
        None => (
            "Start a placement".to_string(),
            "/placements".to_string(),
            "/placements".to_string(),
        ),
    };
    Ok(FormPage {
        layout: Layout::signed_in(viewer, heading.clone(), Section::Placements),
        heading,
        action,
        cancel,
        draft,
        educators,
        supervisors,
        levels: Level::ALL,
        shown,
    })
}

#[get("/placements/new")]
async fn new_form(viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &form_page(&viewer, db, None, None, Redisplay::fresh()).await?,
    )?)
}

#[get("/placements/<id>/edit")]
async fn edit_form(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &form_page(&viewer, db, Some(id), None, Redisplay::fresh()).await?,
    )?)
}

/// The placement form.
#[derive(Debug, FromForm)]
pub struct PlacementForm {
    educator: Option<String>,
    onsite_supervisor: Option<String>,
    setting: Option<String>,
    team: Option<String>,
    level: Option<String>,
    required_days: Option<String>,
    starts_on: Option<String>,
    expected_end_on: Option<String>,
    confirm_privacy: bool,
}

impl PlacementForm {
    fn into_draft(self) -> (PlacementDraft, crate::error::FieldErrors) {
        let mut errors = crate::error::FieldErrors::new();
        let required_days = self
            .required_days
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .and_then(|text| {
                text.parse::<f64>()
                    .map_err(|_| {
                        errors.add("required_days", "Give the number of days, like 60 or 62.5.")
                    })
                    .ok()
            });
        let draft = PlacementDraft {
            educator: self.educator,
            onsite_supervisor: self.onsite_supervisor,
            setting: self.setting,
            team: self.team,
            level: self.level,
            required_days,
            starts_on: self.starts_on,
            expected_end_on: self.expected_end_on,
        };
        (draft, errors)
    }
}

async fn submit(
    id: Option<i32>,
    form: CsrfForm<PlacementForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let (draft, errors) = fields.into_draft();
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving = async move {
        errors.into_result(())?;
        db.run(move |conn| match id {
            Some(id) => service::update(conn, &actor, id, &candidate, confirmed, clock::now()),
            None => service::create(conn, &actor, &candidate, confirmed, clock::now()),
        })
        .await
    };
    let shown = match attempt(stale, "educator", saving).await? {
        Ok(saved) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(placement_path(saved.record)),
                "Placement saved.",
            )));
        }
        Err(shown) => shown,
    };
    let page = form_page(&viewer, db, id, Some(draft), shown).await?;
    Ok(Either::Right(Page::render_with(
        page.shown.status(),
        &page,
    )?))
}

#[post("/placements", data = "<form>")]
async fn create(
    form: CsrfForm<PlacementForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(None, form, viewer, db).await
}

#[post("/placements/<id>", data = "<form>")]
async fn update(
    id: i32,
    form: CsrfForm<PlacementForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(Some(id), form, viewer, db).await
}

#[derive(Template)]
#[template(path = "placements/page.html")]
struct PlacementPage {
    layout: Layout,
    view: PlacementView,
    path: String,
    stages: &'static [Stage],
}

impl PlacementPage {
    fn html(&self, text: &str) -> String {
        markdown::render(text)
    }

    fn domain_title(&self, code: &str) -> String {
        self.view
            .coverage
            .iter()
            .find(|domain| domain.code == code)
            .map_or_else(|| code.to_string(), |domain| domain.title.clone())
    }

    fn ends_late(&self) -> bool {
        self.view
            .days
            .projected_end
            .is_some_and(|end| end > self.view.placement.expected_end_on)
    }

    fn observation_percent(&self) -> usize {
        (self.view.observations.len() * 100 / self.view.observations_required.max(1)).min(100)
    }
}

#[get("/placements/<id>")]
async fn page(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let view = db
        .run(move |conn| accessed::open_evidence(conn, &actor, id, clock::today(), clock::now()))
        .await?;
    let title = format!(
        "Placement: {}, {}",
        view.placement.setting, view.placement.team
    );
    Ok(Page::render(&PlacementPage {
        layout: Layout::signed_in(&viewer, title, Section::Placements),
        path: placement_path(id),
        view,
        stages: Stage::ALL,
    })?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![list, new_form, edit_form, create, update, page]
}
