//! The weekly "look back" page: the week's own entries, the weeks either side, and a prompt
//! to write a short reflection on it (the new-entry form, with a title ready).

use askama::Template;
use chrono::{Days, NaiveDate};
use rocket::get;
use rocket::http::RawStr;

use super::dates::week_of;
use crate::error::FieldErrors;
use crate::journal::html::list::EntrySummary;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::input::parse_date;
use crate::platform::web::{Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "resurfacing/look_back.html")]
struct LookBackPage {
    layout: Layout,
    monday: NaiveDate,
    sunday: NaiveDate,
    entries: Vec<EntrySummary>,
    /// The week before's Monday.
    previous: NaiveDate,
    /// The week after's Monday, unless that is still to come.
    next: Option<NaiveDate>,
}

impl LookBackPage {
    /// The new-entry form for a reflection on this week, its title filled in.
    fn reflect_link(&self) -> String {
        let title = format!(
            "Looking back on the week of {}",
            self.monday.format("%-d %B %Y")
        );
        format!(
            "/entries/new?kind=reflection&title={}",
            RawStr::new(&title).percent_encode()
        )
    }
}

/// A week of the viewer's own entries; `?week=YYYY-MM-DD` names any day in it (this week by
/// default).
#[get("/look-back?<week>")]
async fn look_back(week: Option<String>, viewer: Viewer, db: &Database) -> PageResult {
    let today = clock::today();
    let day = match week
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        None => today,
        Some(text) => {
            let mut errors = FieldErrors::new();
            match parse_date("week", text, &mut errors) {
                Some(day) => day,
                None => return Err(crate::error::AppError::Invalid(errors).into()),
            }
        }
    };
    let (monday, sunday) = week_of(day);
    let actor = viewer.actor.clone();
    let entries = db.run(move |conn| super::week(conn, &actor, day)).await?;
    let page = LookBackPage {
        layout: Layout::signed_in(&viewer, "Look back", Section::Journal),
        monday,
        sunday,
        entries: entries.into_iter().map(EntrySummary::new).collect(),
        previous: monday.checked_sub_days(Days::new(7)).unwrap_or(monday),
        next: sunday.succ_opt().filter(|next| *next <= today),
    };
    Ok(Page::render(&page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![look_back]
}
