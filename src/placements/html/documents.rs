//! The learning agreement and review pages: drafting, the student's comment, signing, and
//! amendments once both have signed.

use askama::Template;
use rocket::form::FromForm;
use rocket::response::{Flash, Redirect};
use rocket::{Either, get, post};

use super::placement_path;
use crate::error::AppError;
use crate::placements::documents::{self, AGREEMENT, AmendmentDraft};
use crate::placements::model::{AgreementDraft, Recommendation, ReviewDraft, ReviewRow, Stage};
use crate::placements::parts::{self, AGREEMENT_PARTS, DocumentPart};
use crate::placements::view::PlacementView;
use crate::placements::{accessed, signed};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::markdown;
use crate::platform::signing::SignForm;
use crate::platform::web::submission::{Redisplay, acknowledgement, attempt};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// What a document page shows besides the document: the forms' drafts and why they are
/// shown again.
struct Forms {
    agreement: AgreementDraft,
    review: ReviewDraft,
    comment: String,
    amendment: AmendmentDraft,
    shown: Redisplay,
}

impl Forms {
    fn fresh() -> Self {
        Self {
            agreement: AgreementDraft::default(),
            review: ReviewDraft::default(),
            comment: String::new(),
            amendment: AmendmentDraft::default(),
            shown: Redisplay::fresh(),
        }
    }
}

#[derive(Template)]
#[template(path = "placements/document.html")]
struct DocumentPage {
    layout: Layout,
    view: PlacementView,
    path: String,
    /// `agreement`, `midpoint` or `final`.
    document: String,
    stage: Option<Stage>,
    heading: String,
    /// Signed-or-draft parts: field, label, text.
    parts: Vec<(String, String, String)>,
    drafted: bool,
    locked: bool,
    signatures: Vec<(String, Option<chrono::NaiveDateTime>)>,
    recommendation: Option<String>,
    student_comment: String,
    /// The version of the text shown, which a signature names.
    version: String,
    forms: Forms,
    recommendations: &'static [Recommendation],
}

impl DocumentPage {
    fn html(&self, text: &str) -> String {
        markdown::render(text)
    }

    fn value<'a>(&self, value: &'a Option<String>) -> &'a str {
        value.as_deref().unwrap_or("")
    }

    /// The current text of a part, after amendments.
    fn current(&self, field: &str, signed: &str) -> String {
        self.view.current(&self.document, field, signed)
    }

    /// Whether the reader may change the draft: either party for the agreement, the
    /// practice educator for a review.
    fn drafts(&self) -> bool {
        !self.locked && self.view.can.drafts(self.stage.is_some())
    }

    fn signs(&self) -> bool {
        self.drafted && !self.locked && self.view.can.signs()
    }

    fn comments(&self) -> bool {
        self.stage.is_some() && self.drafted && !self.locked && self.view.can.comments_on_reviews()
    }

    fn amends(&self) -> bool {
        self.locked && !self.amendable().is_empty()
    }

    /// The parts the reader may amend once both have signed: those they write.
    fn amendable(&self) -> Vec<DocumentPart> {
        parts::parts_of(&self.document)
            .iter()
            .copied()
            .filter(|part| part.written_by(self.view.can))
            .collect()
    }
}

fn review_parts(stage: Stage, row: Option<&ReviewRow>) -> Vec<(String, String, String)> {
    let labels: &[(&str, &str)] = match stage {
        Stage::Midpoint => &[
            ("progress", "Progress against the PCF"),
            ("concerns", "Concerns"),
            ("plan", "Plan to the end of the placement"),
        ],
        Stage::Final => &[
            ("progress", "Holistic assessment"),
            ("concerns", "Concerns"),
            ("reasons", "Reasons for the recommendation"),
        ],
    };
    labels
        .iter()
        .map(|(field, label)| {
            let text = row.map_or_else(String::new, |row| match *field {
                "progress" => row.progress.clone(),
                "concerns" => row.concerns.clone(),
                "plan" => row.plan.clone(),
                _ => row.reasons.clone(),
            });
            ((*field).to_string(), (*label).to_string(), text)
        })
        .collect()
}

async fn document_page(
    viewer: &Viewer,
    db: &Database,
    id: i32,
    stage: Option<Stage>,
    mut forms: Forms,
    prefill: bool,
) -> Result<DocumentPage, AppError> {
    let actor = viewer.actor.clone();
    let view = db
        .run(move |conn| {
            accessed::open_document(conn, &actor, id, stage, clock::today(), clock::now())
        })
        .await?;
    let student = view.student.name.clone();
    let educator = view.educator.name.clone();
    let page = match stage {
        None => {
            let agreement = view.agreement.clone();
            if prefill && let Some(agreement) = &agreement {
                forms.agreement = AgreementDraft {
                    goals: Some(agreement.goals.clone()),
                    support: Some(agreement.support.clone()),
                    expectations: Some(agreement.expectations.clone()),
                };
            }
            let parts = AGREEMENT_PARTS
                .iter()
                .map(|&DocumentPart { field, label, .. }| {
                    let text = agreement
                        .as_ref()
                        .map_or_else(String::new, |a| match field {
                            "goals" => a.goals.clone(),
                            "support" => a.support.clone(),
                            _ => a.expectations.clone(),
                        });
                    ((*field).to_string(), (*label).to_string(), text)
                })
                .collect();
            DocumentPage {
                layout: Layout::signed_in(viewer, "Learning agreement", Section::Placements),
                path: placement_path(id),
                document: AGREEMENT.into(),
                stage: None,
                heading: "Learning agreement".into(),
                parts,
                drafted: agreement.is_some(),
                locked: agreement.as_ref().is_some_and(|a| a.locked()),
                signatures: vec![
                    (
                        student,
                        agreement.as_ref().and_then(|a| a.student_signed_at),
                    ),
                    (
                        educator,
                        agreement.as_ref().and_then(|a| a.educator_signed_at),
                    ),
                ],
                recommendation: None,
                student_comment: String::new(),
                version: agreement
                    .as_ref()
                    .map(|a| signed::agreement_text(a).version())
                    .unwrap_or_default(),
                forms,
                recommendations: Recommendation::ALL,
                view,
            }
        }
        Some(stage) => {
            let row = view.review(stage).cloned();
            if prefill && let Some(row) = &row {
                forms.review = ReviewDraft {
                    progress: Some(row.progress.clone()),
                    concerns: Some(row.concerns.clone()),
                    plan: Some(row.plan.clone()),
                    recommendation: row.recommendation.clone(),
                    reasons: Some(row.reasons.clone()),
                };
                forms.comment = row.student_comment.clone();
            }
            DocumentPage {
                layout: Layout::signed_in(viewer, stage.label(), Section::Placements),
                path: placement_path(id),
                document: stage.as_str().into(),
                stage: Some(stage),
                heading: stage.label().into(),
                parts: review_parts(stage, row.as_ref()),
                drafted: row.is_some(),
                locked: row.as_ref().is_some_and(ReviewRow::locked),
                signatures: vec![
                    (student, row.as_ref().and_then(|r| r.student_signed_at)),
                    (educator, row.as_ref().and_then(|r| r.educator_signed_at)),
                ],
                recommendation: row
                    .as_ref()
                    .and_then(|r| r.recommendation.as_deref())
                    .map(|signed| view.current(stage.as_str(), "recommendation", signed))
                    .as_deref()
                    .and_then(Recommendation::parse)
                    .map(|r| r.label().to_string()),
                version: row
                    .as_ref()
                    .map(|r| signed::review_text(r).version())
                    .unwrap_or_default(),
                student_comment: row.map(|r| r.student_comment).unwrap_or_default(),
                forms,
                recommendations: Recommendation::ALL,
                view,
            }
        }
    };
    Ok(page)
}

fn stage_of(name: &str) -> Result<Stage, AppError> {
    Stage::parse(name).ok_or(AppError::NotFound)
}

fn document_path(id: i32, stage: Option<Stage>) -> String {
    match stage {
        None => format!("{}/agreement", placement_path(id)),
        Some(stage) => format!("{}/reviews/{}", placement_path(id), stage.as_str()),
    }
}

#[get("/placements/<id>/agreement")]
async fn agreement(id: i32, viewer: Viewer, db: &Database) -> PageResult {
    Ok(Page::render(
        &document_page(&viewer, db, id, None, Forms::fresh(), true).await?,
    )?)
}

#[get("/placements/<id>/reviews/<stage>")]
async fn review(id: i32, stage: &str, viewer: Viewer, db: &Database) -> PageResult {
    let stage = stage_of(stage)?;
    Ok(Page::render(
        &document_page(&viewer, db, id, Some(stage), Forms::fresh(), true).await?,
    )?)
}

/// The agreement form.
#[derive(Debug, FromForm)]
pub struct AgreementForm {
    goals: Option<String>,
    support: Option<String>,
    expectations: Option<String>,
    confirm_privacy: bool,
}

#[post("/placements/<id>/agreement", data = "<form>")]
async fn save_agreement(
    id: i32,
    form: CsrfForm<AgreementForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let draft = AgreementDraft {
        goals: fields.goals,
        support: fields.support,
        expectations: fields.expectations,
    };
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving = db.run(move |conn| {
        documents::save_agreement(conn, &actor, id, &candidate, confirmed, clock::now())
    });
    let shown = match attempt(stale, "goals", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(document_path(id, None)),
                "Agreement saved. Both of you now need to sign it.",
            )));
        }
        Err(shown) => shown,
    };
    let forms = Forms {
        agreement: draft,
        shown,
        ..Forms::fresh()
    };
    let page = document_page(&viewer, db, id, None, forms, false).await?;
    Ok(Either::Right(Page::render_with(
        page.forms.shown.status(),
        &page,
    )?))
}

#[post("/placements/<id>/agreement/sign", data = "<form>")]
async fn sign_agreement(
    id: i32,
    form: CsrfForm<SignForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let seen = form.require()?.version;
    let actor = viewer.actor.clone();
    db.run(move |conn| documents::sign_agreement(conn, &actor, id, seen.as_deref(), clock::now()))
        .await?;
    Ok(Flash::success(
        Redirect::to(document_path(id, None)),
        "You have signed the learning agreement.",
    ))
}

/// The review form (practice educator).
#[derive(Debug, FromForm)]
pub struct ReviewForm {
    progress: Option<String>,
    concerns: Option<String>,
    plan: Option<String>,
    recommendation: Option<String>,
    reasons: Option<String>,
    confirm_privacy: bool,
}

#[post("/placements/<id>/reviews/<stage>", data = "<form>")]
async fn save_review(
    id: i32,
    stage: &str,
    form: CsrfForm<ReviewForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let stage = stage_of(stage)?;
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let draft = ReviewDraft {
        progress: fields.progress,
        concerns: fields.concerns,
        plan: fields.plan,
        recommendation: fields.recommendation.filter(|text| !text.trim().is_empty()),
        reasons: fields.reasons,
    };
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving = db.run(move |conn| {
        documents::save_review(conn, &actor, id, stage, &candidate, confirmed, clock::now())
    });
    let shown = match attempt(stale, "progress", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(document_path(id, Some(stage))),
                "Review saved. The student can now comment, and both of you sign it.",
            )));
        }
        Err(shown) => shown,
    };
    let forms = Forms {
        review: draft,
        shown,
        ..Forms::fresh()
    };
    let page = document_page(&viewer, db, id, Some(stage), forms, false).await?;
    Ok(Either::Right(Page::render_with(
        page.forms.shown.status(),
        &page,
    )?))
}

/// The student's comment on a review.
#[derive(Debug, FromForm)]
pub struct StudentCommentForm {
    student_comment: Option<String>,
    confirm_privacy: bool,
}

#[post("/placements/<id>/reviews/<stage>/comment", data = "<form>")]
async fn comment_on_review(
    id: i32,
    stage: &str,
    form: CsrfForm<StudentCommentForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let stage = stage_of(stage)?;
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let comment = fields.student_comment.unwrap_or_default();
    let (actor, text) = (viewer.actor.clone(), comment.clone());
    let saving = db.run(move |conn| {
        documents::comment_on_review(
            conn,
            &actor,
            id,
            stage,
            Some(&text),
            confirmed,
            clock::now(),
        )
    });
    let shown = match attempt(stale, "student_comment", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(document_path(id, Some(stage))),
                "Comment saved. Both of you now need to sign the review.",
            )));
        }
        Err(shown) => shown,
    };
    let forms = Forms {
        comment,
        shown,
        ..Forms::fresh()
    };
    let page = document_page(&viewer, db, id, Some(stage), forms, false).await?;
    Ok(Either::Right(Page::render_with(
        page.forms.shown.status(),
        &page,
    )?))
}

#[post("/placements/<id>/reviews/<stage>/sign", data = "<form>")]
async fn sign_review(
    id: i32,
    stage: &str,
    form: CsrfForm<SignForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Flash<Redirect>> {
    let stage = stage_of(stage)?;
    let seen = form.require()?.version;
    let actor = viewer.actor.clone();
    db.run(move |conn| {
        documents::sign_review(conn, &actor, id, stage, seen.as_deref(), clock::now())
    })
    .await?;
    Ok(Flash::success(
        Redirect::to(document_path(id, Some(stage))),
        format!("You have signed the {}.", stage.label().to_lowercase()),
    ))
}

/// An amendment to a signed document.
#[derive(Debug, FromForm)]
pub struct AmendmentForm {
    document: Option<String>,
    field: Option<String>,
    text: Option<String>,
    reason: Option<String>,
    confirm_privacy: bool,
}

#[post("/placements/<id>/amendments", data = "<form>")]
async fn amend(
    id: i32,
    form: CsrfForm<AmendmentForm>,
    viewer: Viewer,
    db: &Database,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let confirmed = acknowledgement(fields.confirm_privacy);
    let draft = AmendmentDraft {
        document: fields.document,
        field: fields.field,
        text: fields.text,
        reason: fields.reason,
    };
    let stage = draft.document.as_deref().and_then(Stage::parse);
    let (actor, candidate) = (viewer.actor.clone(), draft.clone());
    let saving =
        db.run(move |conn| documents::amend(conn, &actor, id, &candidate, confirmed, clock::now()));
    let shown = match attempt(stale, "field", saving).await? {
        Ok(_) => {
            return Ok(Either::Left(Flash::success(
                Redirect::to(document_path(id, stage)),
                "Amendment recorded; the signed text stays readable.",
            )));
        }
        Err(shown) => shown,
    };
    let forms = Forms {
        amendment: draft,
        shown,
        ..Forms::fresh()
    };
    let page = document_page(&viewer, db, id, stage, forms, false).await?;
    Ok(Either::Right(Page::render_with(
        page.forms.shown.status(),
        &page,
    )?))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        agreement,
        review,
        save_agreement,
        sign_agreement,
        save_review,
        comment_on_review,
        sign_review,
        amend
    ]
}
