//! The account page: password, personal API tokens, signing out everywhere, who reads what
//! you share, export.

use crate::offline::ClearsDevice;
use askama::Template;
use rocket::Either;
use rocket::form::FromForm;
use rocket::http::{CookieJar, Status};
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post};

use crate::accounts::{service, store};
use crate::config::Settings;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::api_token::{self, TokenSummary};
use crate::platform::auth::{Actor, ClientAddress, Viewer, csrf, session};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status, stale_refusal};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section};

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    layout: Layout,
    role_label: &'static str,
    readers: Vec<String>,
    tokens: Vec<TokenSummary>,
    new_token: Option<String>,
    /// The name typed for a token that was refused, shown again.
    token_name: String,
    errors: FieldErrors,
}

async fn account_page(
    db: &Database,
    viewer: &Viewer,
    new_token: Option<String>,
    errors: FieldErrors,
) -> AppResult<AccountPage> {
    let user_id = viewer.actor.user_id;
    let (readers, tokens) = db
        .run(move |conn| {
            Ok((
                store::readers_of_shared(conn, user_id)?,
                api_token::list(conn, user_id, clock::now())?,
            ))
        })
        .await?;
    Ok(AccountPage {
        layout: Layout::signed_in(viewer, "Your account", Section::Account),
        role_label: viewer.actor.role.label(),
        readers,
        tokens,
        new_token,
        token_name: String::new(),
        errors,
    })
}

#[get("/account")]
async fn account(viewer: Viewer, db: &Database) -> PageResult {
    let page = account_page(db, &viewer, None, FieldErrors::new()).await?;
    Ok(Page::render(&page)?)
}

/// The change-password form.
#[derive(Debug, FromForm)]
pub struct PasswordForm {
    current_password: Option<String>,
    new_password: Option<String>,
}

#[post("/account/password", data = "<form>")]
async fn change_password(
    form: CsrfForm<PasswordForm>,
    viewer: Viewer,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<Either<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let outcome = match (stale, fields) {
        (false, fields) => {
            let actor = viewer.actor.clone();
            db.run(move |conn| {
                service::change_password(
                    conn,
                    &actor,
                    &fields.current_password.unwrap_or_default(),
                    &fields.new_password.unwrap_or_default(),
                    address.0.as_deref(),
                    clock::now(),
                )
            })
            .await
        }
        (true, _) => Err(AppError::invalid("current_password", STALE_FORM_MESSAGE)),
    };
    match outcome {
        Ok(session_id) => {
            session::set_cookie(cookies, session_id, settings.cookie_secure);
            Ok(Either::Left(Flash::success(
                Redirect::to("/account"),
                "Password changed. Other devices have been signed out.",
            )))
        }
        Err(AppError::Invalid(errors)) => {
            let page = account_page(db, &viewer, None, errors).await?;
            Ok(Either::Right(Page::render_with(
                redisplay_status(stale),
                &page,
            )?))
        }
        Err(other) => Err(other.into()),
    }
}

/// The new-token form.
#[derive(Debug, FromForm)]
pub struct TokenForm {
    name: Option<String>,
}

#[post("/account/tokens", data = "<form>")]
async fn create_token(
    form: CsrfForm<TokenForm>,
    viewer: Viewer,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
) -> PageResult {
    let (fields, stale) = form.open();
    let name = fields.name.unwrap_or_default();
    let typed = name.clone();
    let actor: Actor = viewer.actor.clone();
    let lifetime = settings.api_token_lifetime();
    let outcome = if stale {
        Err(stale_refusal("name"))
    } else {
        db.run(move |conn| {
            service::issue_token(
                conn,
                &actor,
                &name,
                lifetime,
                address.0.as_deref(),
                clock::now(),
            )
        })
        .await
    };
    match outcome {
        Ok(issued) => {
            let page = account_page(db, &viewer, Some(issued.token), FieldErrors::new()).await?;
            Ok(Page::render_with(Status::Created, &page)?)
        }
        Err(AppError::Invalid(errors)) => {
            let mut page = account_page(db, &viewer, None, errors).await?;
            page.token_name = typed;
            Ok(Page::render_with(redisplay_status(stale), &page)?)
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/account/tokens/<id>/revoke", data = "<form>")]
async fn revoke_token(
    id: i32,
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| service::revoke_token(conn, &actor, id, address.0.as_deref(), clock::now()))
        .await?;
    Ok(Flash::success(Redirect::to("/account"), "Token revoked."))
}

#[post("/account/sign-out-everywhere", data = "<form>")]
async fn sign_out_everywhere(
    form: CsrfForm<ButtonForm>,
    viewer: Viewer,
    db: &Database,
    settings: &State<Settings>,
    address: ClientAddress,
    cookies: &CookieJar<'_>,
) -> PageResult<ClearsDevice<Flash<Redirect>>> {
    form.require()?;
    let actor = viewer.actor.clone();
    db.run(move |conn| {
        service::sign_out_everywhere(conn, &actor, address.0.as_deref(), clock::now())
    })
    .await?;
    session::clear_cookie(cookies);
    csrf::rotate(cookies, settings.cookie_secure);
    // This device forgets what it kept, like at an ordinary sign-out.
    Ok(ClearsDevice::new(Flash::success(
        Redirect::to("/sign-in"),
        "You have signed out on every device, and your API tokens no longer work.",
    )))
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        account,
        change_password,
        create_token,
        revoke_token,
        sign_out_everywhere
    ]
}
