//! Pages of timescales: the deadlines page, recording and removing case events (from the
//! case page or from an entry). The calendar feed's part is in `feed_html`.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use chrono::{Days, NaiveDate};
use rocket::form::FromForm;

use rocket::response::{Flash, Redirect};
use rocket::{State, get, post};

use super::engine::DeadlineStatus;
use super::feed_html::FeedPanel;
use super::service::{self, CaseDeadline, EventDraft};
use super::timescales::SharedTimescales;
use super::{disclosed, feed};
use crate::error::AppError;
use crate::journal::service as journal;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// Deadlines grouped the way a worker plans a week.
#[derive(Debug, Clone, Default)]
pub struct DeadlineGroups {
    /// Past their due date.
    pub overdue: Vec<CaseDeadline>,
    /// Due in the next seven days.
    pub this_week: Vec<CaseDeadline>,
    /// Due in the next 30 days, after this week.
    pub next_30_days: Vec<CaseDeadline>,
    /// Due later.
    pub later: Vec<CaseDeadline>,
    /// Met in the last 30 days, most recent first (late ones say so).
    pub recently_met: Vec<CaseDeadline>,
}

/// How long a met deadline stays listed as recently met, in days.
pub const RECENTLY_MET_DAYS: u64 = 30;

impl DeadlineGroups {
    /// Sorts deadlines into groups relative to `today`; met ones are kept for
    /// [`RECENTLY_MET_DAYS`].
    pub fn new(deadlines: Vec<CaseDeadline>, today: NaiveDate) -> Self {
        let week = today.checked_add_days(Days::new(7)).unwrap_or(today);
        let month = today.checked_add_days(Days::new(30)).unwrap_or(today);
        let recent = today
            .checked_sub_days(Days::new(RECENTLY_MET_DAYS))
            .unwrap_or(today);
        let mut groups = Self::default();
        for item in deadlines {
            let due = item.deadline.due_on;
            match item.deadline.status {
                DeadlineStatus::Met => {
                    if item.deadline.met_on.is_some_and(|met| met >= recent) {
                        groups.recently_met.push(item);
                    }
                }
                DeadlineStatus::Overdue => groups.overdue.push(item),
                DeadlineStatus::Due if due < week => groups.this_week.push(item),
                DeadlineStatus::Due if due < month => groups.next_30_days.push(item),
                DeadlineStatus::Due => groups.later.push(item),
            }
        }
        groups
            .recently_met
            .sort_by_key(|item| std::cmp::Reverse(item.deadline.met_on));
        groups
    }

    /// The groups with their headings and anchors, in the order a page shows them.
    pub fn sections(&self) -> [(&'static str, &'static str, &Vec<CaseDeadline>); 4] {
        [
            ("Overdue", "overdue", &self.overdue),
            ("Due in the next 7 days", "week", &self.this_week),
            ("Due in the next 30 days", "month", &self.next_30_days),
            ("Later", "later", &self.later),
        ]
    }

    /// Whether nothing is open (recently met ones aside).
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty()
            && self.this_week.is_empty()
            && self.next_30_days.is_empty()
            && self.later.is_empty()
    }
}

#[derive(Template)]
#[template(path = "deadlines/page.html")]
pub(super) struct DeadlinesPage {
    layout: Layout,
    groups: DeadlineGroups,
    today: NaiveDate,
    /// The calendar feed's part of the page.
    pub(super) feed: FeedPanel,
    /// Each rule's kind and the event that meets it, for the "record it" links.
    meeting_events: BTreeMap<String, String>,
}

impl DeadlinesPage {
    /// The case page's event form, chosen to record the event that meets this deadline.
    fn record_link(&self, item: &CaseDeadline) -> String {
        let kind = self
            .meeting_events
            .get(&item.deadline.kind)
            .map_or(super::timescales::CUSTOM, String::as_str);
        format!(
            "{}?record={}#record-event",
            case_path(&item.reference),
            rocket::http::RawStr::new(kind).percent_encode()
        )
    }
}

/// The deadlines page of the viewer, with their feed as it stands.
pub(super) async fn deadlines_page(
    viewer: &Viewer,
    db: &Database,
    timescales: &SharedTimescales,
) -> Result<DeadlinesPage, AppError> {
    let (actor, timescales) = (viewer.actor.clone(), Arc::clone(timescales));
    let today = clock::today();
    let meeting_events = timescales
        .book
        .rules
        .iter()
        .filter_map(|rule| Some((rule.kind.clone(), rule.met_by.first()?.clone())))
        .collect();
    let (deadlines, live) = db
        .run(move |conn| {
            Ok((
                service::my_deadlines(conn, &actor, &timescales, today, false)?,
                feed::live(conn, &actor)?,
            ))
        })
        .await?;
    Ok(DeadlinesPage {
        layout: Layout::signed_in(viewer, "Deadlines", Section::Deadlines),
        groups: DeadlineGroups::new(deadlines, today),
        today,
        feed: FeedPanel {
            live,
            new_address: None,
        },
        meeting_events,
    })
}

#[get("/deadlines")]
async fn deadlines(
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    Ok(Page::render(
        &deadlines_page(&viewer, db, timescales).await?,
    )?)
}

#[derive(Template)]
#[template(path = "deadlines/supervisees.html")]
struct SuperviseesPage {
    layout: Layout,
    supervisees: Vec<disclosed::SuperviseeDeadlines>,
    today: NaiveDate,
}

/// Supervisees' open deadlines (case references and kinds only), for planning supervision.
#[get("/deadlines/supervisees")]
async fn supervisees(
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    let (actor, timescales) = (viewer.actor.clone(), Arc::clone(timescales.inner()));
    let today = clock::today();
    let supervisees = db
        .run(move |conn| disclosed::supervisees_deadlines(conn, &actor, &timescales, today))
        .await?;
    let page = SuperviseesPage {
        layout: Layout::signed_in(&viewer, "Supervisees' deadlines", Section::Deadlines),
        supervisees,
        today,
    };
    Ok(Page::render(&page)?)
}

/// The record-an-event form (on the case page and on an entry).
#[derive(Debug, Default, FromForm)]
pub struct EventForm {
    /// Event kind.
    pub kind: Option<String>,
    /// YYYY-MM-DD.
    pub occurred_on: Option<String>,
    /// HH:MM.
    pub occurred_at: Option<String>,
    /// Custom label.
    pub label: Option<String>,
    /// Custom due date.
    pub due_on: Option<String>,
    /// The case (when recorded from an entry).
    pub case: Option<String>,
}

impl EventForm {
    fn draft(&self, entry_id: Option<i32>) -> EventDraft {
        EventDraft {
            kind: self.kind.clone(),
            occurred_on: self.occurred_on.clone(),
            occurred_at: self.occurred_at.clone(),
            label: self.label.clone(),
            due_on: self.due_on.clone(),
            entry_id,
        }
    }
}

fn case_path(reference: &str) -> String {
    format!(
        "/cases/{}",
        rocket::http::RawStr::new(reference).percent_encode()
    )
}

/// Records an event from the case page; on bad input the case page is shown again with the
/// messages (see `cases::html`).
#[post("/cases/<reference>/events", data = "<form>")]
async fn record_event(
    reference: String,
    form: CsrfForm<EventForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<rocket::Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let draft = fields.draft(None);
    let outcome = if stale {
        Err(AppError::invalid(
            "kind",
            crate::platform::web::form::STALE_FORM_MESSAGE,
        ))
    } else {
        let (actor, timescales, target, candidate) = (
            viewer.actor.clone(),
            Arc::clone(timescales.inner()),
            reference.clone(),
            draft.clone(),
        );
        db.run(move |conn| {
            service::record_event(
                conn,
                &actor,
                &timescales,
                &target,
                &candidate,
                clock::today(),
                clock::now(),
            )
        })
        .await
    };
    match outcome {
        Ok(event) => {
            let what = timescales.event_title(&event.kind);
            Ok(rocket::Either::Left(Flash::success(
                Redirect::to(case_path(&reference)),
                format!("{what} recorded."),
            )))
        }
        Err(AppError::Invalid(errors)) => {
            let page =
                crate::cases::html::case_page(&viewer, db, timescales, &reference, draft, errors)
                    .await?;
            Ok(rocket::Either::Right(Page::render_with(
                crate::platform::web::form::redisplay_status(stale),
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/cases/<reference>/events/<id>/delete", data = "<form>")]
async fn delete_event(
    reference: String,
    id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let (actor, target) = (viewer.actor.clone(), reference.clone());
    db.run(move |conn| service::delete_event(conn, &actor, &target, id))
        .await?;
    Ok(Flash::success(
        Redirect::to(case_path(&reference)),
        "Event removed.",
    ))
}

/// Records an event from an entry, dated on the entry's day unless another date is given.
#[post("/entries/<id>/events", data = "<form>")]
async fn record_from_entry(
    id: i32,
    form: CsrfForm<EventForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Flash<Redirect>> {
    let fields = form.require()?;
    let (actor, timescales) = (viewer.actor.clone(), Arc::clone(timescales.inner()));
    let outcome = db
        .run(move |conn| {
            let entry = journal::get_for_change(conn, &actor, id)?;
            let reference = fields
                .case
                .clone()
                .filter(|reference| entry.cases.iter().any(|case| &case.reference == reference))
                .ok_or_else(|| AppError::invalid("case", "Choose one of the entry's cases."))?;
            let mut draft = fields.draft(Some(entry.id));
            if draft.occurred_on.as_deref().is_none_or(str::is_empty) {
                draft.occurred_on = Some(entry.occurred_on.to_string());
            }
            service::record_event(
                conn,
                &actor,
                &timescales,
                &reference,
                &draft,
                clock::today(),
                clock::now(),
            )
            .map(|event| (reference, timescales.event_title(&event.kind)))
        })
        .await;
    match outcome {
        Ok((reference, what)) => Ok(Flash::success(
            Redirect::to(case_path(&reference)),
            format!("{what} recorded from the entry."),
        )),
        Err(AppError::Invalid(errors)) => {
            let message = errors
                .iter()
                .map(|error| error.message.clone())
                .collect::<Vec<_>>()
                .join(" ");
            Ok(Flash::error(
                Redirect::to(format!("/entries/{id}")),
                message,
            ))
        }
        Err(other) => Err(other.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        deadlines,
        supervisees,
        record_event,
        delete_event,
        record_from_entry
    ]
}
