//! The CPD page: a registration year's records (this one unless another is asked for)
//! against Social Work England's requirement, with the years before it one link away.

use askama::Template;
use chrono::{Datelike, NaiveDate};
use rocket::get;

use crate::error::AppError;
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
    /// The year shown is the current registration year.
    current: bool,
    /// The calendar year the shown registration year ends in (`?year=`).
    year: i32,
    /// The earliest registration year that can be shown, by the year it ends in.
    earliest: i32,
}

/// The earliest registration year offered, by the year it ends in (dates before 1990 are
/// refused everywhere).
const EARLIEST_YEAR: i32 = 1991;

/// A registration year asked for by the calendar year it ends in (`None`: the current one).
#[derive(Debug, Clone, Copy)]
pub(super) struct AskedYear {
    /// The calendar year it ends in.
    pub year: i32,
    /// It is the current registration year.
    pub current: bool,
    /// The day to read it as of: today, or a past year's last day, 30 November.
    pub on: NaiveDate,
}

/// The registration year asked for, or why it cannot be shown.
pub(super) fn asked_year(year: Option<i32>, today: NaiveDate) -> Result<AskedYear, AppError> {
    let current = cpd::registration_year(today).1.year();
    let year = year.unwrap_or(current);
    if !(EARLIEST_YEAR..=current).contains(&year) {
        return Err(AppError::invalid(
            "year",
            format!(
                "Choose a registration year ending between {EARLIEST_YEAR} and {current} (each runs from 1 December to 30 November)."
            ),
        ));
    }
    let on = match NaiveDate::from_ymd_opt(year, 11, 30) {
        Some(last_day) if year != current => last_day,
        _ => today,
    };
    Ok(AskedYear {
        year,
        current: year == current,
        on,
    })
}

#[get("/cpd?<year>")]
async fn cpd_page(year: Option<i32>, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let AskedYear { year, current, on } = asked_year(year, clock::today())?;
    let progress = db.run(move |conn| cpd::progress(conn, &actor, on)).await?;
    let page = CpdPage {
        layout: Layout::signed_in(&viewer, "CPD", Section::Cpd),
        progress,
        required_records: REQUIRED_RECORDS,
        required_peer: REQUIRED_PEER_REFLECTIONS,
        current,
        year,
        earliest: EARLIEST_YEAR,
    };
    Ok(Page::render(&page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![cpd_page]
}
