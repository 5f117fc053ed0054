//! Marking a reflection revisited from its page: done with the plan (the date is cleared) or
//! to be looked at again on a new date.

use chrono::NaiveDate;
use rocket::form::FromForm;
use rocket::post;
use rocket::response::{Flash, Redirect};

use crate::error::{AppError, FieldErrors};
use crate::inbox::item::day;
use crate::journal::model::{EntryKind, EntryView};
use crate::journal::revisit;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::input::{parse_date, trimmed};
use crate::platform::web::{CsrfForm, PageResult};

/// What the entry page shows about revisiting a reflection, for its author.
#[derive(Debug, Clone)]
pub struct RevisitPanel {
    /// The day set, as people read it; `None` when none is set.
    pub on: Option<String>,
    /// The day set has come.
    pub due: bool,
    /// The day set has passed.
    pub overdue: bool,
    /// The day offered for looking again (a month from today), YYYY-MM-DD.
    pub next: String,
}

impl RevisitPanel {
    /// The panel for `entry` on `today`: only reflections have one.
    pub fn of(entry: &EntryView, today: NaiveDate) -> Option<Self> {
        (entry.kind == EntryKind::Reflection).then(|| Self {
            on: entry.revisit_on.map(day),
            due: entry.revisit_on.is_some_and(|on| on <= today),
            overdue: entry.revisit_on.is_some_and(|on| on < today),
            next: revisit::month_ahead(today).to_string(),
        })
    }
}

/// The revisit form: `done` clears the date, `later` moves it to `revisit_on`.
#[derive(Debug, FromForm)]
pub struct RevisitForm {
    action: Option<String>,
    revisit_on: Option<String>,
}

impl RevisitForm {
    /// The new revisit date the form asks for, or the problem with it.
    fn next(&self) -> Result<Option<NaiveDate>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let next = match self.action.as_deref() {
            Some("done") => None,
            Some("later") => match trimmed(self.revisit_on.as_deref()) {
                Some(text) => parse_date("revisit_on", &text, &mut errors),
                None => {
                    errors.add("revisit_on", "Choose the day to revisit it on.");
                    None
                }
            },
            _ => {
                errors.add("action", "Choose done, or a day to revisit it again.");
                None
            }
        };
        if errors.is_empty() {
            Ok(next)
        } else {
            Err(errors)
        }
    }
}

/// Every problem in one line, for the flash message on the entry page.
fn summary(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|error| error.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[post("/entries/<id>/revisit", data = "<form>")]
async fn mark_revisited(
    id: i32,
    form: CsrfForm<RevisitForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let fields = form.require()?;
    let back = format!("/entries/{id}#revisit");
    let actor = viewer.actor.clone();
    let outcome = db
        .run(move |conn| revisit::set(conn, &actor, id, fields.next(), clock::now()))
        .await;
    match outcome {
        Ok(entry) => Ok(Flash::success(
            Redirect::to(back),
            match entry.revisit_on {
                Some(on) => format!("You will be reminded again on {}.", day(on)),
                None => "Marked as revisited.".to_string(),
            },
        )),
        Err(AppError::Invalid(errors)) => Ok(Flash::error(Redirect::to(back), summary(&errors))),
        Err(other) => Err(other.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![mark_revisited]
}
