//! The email reminders page, reached from the account page: the address, a daily digest,
//! immediate notices. Everything starts off.

use askama::Template;
use rocket::form::FromForm;
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post};

use super::preferences;
use crate::config::Settings;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::Viewer;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

/// What the form shows: saved choices, or what was typed.
#[derive(Debug, Clone, Default)]
struct Choices {
    address: String,
    daily_digest: bool,
    immediate: bool,
}

#[derive(Template)]
#[template(path = "email/reminders.html")]
struct RemindersPage {
    layout: Layout,
    choices: Choices,
    errors: FieldErrors,
    server_configured: bool,
    digest_time: String,
}

fn page(
    viewer: &Viewer,
    settings: &Settings,
    choices: Choices,
    errors: FieldErrors,
) -> RemindersPage {
    RemindersPage {
        layout: Layout::signed_in(viewer, "Email reminders", Section::Account),
        choices,
        errors,
        server_configured: settings.smtp_url.is_some(),
        digest_time: settings.digest_time.clone(),
    }
}

#[get("/account/email")]
async fn show(viewer: Viewer, db: &Database, settings: &State<Settings>) -> PageResult {
    let user_id = viewer.actor.user_id;
    let saved = db.run(move |conn| preferences::of(conn, user_id)).await?;
    let choices = saved
        .map(|saved| Choices {
            address: saved.address,
            daily_digest: saved.daily_digest,
            immediate: saved.immediate,
        })
        .unwrap_or_default();
    Ok(Page::render(&page(
        &viewer,
        settings,
        choices,
        FieldErrors::new(),
    ))?)
}

/// The reminders form.
#[derive(Debug, FromForm)]
pub struct RemindersForm {
    address: Option<String>,
    daily_digest: bool,
    immediate: bool,
}

#[post("/account/email", data = "<form>")]
async fn save(
    form: CsrfForm<RemindersForm>,
    viewer: Viewer,
    db: &Database,
    settings: &State<Settings>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let typed = Choices {
        address: fields.address.clone().unwrap_or_default(),
        daily_digest: fields.daily_digest,
        immediate: fields.immediate,
    };
    let outcome = if stale {
        Err(AppError::invalid("address", STALE_FORM_MESSAGE))
    } else {
        let user_id = viewer.actor.user_id;
        let choices = typed.clone();
        db.run(move |conn| {
            preferences::save(
                conn,
                user_id,
                &choices.address,
                choices.daily_digest,
                choices.immediate,
                clock::now(),
            )
        })
        .await
    };
    match outcome {
        Ok(()) => Ok(Either::Left(Flash::success(
            Redirect::to("/account/email"),
            "Email reminders saved.",
        ))),
        Err(AppError::Invalid(errors)) => {
            let status: Status = redisplay_status(stale);
            Ok(Either::Right(Page::render_with(
                status,
                &page(&viewer, settings, typed, errors),
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

/// Routes of the email reminders page.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![show, save]
}
