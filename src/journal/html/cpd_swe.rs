//! A registration year's CPD records in Social Work England's form order (`/cpd/year/<year>/swe`),
//! with a copy button per field, and the same as plain text and CSV to download. Only the
//! person's own records are read: the year's records come from their own journal.

use askama::Template;
use rocket::http::{ContentType, Header};
use rocket::{Responder, get};

use super::cpd::{AskedYear, asked_year};
use crate::journal::cpd;
use crate::journal::cpd_swe::{self, SweRecord};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "journal/cpd_swe.html")]
struct SwePage {
    layout: Layout,
    heading: String,
    year: i32,
    records: Vec<SweRecord>,
}

/// The asked year's heading and records, oldest first.
async fn year_records(
    viewer: &Viewer,
    db: &Database,
    year: i32,
) -> PageResult<(String, AskedYear, Vec<SweRecord>)> {
    let asked = asked_year(Some(year), clock::today())?;
    let actor = viewer.actor.clone();
    let progress = db
        .run(move |conn| cpd::progress(conn, &actor, asked.on))
        .await?;
    let heading = format!(
        "CPD records for Social Work England, registration year {} to {}",
        progress.starts.format("%-d %B %Y"),
        progress.ends.format("%-d %B %Y")
    );
    let records = progress
        .records
        .iter()
        .rev()
        .filter_map(cpd_swe::layout)
        .collect();
    Ok((heading, asked, records))
}

#[get("/cpd/year/<year>/swe")]
async fn swe_page(year: i32, viewer: Viewer, db: &Database) -> PageResult {
    let (heading, asked, records) = year_records(&viewer, db, year).await?;
    let page = SwePage {
        layout: Layout::signed_in(&viewer, heading.clone(), Section::Cpd),
        heading,
        year: asked.year,
        records,
    };
    Ok(Page::render(&page)?)
}

/// A download of the year's records.
#[derive(Responder)]
pub struct SweFile {
    body: String,
    kind: ContentType,
    disposition: Header<'static>,
}

fn download(body: String, kind: ContentType, name: String) -> SweFile {
    SweFile {
        body,
        kind,
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ),
    }
}

#[get("/cpd/year/<year>/swe.txt")]
async fn swe_text(year: i32, viewer: Viewer, db: &Database) -> PageResult<SweFile> {
    let (heading, asked, records) = year_records(&viewer, db, year).await?;
    Ok(download(
        cpd_swe::to_text(&heading, &records),
        ContentType::Plain,
        format!("cpd-{}-{}.txt", asked.year - 1, asked.year),
    ))
}

#[get("/cpd/year/<year>/swe.csv")]
async fn swe_csv(year: i32, viewer: Viewer, db: &Database) -> PageResult<SweFile> {
    let (_, asked, records) = year_records(&viewer, db, year).await?;
    Ok(download(
        cpd_swe::to_csv(&records),
        ContentType::CSV,
        format!("cpd-{}-{}.csv", asked.year - 1, asked.year),
    ))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![swe_page, swe_text, swe_csv]
}
