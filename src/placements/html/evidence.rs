//! Evidence pages: linking an entry to PCF domains (saying first who it will be shared
//! with), unlinking, comments, and the observation form.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::placement_path;
use crate::error::AppError;
use crate::placements::access;
use crate::placements::evidence::{self, EvidenceDraft};
use crate::placements::model::ObservationDraft;
use crate::placements::store::{self, EntryLine};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::policy::PlacementCapabilities;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::submission::{Redisplay, acknowledgement, attempt};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// Most recent entries offered as evidence.
const ENTRY_CHOICES: i64 = 200;

#[derive(Template)]
#[template(path = "placements/evidence_form.html")]
struct EvidencePage {
    layout: Layout,
    path: String,
    draft: EvidenceDraft,
    entries: Vec<EntryLine>,
    domains: Vec<(String, String)>,
    readers: Vec<String>,
    shown: Redisplay,
}

impl EvidencePage {
    fn chosen(&self, code: &str) -> bool {
        self.draft.domains.iter().any(|chosen| chosen == code)
    }

    fn is_entry(&self, id: &i32) -> bool {
        self.draft.entry_id == Some(*id)
    }

    fn note(&self) -> &str {
        self.draft.note.as_deref().unwrap_or("")
    }
}

async fn evidence_page(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    draft: EvidenceDraft,
    shown: Redisplay,
) -> Result<EvidencePage, AppError> {
    let actor = viewer.actor.clone();
    let (entries, domains, readers) = db
        .run(move |conn| {
            access::open(conn, &actor, id)?.require_student()?;
            Ok::<_, AppError>((
                store::own_entries(conn, actor.user_id, ENTRY_CHOICES)?,
                store::pcf_domains(conn)?,
                crate::accounts::directory::readers_of_shared(conn, actor.user_id)?,
            ))
        })
        .await?;
    Ok(EvidencePage {
        layout: Layout::signed_in(viewer, "Link evidence", Section::Placements),
        path: placement_path(id),
        draft,
        entries,
        domains,
        readers,
        shown,
    })
}

#[get("/placements/<id>/evidence/new?<entry>")]
async fn new_evidence(id: i32, entry: Option<i32>, viewer: Viewer, db: &Database) -> PageResult {
    let draft = EvidenceDraft {
        entry_id: entry,
        ..EvidenceDraft::default()
    };
    Ok(Page::render(
        &evidence_page(&viewer, db, id, draft, Redisplay::fresh()).await?,
    )?)
}

/// The evidence form.
#[derive(Debug, FromForm)]
pub struct EvidenceForm {
    entry_id: Option<i32>,
    domains: Vec<String>,
    note: Option<String>,
    confirm_privacy: bool,
}

#[post("/placements/<id>/evidence", data = "<form>")]
async fn link(
    id: i32,
    form: CsrfForm<EvidenceForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let draft = EvidenceDraft {
        entry_id: fields.entry_id,
        domains: fields.domains,
        note: fields.note,
    };
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving =
        db.run(move |conn| evidence::link(conn, &actor, id, &candidate, confirmed, clock::now()));
    let shown = match attempt(stale, "entry_id", saving).await? {
        Ok(saved) => {
            let message = if saved.record == 1 {
                "Evidence linked to 1 domain.".to_string()
            } else {
                format!("Evidence linked to {} domains.", saved.record)
            };
            return Ok(Either::Left(Flash::success(
                Redirect::to(format!("{}#coverage-heading", placement_path(id))),
                message,
            )));
        }
        Err(shown) => shown,
    };
    let page = evidence_page(&viewer, db, id, draft, shown).await?;
    Ok(Either::Right(Page::render_with(
        page.shown.status(),
        &page,
    )?))
}

#[post("/placements/<id>/evidence/<evidence_id>/delete", data = "<form>")]
async fn unlink(
    id: i32,
    evidence_id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| evidence::unlink(conn, &actor, id, evidence_id))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("{}#coverage-heading", placement_path(id))),
        "Evidence unlinked; the entry itself is unchanged.",
    ))
}

/// A comment on an evidence link.
#[derive(Debug, FromForm)]
pub struct CommentForm {
    body: Option<String>,
    confirm_privacy: bool,
}

#[derive(Template)]
#[template(path = "placements/comment_form.html")]
struct CommentPage {
    layout: Layout,
    action: String,
    cancel: String,
    body: String,
    shown: Redisplay,
}

#[post("/placements/<id>/evidence/<evidence_id>/comments", data = "<form>")]
async fn comment(
    id: i32,
    evidence_id: i32,
    form: CsrfForm<CommentForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let body = fields.body.unwrap_or_default();
    let cancel = format!("{}#evidence-{evidence_id}", placement_path(id));
    let (actor, text) = (viewer.actor.clone(), body.clone());
    let saving = db.run(move |conn| {
        evidence::comment(
            conn,
            &actor,
            id,
            evidence_id,
            Some(&text),
            confirmed,
            clock::now(),
        )
    });
    let shown = match attempt(stale, "body", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(cancel),
                "Comment added.",
            )));
        }
        Err(shown) => shown,
    };
    let page = CommentPage {
        layout: Layout::signed_in(&viewer, "Comment on evidence", Section::Placements),
        action: format!("{}/evidence/{evidence_id}/comments", placement_path(id)),
        cancel,
        body,
        shown,
    };
    Ok(Either::Right(Page::render_with(
        page.shown.status(),
        &page,
    )?))
}

#[derive(Template)]
#[template(path = "placements/observation_form.html")]
struct ObservationPage {
    layout: Layout,
    path: String,
    action: String,
    draft: ObservationDraft,
    domains: Vec<(String, String)>,
    can: PlacementCapabilities,
    shown: Redisplay,
}

impl ObservationPage {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    fn chosen(&self, code: &str) -> bool {
        self.draft.domains.iter().any(|chosen| chosen == code)
    }

    fn is_student(&self) -> bool {
        self.can.changes_details()
    }
}

async fn observation_page(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    observation_id: Option<i32>,
    draft: Option<ObservationDraft>,
    shown: Redisplay,
) -> Result<ObservationPage, AppError> {
    let actor = viewer.actor.clone();
    let (can, domains, current) = db
        .run(move |conn| {
            let access = access::open(conn, &actor, id)?;
            access.require_party()?;
            let current = match observation_id {
                Some(observation_id) => {
                    let row =
                        store::observation(conn, id, observation_id)?.ok_or(AppError::NotFound)?;
                    Some(ObservationDraft {
                        observed_on: Some(row.observed_on.to_string()),
                        observer: Some(row.observer),
                        observed: Some(row.observed),
                        reflection: Some(row.reflection),
                        feedback: Some(row.feedback),
                        domains: row.domains.split_whitespace().map(str::to_string).collect(),
                    })
                }
                None => None,
            };
            Ok::<_, AppError>((access.can, store::pcf_domains(conn)?, current))
        })
        .await?;
    let path = placement_path(id);
    let action = match observation_id {
        Some(observation_id) => format!("{path}/observations/{observation_id}"),
        None => format!("{path}/observations"),
    };
    Ok(ObservationPage {
        layout: Layout::signed_in(viewer, "Direct observation", Section::Placements),
        path,
        action,
        draft: draft.or(current).unwrap_or_else(|| ObservationDraft {
            observed_on: Some(clock::today().to_string()),
            ..ObservationDraft::default()
        }),
        domains,
        can,
        shown,
    })
}

#[get("/placements/<id>/observations/new")]
async fn new_observation(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &observation_page(&viewer, db, id, None, None, Redisplay::fresh()).await?,
    )?)
}

#[get("/placements/<id>/observations/<observation_id>/edit")]
async fn edit_observation(
    id: i32,
    observation_id: i32,
    viewer: Viewer,
    db: &Database,
) -> PageResult {
    Ok(Page::render(
        &observation_page(
            &viewer,
            db,
            id,
            Some(observation_id),
            None,
            Redisplay::fresh(),
        )
        .await?,
    )?)
}

/// The observation form.
#[derive(Debug, FromForm)]
pub struct ObservationForm {
    observed_on: Option<String>,
    observer: Option<String>,
    observed: Option<String>,
    reflection: Option<String>,
    feedback: Option<String>,
    domains: Vec<String>,
    confirm_privacy: bool,
}

async fn save_observation(
    id: i32,
    observation_id: Option<i32>,
    form: CsrfForm<ObservationForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let draft = ObservationDraft {
        observed_on: fields.observed_on,
        observer: fields.observer,
        observed: fields.observed,
        reflection: fields.reflection,
        feedback: fields.feedback,
        domains: fields.domains,
    };
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving = db.run(move |conn| {
        evidence::save_observation(
            conn,
            &actor,
            id,
            observation_id,
            &candidate,
            confirmed,
            clock::today(),
            clock::now(),
        )
    });
    let shown = match attempt(stale, "observed_on", saving).await? {
        Ok(saved) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(format!(
                    "{}#observation-{}",
                    placement_path(id),
                    saved.record
                )),
                "Observation saved.",
            )));
        }
        Err(shown) => shown,
    };
    let page = observation_page(&viewer, db, id, observation_id, Some(draft), shown).await?;
    Ok(Either::Right(Page::render_with(
        page.shown.status(),
        &page,
    )?))
}

#[post("/placements/<id>/observations", data = "<form>")]
async fn add_observation(
    id: i32,
    form: CsrfForm<ObservationForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    save_observation(id, None, form, viewer, db).await
}

#[post("/placements/<id>/observations/<observation_id>", data = "<form>")]
async fn update_observation(
    id: i32,
    observation_id: i32,
    form: CsrfForm<ObservationForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    save_observation(id, Some(observation_id), form, viewer, db).await
}

#[post(
    "/placements/<id>/observations/<observation_id>/delete",
    data = "<form>"
)]
async fn delete_observation(
    id: i32,
    observation_id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| evidence::delete_observation(conn, &actor, id, observation_id))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("{}#observations-heading", placement_path(id))),
        "Observation removed.",
    ))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        new_evidence,
        link,
        unlink,
        comment,
        new_observation,
        edit_observation,
        add_observation,
        update_observation,
        delete_observation
    ]
}
