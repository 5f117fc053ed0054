//! The calendar feed on the deadlines page: making, replacing and stopping it, its day-before
//! reminders, the subscription address shown in full (once) with how to add it to each
//! calendar, and the feed itself.

use std::sync::Arc;

use rocket::form::FromForm;
use rocket::http::{ContentType, Status};
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post};

use super::feed::{self, LiveFeed};
use super::html::deadlines_page;
use super::timescales::SharedTimescales;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::{CsrfForm, Page, PageResult, SiteAddress};

/// What the deadlines page shows about its owner's feed.
#[derive(Debug, Clone, Default)]
pub struct FeedPanel {
    /// The live feed, if there is one.
    pub live: Option<LiveFeed>,
    /// The full address of a feed just made: shown once, since only its fingerprint is kept.
    pub new_address: Option<String>,
}

impl FeedPanel {
    /// When the live feed was started, as the page says it.
    pub fn since(&self) -> Option<String> {
        self.live
            .map(|live| clock::local(live.since).format("%d %b %Y").to_string())
    }

    /// Whether the live feed carries day-before reminders.
    pub fn reminds(&self) -> bool {
        self.live.is_some_and(|live| live.remind_day_before)
    }

    /// The new address with `webcal:` in place of `http:`/`https:`, which Apple Calendar
    /// and Outlook for desktop open as a subscription.
    pub fn webcal(&self) -> Option<String> {
        let address = self.new_address.as_deref()?;
        let rest = address
            .strip_prefix("https://")
            .or_else(|| address.strip_prefix("http://"))?;
        Some(format!("webcal://{rest}"))
    }
}

/// The feed forms: whether to remind the day before (a checkbox, absent when unticked).
#[derive(Debug, Default, FromForm)]
pub struct ReminderForm {
    /// Ticked: add a reminder the day before each event.
    pub remind_day_before: bool,
}

/// The path of a feed with this token.
pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

#[post("/deadlines/feed", data = "<form>")]
async fn create_feed(
    form: CsrfForm<ReminderForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
    site: SiteAddress,
) -> PageResult {
    let choice = form.require()?;
    let actor = viewer.actor.clone();
    let token = db
        .run(move |conn| feed::create(conn, &actor, choice.remind_day_before, clock::now()))
        .await?;
    let mut page = deadlines_page(&viewer, db, timescales).await?;
    page.feed.new_address = Some(site.link(&feed_path(&token)));
    Ok(Page::render_with(Status::Created, &page)?)
}

#[post("/deadlines/feed/reminder", data = "<form>")]
async fn set_reminder(
    form: CsrfForm<ReminderForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let choice = form.require()?;
    let (actor, remind) = (viewer.actor.clone(), choice.remind_day_before);
    let changed = db
        .run(move |conn| feed::set_reminder(conn, &actor, remind))
        .await?;
    let back = Redirect::to("/deadlines#feed-heading");
    Ok(match (changed, remind) {
        (false, _) => Flash::error(back, "There is no live feed to change: create one first."),
        (true, true) => Flash::success(
            back,
            "Your feed now reminds you the day before each deadline and event; calendars pick this up when they next refresh.",
        ),
        (true, false) => Flash::success(
            back,
            "Your feed no longer carries reminders; calendars pick this up when they next refresh.",
        ),
    })
}

#[post("/deadlines/feed/revoke", data = "<form>")]
async fn revoke_feed(
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| feed::revoke(conn, &actor, clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to("/deadlines"),
        "Calendar feed stopped; its address no longer works.",
    ))
}

/// The calendar feed. The token in the address is the only key, so a wrong or revoked one
/// answers 404 like any missing page.
#[get("/calendar/<file>")]
async fn calendar(
    file: &str,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<(ContentType, String)> {
    let token = file.strip_suffix(".ics").unwrap_or(file).to_string();
    let timescales = Arc::clone(timescales.inner());
    let text = db
        .run(move |conn| {
            feed::calendar_for_token(
                conn,
                &token,
                &timescales,
                clock::zone(),
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    Ok((ContentType::Calendar, text))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![create_feed, set_reminder, revoke_feed, calendar]
}
