//! The case form: recording a new case and changing one.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use crate::cases::model::{AbuseCategory, CaseCategory, CaseDraft};
use crate::cases::service;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::privacy_review::Acknowledgement;
use crate::platform::web::findings::{FindingLine, finding_lines};
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// The case form's fields.
#[derive(Debug, Default, FromForm)]
pub struct CaseForm {
    reference: Option<String>,
    label: Option<String>,
    category: Option<String>,
    cp_primary: Option<String>,
    cp_secondary: Option<String>,
    status: Option<String>,
    opened_on: Option<String>,
    closed_on: Option<String>,
    confirm_privacy: bool,
}

impl CaseForm {
    fn into_draft(self) -> (CaseDraft, bool) {
        (
            CaseDraft {
                reference: self.reference,
                label: self.label,
                category: self.category,
                cp_primary: self.cp_primary,
                cp_secondary: self.cp_secondary,
                status: self.status,
                opened_on: self.opened_on,
                closed_on: self.closed_on,
            },
            self.confirm_privacy,
        )
    }
}

#[derive(Template)]
#[template(path = "cases/form.html")]
struct CaseFormPage {
    layout: Layout,
    heading: String,
    action: String,
    draft: CaseDraft,
    errors: FieldErrors,
    findings: Vec<FindingLine>,
    categories: &'static [CaseCategory],
    abuse: &'static [AbuseCategory],
}

impl CaseFormPage {
    fn new(
        viewer: &Viewer,
        existing: Option<&str>,
        draft: CaseDraft,
        errors: FieldErrors,
        findings: Vec<FindingLine>,
    ) -> Self {
        let (heading, action) = match existing {
            Some(reference) => (
                format!("Edit case {reference}"),
                format!(
                    "/cases/{}",
                    rocket::http::RawStr::new(reference).percent_encode()
                ),
            ),
            None => ("New case".to_string(), "/cases".to_string()),
        };
        Self {
            layout: Layout::signed_in(viewer, heading.clone(), Section::Cases),
            heading,
            action,
            draft,
            errors,
            findings,
            categories: CaseCategory::ALL,
            abuse: AbuseCategory::ALL,
        }
    }

    /// The current value of a text field.
    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }
}

#[get("/cases/new")]
fn new_case(viewer: Viewer) -> PageResult {
    let draft = CaseDraft {
        opened_on: Some(clock::today().to_string()),
        ..CaseDraft::default()
    };
    Ok(Page::render(&CaseFormPage::new(
        &viewer,
        None,
        draft,
        FieldErrors::new(),
        Vec::new(),
    ))?)
}

#[get("/cases/<reference>/edit")]
async fn edit_case(reference: String, viewer: Viewer, db: &Database) -> PageResult {
    let actor = viewer.actor.clone();
    let case = db
        .run(move |conn| service::get(conn, &actor, &reference))
        .await?;
    let page = CaseFormPage::new(
        &viewer,
        Some(&case.reference),
        CaseDraft::from_case(&case),
        FieldErrors::new(),
        Vec::new(),
    );
    Ok(Page::render(&page)?)
}

async fn save_case(
    existing: Option<String>,
    form: CsrfForm<CaseForm>,
    viewer: Viewer,
    db: &Database,
) -> AppResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let (draft, confirmed) = fields.into_draft();
    let acknowledgement = if confirmed {
        Acknowledgement::Given
    } else {
        Acknowledgement::Required
    };
    let outcome = if stale {
        Err(AppError::invalid("reference", STALE_FORM_MESSAGE))
    } else {
        let (actor, candidate, target) = (viewer.actor.clone(), draft.clone(), existing.clone());
        db.run(move |conn| {
            let (today, now) = (clock::today(), clock::now());
            match target {
                Some(reference) => service::update(
                    conn,
                    &actor,
                    &reference,
                    &candidate,
                    acknowledgement,
                    today,
                    now,
                ),
                None => service::create(conn, &actor, &candidate, acknowledgement, today, now),
            }
        })
        .await
    };
    let (errors, findings) = match outcome {
        Ok(saved) => {
            let path = format!(
                "/cases/{}",
                rocket::http::RawStr::new(&saved.record.reference).percent_encode()
            );
            return Ok(Either::Left(Flash::success(
                Redirect::to(path),
                "Case saved.",
            )));
        }
        Err(AppError::Invalid(errors)) => (errors, Vec::new()),
        Err(AppError::PrivacyReview(warnings)) => (FieldErrors::new(), finding_lines(&warnings)),
        Err(other) => return Err(other),
    };
    let page = CaseFormPage::new(&viewer, existing.as_deref(), draft, errors, findings);
    Ok(Either::Right(Page::render_with(
        redisplay_status(stale),
        &page,
    )?))
}

#[post("/cases", data = "<form>")]
async fn create_case(
    form: CsrfForm<CaseForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    Ok(save_case(None, form, viewer, db).await?)
}

#[post("/cases/<reference>", data = "<form>")]
async fn update_case(
    reference: String,
    form: CsrfForm<CaseForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    Ok(save_case(Some(reference), form, viewer, db).await?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![new_case, edit_case, create_case, update_case]
}
