//! The dashboard: quick capture, recent entries, open cases, what is flagged for supervision,
//! what supervisees have shared, and CPD progress.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post};

use crate::cases::model::{Case, CaseStatus};
use std::sync::Arc;

use crate::deadlines::html::DeadlineGroups;
use crate::deadlines::service as deadlines;
use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::journal::cpd::{self, CpdProgress};
use crate::journal::html::list::EntrySummary;
use crate::journal::model::EntryDraft;
use crate::journal::service::{self as journal, EntryFilter};
use crate::placements::summary::PlacementLine;
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::findings::{FindingLine, finding_lines};
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};
use crate::supervision::history::OverviewLine;

/// How many items each panel lists.
const PANEL_SIZE: i64 = 8;

/// What was typed into quick capture, kept when the form is shown again.
#[derive(Debug, Clone, Default)]
struct CaptureDraft {
    note: String,
    title: String,
    occurred_on: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    layout: Layout,
    capture: CaptureDraft,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
    recent: Vec<EntrySummary>,
    flagged: Vec<EntrySummary>,
    shared: Vec<EntrySummary>,
    open_cases: Vec<Case>,
    cpd: CpdProgress,
    deadlines: DeadlineGroups,
    supervision: Vec<OverviewLine>,
    placements: Vec<PlacementLine>,
    /// The viewer's own entries from this day one and two years ago.
    on_this_day: Vec<(u32, Vec<EntrySummary>)>,
    inbox: crate::inbox::Inbox,
    today: String,
}

async fn dashboard_page(
    viewer: &Viewer,
    db: &Database,
    timescales: &SharedTimescales,
    capture: CaptureDraft,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
) -> AppResult<Dashboard> {
    let actor = viewer.actor.clone();
    let today = clock::today();
    let timescales = Arc::clone(timescales);
    let inbox = crate::inbox::service::load(db, &actor, &timescales, today).await?;
    let (recent, flagged, shared, open_cases, cpd, deadlines, supervision, placements, past) = db
        .run(move |conn| {
            let panel = |filter: EntryFilter| EntryFilter {
                limit: PANEL_SIZE,
                ..filter
            };
            let recent = journal::list(conn, &actor, &panel(EntryFilter::default()))?;
            let flagged = journal::list(
                conn,
                &actor,
                &panel(EntryFilter {
                    for_supervision: true,
                    ..EntryFilter::default()
                }),
            )?;
            let shared = journal::list(
                conn,
                &actor,
                &panel(EntryFilter {
                    shared: true,
                    ..EntryFilter::default()
                }),
            )?;
            let open_cases = crate::cases::service::list(conn, &actor, Some(CaseStatus::Open))?;
            let cpd = cpd::progress(conn, &actor, today)?;
            let deadlines = deadlines::my_deadlines(conn, &actor, &timescales, today, true)?;
            let supervision = crate::supervision::history::overview(conn, &actor, today)?;
            let placements = crate::placements::summary::lines(conn, &actor, today)?;
            let past = crate::resurfacing::on_this_day(conn, &actor, today)?;
            Ok((
                recent.entries,
                flagged.entries,
                shared.entries,
                open_cases,
                cpd,
                deadlines,
                supervision,
                placements,
                past,
            ))
        })
        .await?;
    let summaries = |entries: Vec<_>| entries.into_iter().map(EntrySummary::new).collect();
    Ok(Dashboard {
        layout: Layout::signed_in(viewer, "Home", Section::Home).with_waiting(inbox.total()),
        capture,
        errors,
        findings,
        recent: summaries(recent),
        flagged: summaries(flagged),
        shared: summaries(shared),
        open_cases,
        cpd,
        deadlines: DeadlineGroups::new(deadlines, today),
        supervision,
        placements,
        on_this_day: past
            .into_iter()
            .map(|past| (past.years, summaries(past.entries)))
            .collect(),
        inbox,
        today: today.to_string(),
    })
}

#[get("/")]
async fn dashboard(
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    let page = dashboard_page(
        &viewer,
        db,
        timescales,
        CaptureDraft::default(),
        FieldErrors::new(),
        Vec::new(),
    )
    .await?;
    Ok(Page::render(&page)?)
}

/// The quick-capture form.
#[derive(Debug, FromForm)]
pub struct CaptureForm {
    note: Option<String>,
    title: Option<String>,
    occurred_on: Option<String>,
    confirm_privacy: bool,
}

#[post("/capture", data = "<form>")]
async fn capture(
    form: CsrfForm<CaptureForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let typed = CaptureDraft {
        note: fields.note.clone().unwrap_or_default(),
        title: fields.title.clone().unwrap_or_default(),
        occurred_on: fields.occurred_on.clone().unwrap_or_default(),
    };
    let acknowledgement = if fields.confirm_privacy {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    };
    let outcome = if stale {
        Err(AppError::invalid("note", STALE_FORM_MESSAGE))
    } else {
        let draft = EntryDraft {
            kind: Some("diary".into()),
            title: fields.title,
            occurred_on: fields.occurred_on,
            body: fields.note,
            ..EntryDraft::default()
        };
        let actor = viewer.actor.clone();
        db.run(move |conn| {
            journal::create(
                conn,
                &actor,
                &draft,
                acknowledgement,
                clock::today(),
                clock::now(),
            )
        })
        .await
    };
    let (errors, findings) = match outcome {
        Ok(saved) => {
            let message = format!("Note saved: {}", saved.record.title);
            return Ok(Either::Left(Flash::success(Redirect::to("/"), message)));
        }
        Err(AppError::Invalid(errors)) => (rename_body(errors), Vec::new()),
        Err(AppError::PrivacyReview(mut warnings)) => {
            // The journal calls the note's text `body`; here the box is the note.
            for warning in &mut warnings {
                if warning.field == "body" {
                    warning.field = "note".into();
                }
            }
            (FieldErrors::new(), finding_lines(&warnings))
        }
        Err(other) => return Err(other.into()),
    };
    let page = dashboard_page(&viewer, db, timescales, typed, errors, findings).await?;
    Ok(Either::Right(Page::render_with(
        redisplay_status(stale),
        &page,
    )?))
}

/// The journal calls the note's text `body`; on the dashboard the field is `note`.
fn rename_body(errors: FieldErrors) -> FieldErrors {
    errors
        .iter()
        .fold(FieldErrors::new(), |mut renamed, error| {
            let field = if error.field == "body" {
                "note"
            } else {
                error.field.as_str()
            };
            renamed.add(field, error.message.clone());
            renamed
        })
}

/// Routes of the dashboard.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![dashboard, capture]
}
