//! Drafting a supervision record (from the preparation pack) and editing its draft: the
//! form, shown again with what was typed when something is refused.

use std::sync::Arc;

use askama::Template;
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post};

use super::form::{SessionForm, ticks};
use super::pair::pair_path;
use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::findings::{FindingLine, finding_lines};
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};
use crate::supervision::model::{Function, ReviewOutcome, SessionDraft, SessionType};
use crate::supervision::service;
use crate::supervision::view::{ActionView, SessionView};
use crate::supervision::{accessed, pack};

#[derive(Template)]
#[template(path = "supervision/form.html")]
struct RecordForm {
    layout: Layout,
    heading: String,
    action: String,
    cancel: String,
    draft: SessionDraft,
    /// The version of the record being edited, sent back so a save rests on what was shown.
    version: Option<String>,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
    open_actions: Vec<ActionView>,
    owners: Vec<(String, String)>,
    types: &'static [SessionType],
    functions: &'static [Function],
    outcomes: &'static [ReviewOutcome],
}

impl RecordForm {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    /// The four text parts: (field, heading, text, ticked functions).
    fn parts(&self) -> Vec<(&'static str, &'static str, String, Vec<String>)> {
        let draft = &self.draft;
        vec![
            (
                "agenda",
                "Agenda",
                self.value(&draft.agenda).to_string(),
                draft.agenda_functions.clone(),
            ),
            (
                "workload",
                "Workload and capacity",
                self.value(&draft.workload).to_string(),
                draft.workload_functions.clone(),
            ),
            (
                "wellbeing",
                "Wellbeing and support",
                self.value(&draft.wellbeing).to_string(),
                draft.wellbeing_functions.clone(),
            ),
            (
                "development",
                "Development and CPD",
                self.value(&draft.development).to_string(),
                draft.development_functions.clone(),
            ),
        ]
    }

    fn ticked(&self, names: &[String], function: &Function) -> bool {
        ticks(names, function.as_str())
    }

    fn review_outcome(&self, action: &ActionView) -> String {
        self.draft
            .action_reviews
            .iter()
            .find(|review| review.action_id == action.id)
            .and_then(|review| review.outcome.clone())
            .unwrap_or_default()
    }

    fn review_reason(&self, action: &ActionView) -> String {
        self.draft
            .action_reviews
            .iter()
            .find(|review| review.action_id == action.id)
            .and_then(|review| review.reason.clone())
            .unwrap_or_default()
    }
}

/// Where a record form posts to.
#[derive(Debug, Clone)]
enum Target {
    New(String),
    Edit(i32),
}

async fn record_form(
    viewer: &Viewer,
    db: &Database,
    timescales: &SharedTimescales,
    target: Target,
    draft: Option<SessionDraft>,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
) -> Result<RecordForm, AppError> {
    let (actor, timescales, wanted) =
        (viewer.actor.clone(), Arc::clone(timescales), target.clone());
    let today = clock::today();
    let (pair, draft, open_actions, version) = db
        .run(move |conn| {
            let (record, other) = match &wanted {
                Target::New(other) => (None, other.clone()),
                Target::Edit(id) => {
                    // Only the pair may edit: anyone else who can read it is refused (403).
                    crate::supervision::pair::writable_session(conn, &actor, *id)?;
                    let record = service::get_session(conn, &actor, *id, today)?;
                    let other = record.pair.other().to_string();
                    (Some(record), other)
                }
            };
            let pack = accessed::open_pack(conn, &actor, &other, &timescales, today, clock::now())?;
            let Some(record) = record else {
                let draft = draft.unwrap_or_else(|| pack::draft_from(&pack, today));
                return Ok((pack.pair.clone(), draft, pack.open_actions, None));
            };
            let draft = draft.unwrap_or_else(|| crate::supervision::view::to_draft(&record));
            let version = crate::supervision::signed::record_text(&record).version();
            Ok((
                pack.pair.clone(),
                draft,
                reviewable(pack.open_actions, &record),
                Some(version),
            ))
        })
        .await?;
    let (heading, action, cancel) = match &target {
        Target::New(_) => (
            format!("New supervision record with {}", pair.other_name()),
            format!("{}/sessions", pair_path(pair.other())),
            pair_path(pair.other()),
        ),
        Target::Edit(id) => (
            "Edit supervision record".to_string(),
            format!("/supervision/sessions/{id}"),
            format!("/supervision/sessions/{id}"),
        ),
    };
    Ok(RecordForm {
        layout: Layout::signed_in(viewer, heading.clone(), Section::Supervision),
        heading,
        action,
        cancel,
        draft,
        version,
        errors,
        findings,
        open_actions,
        owners: vec![
            (pair.supervisor.clone(), pair.supervisor_name.clone()),
            (pair.supervisee.clone(), pair.supervisee_name.clone()),
        ],
        types: SessionType::ALL,
        functions: Function::ALL,
        outcomes: ReviewOutcome::ALL,
    })
}

/// The earlier actions an edited record may review: those still open, and those it has
/// already reviewed (no longer open because of it); never the record's own.
fn reviewable(open: Vec<ActionView>, record: &SessionView) -> Vec<ActionView> {
    let mut actions: Vec<ActionView> = open
        .into_iter()
        .filter(|action| action.session_id != record.row.id)
        .collect();
    for review in &record.reviews {
        if !actions.iter().any(|action| action.id == review.action.id) {
            actions.push(review.action.clone());
        }
    }
    actions
}

#[get("/supervision/with/<other>/sessions/new")]
async fn new_record(
    other: String,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    let form = record_form(
        &viewer,
        db,
        timescales,
        Target::New(other),
        None,
        FieldErrors::new(),
        Vec::new(),
    )
    .await?;
    Ok(Page::render(&form)?)
}

#[get("/supervision/sessions/<id>/edit")]
async fn edit_record(
    id: i32,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    let form = record_form(
        &viewer,
        db,
        timescales,
        Target::Edit(id),
        None,
        FieldErrors::new(),
        Vec::new(),
    )
    .await?;
    Ok(Page::render(&form)?)
}

async fn submit(
    target: Target,
    form: CsrfForm<SessionForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &SharedTimescales,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let adding_row = fields.action.is_some();
    let seen = fields.version.clone();
    let acknowledgement = if fields.confirm_privacy {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    };
    let (draft, parse_errors) = fields.into_draft();
    let (status, errors, findings) = if stale {
        (
            Status::Forbidden,
            FieldErrors::single("held_on", STALE_FORM_MESSAGE),
            Vec::new(),
        )
    } else if adding_row {
        (Status::Ok, FieldErrors::new(), Vec::new())
    } else if let Some(errors) = parse_errors {
        (Status::UnprocessableEntity, errors, Vec::new())
    } else {
        let (actor, candidate, wanted) = (viewer.actor.clone(), draft.clone(), target.clone());
        let outcome = db
            .run(move |conn| match wanted {
                Target::New(other) => service::create_session(
                    conn,
                    &actor,
                    &other,
                    &candidate,
                    acknowledgement,
                    clock::today(),
                    clock::now(),
                ),
                Target::Edit(id) => service::update_session(
                    conn,
                    &actor,
                    id,
                    seen.as_deref(),
                    &candidate,
                    acknowledgement,
                    clock::today(),
                    clock::now(),
                ),
            })
            .await;
        match outcome {
            Ok(saved) => {
                return Ok(Either::Left(Flash::success(
                    Redirect::to(format!("/supervision/sessions/{}", saved.record)),
                    "Record saved. Both of you sign it when it is right.",
                )));
            }
            Err(AppError::Invalid(errors)) => (redisplay_status(stale), errors, Vec::new()),
            // Changed by the other party meanwhile, or locked: the text typed stays on the
            // form, which now carries the current version.
            Err(AppError::Conflict(message)) => (
                Status::Conflict,
                FieldErrors::single("version", message),
                Vec::new(),
            ),
            Err(AppError::PrivacyReview(warnings)) => (
                Status::UnprocessableEntity,
                FieldErrors::new(),
                finding_lines(&warnings),
            ),
            Err(other) => return Err(other.into()),
        }
    };
    let form = record_form(
        &viewer,
        db,
        timescales,
        target,
        Some(draft),
        errors,
        findings,
    )
    .await?;
    Ok(Either::Right(Page::render_with(status, &form)?))
}

#[post("/supervision/with/<other>/sessions", data = "<form>")]
async fn create_record(
    other: String,
    form: CsrfForm<SessionForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(Target::New(other), form, viewer, db, timescales).await
}

#[post("/supervision/sessions/<id>", data = "<form>")]
async fn update_record(
    id: i32,
    form: CsrfForm<SessionForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    submit(Target::Edit(id), form, viewer, db, timescales).await
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![new_record, edit_record, create_record, update_record]
}
