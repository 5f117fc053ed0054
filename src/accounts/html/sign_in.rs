//! Signing in and out, and the first-run setup page.

use askama::Template;
use rocket::Either;
use rocket::form::FromForm;
use rocket::http::{CookieJar, Status};
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post};

use crate::accounts::model::NewAccount;
use crate::accounts::setup::SetupToken;
use crate::accounts::{service, signing_in};
use crate::config::Settings;
use crate::error::{AppError, FieldErrors};
use crate::offline::ClearsDevice;
use crate::platform::auth::throttle::SignInThrottle;
use crate::platform::auth::{ClientAddress, Viewer, csrf, session};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, safe_return_path};

#[derive(Template)]
#[template(path = "accounts/sign_in.html")]
struct SignInPage {
    layout: Layout,
    username: String,
    next: String,
    problem: Option<String>,
    /// A form was sent after the session ended: say that what was typed is kept.
    ended: bool,
}

/// The sign-in form's fields.
#[derive(Debug, FromForm)]
pub struct SignInForm {
    username: Option<String>,
    password: Option<String>,
    next: Option<String>,
}

#[get("/sign-in?<next>&<ended>")]
fn sign_in_page(
    next: Option<String>,
    ended: Option<String>,
    viewer: Option<Viewer>,
    settings: &State<Settings>,
    cookies: &CookieJar<'_>,
) -> PageResult<Either<Redirect, Page>> {
    let next = safe_return_path(next.as_deref());
    if viewer.is_some() {
        return Ok(Either::Left(Redirect::to(next)));
    }
    let page = SignInPage {
        layout: Layout::public(
            "Sign in",
            csrf::token(cookies, settings.cookie_secure),
            None,
        ),
        username: String::new(),
        next,
        problem: None,
        ended: ended.as_deref() == Some("true"),
    };
    Ok(Either::Right(Page::render(&page)?))
}

#[post("/sign-in", data = "<form>")]
async fn sign_in(
    form: CsrfForm<SignInForm>,
    db: &Database,
    throttle: &State<SignInThrottle>,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<Either<Either<Flash<Redirect>, Redirect>, Page>> {
    let (fields, stale) = form.open();
    let username = fields.username.unwrap_or_default();
    let next = safe_return_path(fields.next.as_deref());
    let outcome = if stale {
        Err(AppError::Forbidden(STALE_FORM_MESSAGE.to_string()))
    } else {
        let password = fields.password.unwrap_or_default();
        signing_in::sign_in(db, throttle, username.clone(), password, address.0).await
    };
    match outcome {
        Ok(started) => {
            session::set_cookie(cookies, started.session_id, settings.cookie_secure);
            csrf::rotate(cookies, settings.cookie_secure);
            let redirect = Redirect::to(next);
            Ok(Either::Left(match started.reset_notice {
                Some(notice) => Either::Left(Flash::warning(redirect, notice.message())),
                None => Either::Right(redirect),
            }))
        }
        Err(
            error @ (AppError::Credentials
            | AppError::TooManyAttempts { .. }
            | AppError::Forbidden(_)),
        ) => {
            let status = Status::from_code(error.status_code()).unwrap_or(Status::Unauthorized);
            let page = SignInPage {
                layout: Layout::public(
                    "Sign in",
                    csrf::token(cookies, settings.cookie_secure),
                    None,
                ),
                username,
                next,
                problem: Some(error.public_message()),
                ended: false,
            };
            Ok(Either::Right(Page::render_with(status, &page)?))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/sign-out", data = "<form>")]
async fn sign_out(
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<ClearsDevice<Flash<Redirect>>> {
    form.require()?;
    if let Some(cookie) = cookies.get_private(session::SESSION_COOKIE) {
        let session_id = cookie.value().to_string();
        let actor = viewer.actor.clone();
        db.run(move |conn| {
            service::sign_out(
                conn,
                &actor,
                &session_id,
                address.0.as_deref(),
                clock::now(),
            )
        })
        .await?;
    }
    session::clear_cookie(cookies);
    csrf::rotate(cookies, settings.cookie_secure);
    Ok(ClearsDevice::new(Flash::success(
        Redirect::to("/sign-in"),
        "You have signed out.",
    )))
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    layout: Layout,
    token: String,
    username: String,
    display_name: String,
    errors: FieldErrors,
}

/// The setup form's fields.
#[derive(Debug, FromForm)]
pub struct SetupForm {
    token: Option<String>,
    username: Option<String>,
    display_name: Option<String>,
    password: Option<String>,
}

#[get("/setup?<token>")]
fn setup_page(
    token: Option<String>,
    setup: &State<SetupToken>,
    settings: &State<Settings>,
    cookies: &CookieJar<'_>,
) -> PageResult {
    let token = token.unwrap_or_default();
    if !setup.matches(&token) {
        return Err(AppError::NotFound.into());
    }
    let page = SetupPage {
        layout: Layout::public(
            "Set up Praxis",
            csrf::token(cookies, settings.cookie_secure),
            None,
        ),
        token,
        username: String::new(),
        display_name: String::new(),
        errors: FieldErrors::new(),
    };
    Ok(Page::render(&page)?)
}

#[post("/setup", data = "<form>")]
async fn setup(
    form: CsrfForm<SetupForm>,
    setup: &State<SetupToken>,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let token = fields.token.unwrap_or_default();
    if !setup.matches(&token) {
        return Err(AppError::NotFound.into());
    }
    let username = fields.username.unwrap_or_default();
    let display_name = fields.display_name.unwrap_or_default();
    let validated = if stale {
        Err(FieldErrors::single("username", STALE_FORM_MESSAGE))
    } else {
        NewAccount::validate(
            &username,
            Some(&display_name),
            "admin",
            &fields.password.unwrap_or_default(),
        )
    };
    let outcome = match validated {
        Ok(account) => {
            db.run(move |conn| {
                service::complete_setup(conn, &account, address.0.as_deref(), clock::now())
            })
            .await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok((_actor, session_id)) => {
            setup.retire();
            session::set_cookie(cookies, session_id, settings.cookie_secure);
            csrf::rotate(cookies, settings.cookie_secure);
            Ok(Either::Left(Flash::success(
                Redirect::to("/admin"),
                "Welcome. Create accounts for your colleagues and link supervisors here.",
            )))
        }
        Err(AppError::Invalid(errors)) => {
            let page = SetupPage {
                layout: Layout::public(
                    "Set up Praxis",
                    csrf::token(cookies, settings.cookie_secure),
                    None,
                ),
                token,
                username,
                display_name,
                errors,
            };
            Ok(Either::Right(Page::render_with(
                redisplay_status(stale),
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![sign_in_page, sign_in, sign_out, setup_page, setup]
}
