//! The day log: every day with its hours, what was done and linked entries, and the form
//! that logs a day or changes one.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::placement_path;
use crate::error::{AppError, FieldErrors};
use crate::placements::model::{DayDraft, Portion};
use crate::placements::store::{self, EntryLine};
use crate::placements::view::{self, PlacementView};
use crate::placements::{access, service};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::submission::{Redisplay, acknowledgement, attempt};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// Most recent entries offered for linking to a day.
const ENTRY_CHOICES: i64 = 60;

#[derive(Template)]
#[template(path = "placements/days.html")]
struct DaysPage {
    layout: Layout,
    view: PlacementView,
    path: String,
    action: String,
    editing: bool,
    draft: DayDraft,
    entries: Vec<EntryLine>,
    portions: &'static [Portion],
    shown: Redisplay,
}

impl DaysPage {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    fn hours(&self) -> String {
        self.draft
            .hours
            .map(|hours| hours.to_string())
            .unwrap_or_default()
    }

    fn linked(&self, id: &i32) -> bool {
        self.draft.entries.contains(id)
    }
}

fn blank_day() -> DayDraft {
    DayDraft {
        day: Some(clock::today().to_string()),
        portion: Some(Portion::Full.as_str().into()),
        hours: Some(7.5),
        ..DayDraft::default()
    }
}

async fn days_page(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    day_id: Option<i32>,
    draft: Option<DayDraft>,
    shown: Redisplay,
) -> Result<DaysPage, AppError> {
    let actor = viewer.actor.clone();
    let (view, entries, current) = db
        .run(move |conn| {
            let access = access::open(conn, &actor, id)?;
            let current = match day_id {
                Some(day_id) => {
                    access.require_student()?;
                    let row = store::day(conn, id, day_id)?.ok_or(AppError::NotFound)?;
                    let linked = store::day_entries(conn, id)?
                        .into_iter()
                        .filter(|(day, _)| *day == day_id)
                        .map(|(_, line)| line.0)
                        .collect();
                    Some(DayDraft {
                        day: Some(row.day.to_string()),
                        portion: Some(row.portion.clone()),
                        hours: Some(row.hours),
                        activities: Some(row.activities.clone()),
                        absence_reason: row.absence_reason.clone(),
                        entries: linked,
                    })
                }
                None => None,
            };
            let entries = if access.can.changes_details() {
                store::own_entries(conn, actor.user_id, ENTRY_CHOICES)?
            } else {
                Vec::new()
            };
            let view = view::assemble_for(conn, &actor, access, clock::today())?;
            Ok((view, entries, current))
        })
        .await?;
    let path = placement_path(id);
    let action = match day_id {
        Some(day_id) => format!("{path}/days/{day_id}"),
        None => format!("{path}/days"),
    };
    Ok(DaysPage {
        layout: Layout::signed_in(
            viewer,
            if day_id.is_some() {
                "Change a day"
            } else {
                "Day log"
            },
            Section::Placements,
        ),
        view,
        path,
        action,
        editing: day_id.is_some(),
        draft: draft.or(current).unwrap_or_else(blank_day),
        entries,
        portions: Portion::ALL,
        shown,
    })
}

#[get("/placements/<id>/days")]
async fn days(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &days_page(&viewer, db, id, None, None, Redisplay::fresh()).await?,
    )?)
}

#[get("/placements/<id>/days/<day_id>/edit")]
async fn edit_day(id: i32, day_id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &days_page(&viewer, db, id, Some(day_id), None, Redisplay::fresh()).await?,
    )?)
}

/// The day form.
#[derive(Debug, FromForm)]
pub struct DayForm {
    day: Option<String>,
    portion: Option<String>,
    hours: Option<String>,
    activities: Option<String>,
    absence_reason: Option<String>,
    entries: Vec<i32>,
    confirm_privacy: bool,
}

impl DayForm {
    fn into_draft(self) -> (DayDraft, FieldErrors) {
        let mut errors = FieldErrors::new();
        let hours = self
            .hours
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .and_then(|text| {
                text.parse::<f64>()
                    .map_err(|_| errors.add("hours", "Give the hours as a number, like 7.5."))
                    .ok()
            });
        let draft = DayDraft {
            day: self.day,
            portion: self.portion,
            hours,
            activities: self.activities,
            absence_reason: self.absence_reason,
            entries: self.entries,
        };
        (draft, errors)
    }
}

async fn submit(
    id: i32,
    day_id: Option<i32>,
    form: CsrfForm<DayForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let (draft, errors) = fields.into_draft();
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving = async move {
        errors.into_result(())?;
        db.run(move |conn| {
            service::save_day(
                conn,
                &actor,
                id,
                day_id,
                &candidate,
                confirmed,
                clock::today(),
                clock::now(),
            )
        })
        .await
    };
    let shown = match attempt(stale, "day", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(format!("{}/days", placement_path(id))),
                "Day saved.",
            )));
        }
        Err(shown) => shown,
    };
    let page = days_page(&viewer, db, id, day_id, Some(draft), shown).await?;
    Ok(Either::Right(Page::render_with(
        page.shown.status(),
        &page,
    )?))
}

#[post("/placements/<id>/days", data = "<form>")]
async fn add_day(
    id: i32,
    form: CsrfForm<DayForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(id, None, form, viewer, db).await
}

#[post("/placements/<id>/days/<day_id>", data = "<form>")]
async fn update_day(
    id: i32,
    day_id: i32,
    form: CsrfForm<DayForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(id, Some(day_id), form, viewer, db).await
}

#[post("/placements/<id>/days/<day_id>/delete", data = "<form>")]
async fn delete_day(
    id: i32,
    day_id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| service::delete_day(conn, &actor, id, day_id))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("{}/days", placement_path(id))),
        "Day removed from the log.",
    ))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![days, edit_day, add_day, update_day, delete_day]
}
