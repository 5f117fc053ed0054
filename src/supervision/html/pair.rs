//! Supervision pages for a pair: the overview of all pairs, a pair's history with its
//! charts, the agreement, and the preparation pack.

use std::sync::Arc;

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post};

use crate::deadlines::timescales::SharedTimescales;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::signing::SignForm;
use crate::platform::web::form::{ButtonForm, redisplay_status, stale_refusal};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};
use crate::supervision::accessed;
use crate::supervision::agreement_versions::{self, EarlierAgreement};
use crate::supervision::history::{self, OverviewLine, PairHistory};
use crate::supervision::model::{Agreement, AgreementDraft, Frequency};
use crate::supervision::pack::{self, Pack};
use crate::supervision::pair::Pair;
use crate::supervision::service;

/// The address of a pair's page, from the viewer's side.
pub fn pair_path(other: &str) -> String {
    format!(
        "/supervision/with/{}",
        rocket::http::RawStr::new(other).percent_encode()
    )
}

#[derive(Template)]
#[template(path = "supervision/overview.html")]
struct OverviewPage {
    layout: Layout,
    lines: Vec<OverviewLine>,
}

#[get("/supervision")]
async fn overview(viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let lines = db
        .run(move |conn| history::overview(conn, &actor, clock::today()))
        .await?;
    Ok(Page::render(&OverviewPage {
        layout: Layout::signed_in(&viewer, "Supervision", Section::Supervision),
        lines,
    })?)
}

#[derive(Template)]
#[template(path = "supervision/pair.html")]
struct PairPage {
    layout: Layout,
    history: PairHistory,
    path: String,
    summary: String,
}

#[get("/supervision/with/<other>")]
async fn pair_page(other: String, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let history = db
        .run(move |conn| history::history(conn, &actor, &other, clock::today()))
        .await?;
    let summary = history
        .balance_summary
        .iter()
        .map(|(name, percent)| format!("{name} {percent}%"))
        .collect::<Vec<_>>()
        .join(", ");
    let page = PairPage {
        layout: Layout::signed_in(
            &viewer,
            format!("Supervision with {}", history.pair.other_name()),
            Section::Supervision,
        ),
        path: pair_path(history.pair.other()),
        summary,
        history,
    };
    Ok(Page::render(&page)?)
}

#[derive(Template)]
#[template(path = "supervision/agreement.html")]
struct AgreementPage {
    layout: Layout,
    pair: Pair,
    agreement: Option<Agreement>,
    /// Earlier versions both signed, newest first.
    earlier: Vec<EarlierAgreement>,
    draft: AgreementDraft,
    errors: FieldErrors,
    frequencies: &'static [Frequency],
    path: String,
}

impl AgreementPage {
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    /// The agreement, when both have signed it (and so it is shown, not edited).
    fn locked(&self) -> Option<&Agreement> {
        self.agreement
            .as_ref()
            .filter(|agreement| agreement.signed_by_both())
    }
}

fn draft_of(agreement: Option<&Agreement>) -> AgreementDraft {
    match agreement {
        Some(agreement) => AgreementDraft {
            frequency: Some(agreement.frequency.clone()),
            starts_on: Some(agreement.starts_on.to_string()),
            usual_minutes: Some(agreement.usual_minutes),
            cancellation: Some(agreement.cancellation.clone()),
            supervisor_expectations: Some(agreement.supervisor_expectations.clone()),
            supervisee_expectations: Some(agreement.supervisee_expectations.clone()),
        },
        None => AgreementDraft {
            frequency: Some("monthly".into()),
            starts_on: Some(clock::today().to_string()),
            usual_minutes: Some(90),
            ..AgreementDraft::default()
        },
    }
}

async fn agreement_page(
    viewer: &Viewer,
    db: &Database,
    other: String,
    draft: Option<AgreementDraft>,
    errors: FieldErrors,
) -> Result<AgreementPage, AppError> {
    let actor = viewer.actor.clone();
    let (pair, agreement, earlier) = db
        .run(move |conn| {
            let (pair, agreement) = service::agreement(conn, &actor, &other)?;
            let earlier = agreement_versions::earlier(conn, pair.parties)?;
            Ok((pair, agreement, earlier))
        })
        .await?;
    Ok(AgreementPage {
        layout: Layout::signed_in(viewer, "Supervision agreement", Section::Supervision),
        draft: draft.unwrap_or_else(|| draft_of(agreement.as_ref())),
        path: pair_path(pair.other()),
        pair,
        agreement,
        earlier,
        errors,
        frequencies: Frequency::ALL,
    })
}

#[get("/supervision/with/<other>/agreement")]
async fn agreement(other: String, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &agreement_page(&viewer, db, other, None, FieldErrors::new()).await?,
    )?)
}

/// The agreement form.
#[derive(Debug, FromForm)]
pub struct AgreementForm {
    frequency: Option<String>,
    starts_on: Option<String>,
    usual_minutes: Option<String>,
    cancellation: Option<String>,
    supervisor_expectations: Option<String>,
    supervisee_expectations: Option<String>,
}

#[post("/supervision/with/<other>/agreement", data = "<form>")]
async fn save_agreement(
    other: String,
    form: CsrfForm<AgreementForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let minutes = fields
        .usual_minutes
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty());
    let mut errors = FieldErrors::new();
    let usual_minutes = minutes.and_then(|text| {
        text.parse::<i32>()
            .map_err(|_| errors.add("usual_minutes", "Give the length in minutes."))
            .ok()
    });
    let draft = AgreementDraft {
        frequency: fields.frequency,
        starts_on: fields.starts_on,
        usual_minutes,
        cancellation: fields.cancellation,
        supervisor_expectations: fields.supervisor_expectations,
        supervisee_expectations: fields.supervisee_expectations,
    };
    let outcome = if stale {
        Err(AppError::invalid(
            "frequency",
            crate::platform::web::form::STALE_FORM_MESSAGE,
        ))
    } else if !errors.is_empty() {
        Err(AppError::Invalid(errors))
    } else {
        let (actor, target, candidate) = (viewer.actor.clone(), other.clone(), draft.clone());
        db.run(move |conn| service::save_agreement(conn, &actor, &target, &candidate, clock::now()))
            .await
    };
    match outcome {
        Ok(_) => Ok(Either::Left(Flash::success(
            Redirect::to(format!("{}/agreement", pair_path(&other))),
            "Agreement saved. Both of you now need to sign it.",
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = agreement_page(&viewer, db, other, Some(draft), errors).await?;
            Ok(Either::Right(Page::render_with(
                redisplay_status(stale),
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/supervision/with/<other>/agreement/sign", data = "<form>")]
async fn sign_agreement(
    other: String,
    form: CsrfForm<SignForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let seen = form.require()?.version;
    let (actor, target) = (viewer.actor.clone(), other.clone());
    db.run(move |conn| {
        service::sign_agreement(conn, &actor, &target, seen.as_deref(), clock::now())
    })
    .await?;
    Ok(Flash::success(
        Redirect::to(format!("{}/agreement", pair_path(&other))),
        "You have signed the agreement.",
    ))
}

#[post("/supervision/with/<other>/agreement/new-version", data = "<form>")]
async fn new_agreement_version(
    other: String,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let (actor, target) = (viewer.actor.clone(), other.clone());
    db.run(move |conn| agreement_versions::start_new_version(conn, &actor, &target, clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to(format!("{}/agreement", pair_path(&other))),
        "A new version is started: the signed one is kept below. Change it, then both of you sign it.",
    ))
}

#[derive(Template)]
#[template(path = "supervision/pack.html")]
struct PackPage {
    layout: Layout,
    pack: Pack,
    path: String,
    errors: FieldErrors,
    flagged_html: Vec<(i32, String, String)>,
}

async fn pack_page(
    viewer: &Viewer,
    db: &Database,
    timescales: &SharedTimescales,
    other: String,
    errors: FieldErrors,
) -> Result<PackPage, AppError> {
    let (actor, timescales) = (viewer.actor.clone(), Arc::clone(timescales));
    let pack = db
        .run(move |conn| {
            accessed::open_pack(
                conn,
                &actor,
                &other,
                &timescales,
                clock::today(),
                clock::now(),
            )
        })
        .await?;
    let flagged_html = pack
        .flagged
        .iter()
        .map(|entry| {
            let text = pack::brought_text(entry);
            (entry.id, entry.title.clone(), markdown::render(&text))
        })
        .collect();
    Ok(PackPage {
        layout: Layout::signed_in(viewer, "Preparing supervision", Section::Supervision),
        path: pair_path(pack.pair.other()),
        pack,
        errors,
        flagged_html,
    })
}

#[get("/supervision/with/<other>/pack")]
async fn pack_view(
    other: String,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult {
    Ok(Page::render(
        &pack_page(&viewer, db, timescales, other, FieldErrors::new()).await?,
    )?)
}

/// An agenda item typed on the pack page.
#[derive(Debug, FromForm)]
pub struct AgendaForm {
    body: Option<String>,
}

#[post("/supervision/with/<other>/agenda", data = "<form>")]
async fn add_agenda_item(
    other: String,
    form: CsrfForm<AgendaForm>,
    viewer: Viewer,
    db: &Database,
    timescales: &State<SharedTimescales>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let (actor, target) = (viewer.actor.clone(), other.clone());
    let body = fields.body.unwrap_or_default();
    let outcome = if stale {
        Err(stale_refusal("body"))
    } else {
        db.run(move |conn| service::add_agenda_item(conn, &actor, &target, &body, clock::now()))
            .await
    };
    match outcome {
        Ok(()) => Ok(Either::Left(Flash::success(
            Redirect::to(format!("{}/pack", pair_path(&other))),
            "Added to the agenda.",
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = pack_page(&viewer, db, timescales, other, errors).await?;
            Ok(Either::Right(Page::render_with(
                redisplay_status(stale),
                &page,
            )?))
        }
        Err(error) => Err(error.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        overview,
        pair_page,
        agreement,
        save_agreement,
        sign_agreement,
        new_agreement_version,
        pack_view,
        add_agenda_item
    ]
}
