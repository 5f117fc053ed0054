//! The case page: details, deadlines, events and entries over time.

use std::sync::Arc;

use askama::Template;
use rocket::{State, get};

use crate::cases::model::Case;
use crate::deadlines::EventRow;
use crate::deadlines::engine::{Deadline, DeadlineStatus};
use crate::deadlines::service::{self as deadlines, EventDraft};
use crate::deadlines::timescales::{CUSTOM, SharedTimescales};
use crate::error::{AppResult, FieldErrors};
use crate::journal::html::list::EntrySummary;
use crate::journal::service::{self as journal, EntryFilter, MAX_PAGE};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::{Layout, Page, PageResult, Section};

/// An event kind the record-an-event form offers.
#[derive(Debug, Clone)]
pub struct EventChoice {
    /// Kind.
    pub kind: String,
    /// Name.
    pub title: String,
    /// May be scheduled ahead.
    pub future: bool,
}

/// An event on the case page.
#[derive(Debug, Clone)]
pub struct EventLine {
    /// The event.
    pub event: EventRow,
    /// Its name.
    pub title: String,
    /// Scheduled (after today).
    pub scheduled: bool,
}

#[derive(Template)]
#[template(path = "cases/view.html")]
struct CasePage {
    layout: Layout,
    case: Case,
    entries: Vec<EntrySummary>,
    more: bool,
    deadlines: Vec<Deadline>,
    events: Vec<EventLine>,
    choices: Vec<EventChoice>,
    draft: EventDraft,
    errors: FieldErrors,
    today: String,
}

impl CasePage {
    /// The current value of a field of the event form.
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }
}

/// The case page: details, deadlines, events (with the record-an-event form, showing `draft`
/// and `errors` when it is shown again) and entries over time.
pub async fn case_page(
    viewer: &Viewer,
    db: &Database,
    timescales: &SharedTimescales,
    reference: &str,
    draft: EventDraft,
    errors: FieldErrors,
) -> AppResult<impl Template> {
    let (actor, reference) = (viewer.actor.clone(), reference.to_string());
    let shared = Arc::clone(timescales);
    let today = clock::today();
    let (timeline, page) = db
        .run(move |conn| {
            let timeline = deadlines::case_timeline(conn, &actor, &shared, &reference, today)?;
            let filter = EntryFilter {
                case: Some(timeline.case.reference.clone()),
                limit: MAX_PAGE,
                ..EntryFilter::default()
            };
            Ok((timeline, journal::list(conn, &actor, &filter)?))
        })
        .await?;
    let events = timeline
        .events
        .into_iter()
        .rev()
        .map(|event| EventLine {
            title: match &event.label {
                Some(label) => label.clone(),
                None => timescales.event_title(&event.kind),
            },
            scheduled: event.occurred_on > today,
            event,
        })
        .collect();
    let mut choices: Vec<EventChoice> = timescales
        .book
        .events
        .iter()
        .map(|event| EventChoice {
            kind: event.kind.clone(),
            title: event.title.clone(),
            future: event.future,
        })
        .collect();
    choices.push(EventChoice {
        kind: CUSTOM.to_string(),
        title: "Custom event with its own deadline".to_string(),
        future: false,
    });
    let mut deadlines = timeline.deadlines;
    deadlines.sort_by_key(|deadline| (deadline.status == DeadlineStatus::Met, deadline.due_on));
    Ok(CasePage {
        layout: Layout::signed_in(
            viewer,
            format!("Case {}", timeline.case.reference),
            Section::Cases,
        ),
        more: page.next_cursor.is_some(),
        entries: page.entries.into_iter().map(EntrySummary::new).collect(),
        case: timeline.case,
        deadlines,
        events,
        choices,
        draft,
        errors,
        today: today.to_string(),
    })
}

/// The case page; `?record=<event kind>` opens the event form with that kind chosen (the
/// deadlines page links here to record the event that meets a deadline).
#[get("/cases/<reference>?<record>")]
async fn view_case(
    reference: String,
    record: Option<String>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    let page = case_page(
        &viewer,
        db,
        timescales,
        &reference,
        EventDraft {
            kind: record,
            ..EventDraft::default()
        },
        FieldErrors::new(),
    )
    .await?;
    Ok(Page::render(&page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![view_case]
}
