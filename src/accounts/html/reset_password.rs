//! The page a reset link opens, where the person chooses their own password.

use askama::Template;
use rocket::form::FromForm;
use rocket::http::{CookieJar, Status};
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post};

use crate::accounts::reset::{self, RESET_PATH};
use crate::config::Settings;
use crate::error::{AppError, FieldErrors};
use crate::platform::auth::{ClientAddress, csrf};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult};

#[derive(Template)]
#[template(path = "accounts/reset_password.html")]
struct ResetPasswordPage {
    layout: Layout,
    username: String,
    action: String,
    errors: FieldErrors,
}

/// The page for a live link, with `errors` beside the field. An unknown, used or expired
/// link, or one for a disabled account, is not found like any other address.
async fn reset_page(
    db: &Database,
    settings: &Settings,
    cookies: &CookieJar<'_>,
    token: &str,
    errors: FieldErrors,
    status: Status,
) -> PageResult {
    let secret = token.to_string();
    let user = db
        .run(move |conn| reset::holder(conn, &secret, clock::now()))
        .await?;
    let page = ResetPasswordPage {
        layout: Layout::public(
            "Choose a new password",
            csrf::token(cookies, settings.cookie_secure),
            None,
        ),
        username: user.username,
        action: format!("{RESET_PATH}/{token}"),
        errors,
    };
    Ok(Page::render_with(status, &page)?)
}

/// The new-password form.
#[derive(Debug, FromForm)]
pub struct ChooseForm {
    password: Option<String>,
}

#[get("/reset-password/<token>")]
async fn reset_password_page(
    token: &str,
    db: &Database,
    settings: &State<Settings>,
    cookies: &CookieJar<'_>,
) -> PageResult {
    reset_page(db, settings, cookies, token, FieldErrors::new(), Status::Ok).await
}

#[post("/reset-password/<token>", data = "<form>")]
async fn choose_password(
    token: &str,
    form: CsrfForm<ChooseForm>,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let secret = token.to_string();
    let outcome = if stale {
        Err(AppError::invalid("password", STALE_FORM_MESSAGE))
    } else {
        let chosen = fields.password.unwrap_or_default();
        db.run(move |conn| {
            reset::complete(conn, &secret, &chosen, address.0.as_deref(), clock::now())
        })
        .await
    };
    match outcome {
        Ok(_) => Ok(Either::Left(Flash::success(
            Redirect::to("/sign-in"),
            "Your new password is set. Sign in with it.",
        ))),
        Err(AppError::Invalid(errors)) => {
            let status = redisplay_status(stale);
            let page = reset_page(db, settings, cookies, token, errors, status).await?;
            Ok(Either::Right(page))
        }
        Err(other) => Err(other.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![reset_password_page, choose_password]
}
