//! Administration of accounts: list, create, disable and enable, issue a password reset link.

use askama::Template;
use rocket::form::FromForm;
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{get, post};

use crate::accounts::model::{NewAccount, User};
use crate::accounts::{admin, reset, service, store};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::{AdminViewer, ClientAddress, Role};
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::web::form::ButtonForm;
use crate::platform::web::form::{STALE_FORM_MESSAGE, redisplay_status};
use crate::platform::web::{CsrfForm, Layout, Page, PageResult, Section, SiteAddress};

/// The values typed into the new-account form, kept when it is shown again.
#[derive(Debug, Default, Clone)]
struct AccountDraft {
    username: String,
    display_name: String,
    role: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<User>,
    roles: [Role; 5],
    draft: AccountDraft,
    errors: FieldErrors,
    self_id: i32,
    issued: Option<IssuedLink>,
}

async fn users_page(
    db: &Database,
    admin: &AdminViewer,
    draft: AccountDraft,
    errors: FieldErrors,
) -> AppResult<UsersPage> {
    let users = db.run(store::list_users).await?;
    Ok(UsersPage {
        layout: Layout::signed_in(&admin.0, "Accounts", Section::Admin),
        users,
        roles: Role::ALL,
        draft,
        errors,
        self_id: admin.0.actor.user_id,
        issued: None,
    })
}

#[get("/admin")]
async fn users(admin: AdminViewer, db: &Database) -> PageResult {
    let page = users_page(db, &admin, AccountDraft::default(), FieldErrors::new()).await?;
    Ok(Page::render(&page)?)
}

/// The new-account form.
#[derive(Debug, FromForm)]
pub struct NewAccountForm {
    username: Option<String>,
    display_name: Option<String>,
    role: Option<String>,
    password: Option<String>,
}

#[post("/admin/users", data = "<form>")]
async fn create_user(
    form: CsrfForm<NewAccountForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Result<Flash<Redirect>, Page>> {
    let (fields, stale) = form.open();
    let draft = AccountDraft {
        username: fields.username.clone().unwrap_or_default(),
        display_name: fields.display_name.clone().unwrap_or_default(),
        role: fields.role.clone().unwrap_or_default(),
    };
    let validated = if stale {
        Err(FieldErrors::single("username", STALE_FORM_MESSAGE))
    } else {
        NewAccount::validate(
            &draft.username,
            Some(&draft.display_name),
            &draft.role,
            &fields.password.unwrap_or_default(),
        )
    };
    let outcome = match validated {
        Ok(account) => {
            let actor = admin.0.actor.clone();
            db.run(move |conn| {
                service::create_account(
                    conn,
                    Some(&actor),
                    &account,
                    address.0.as_deref(),
                    clock::now(),
                )
                .map(|_| account.username)
            })
            .await
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(username) => Ok(Ok(Flash::success(
            Redirect::to("/admin"),
            format!("Account {username} created. Give them their password in person."),
        ))),
        Err(AppError::Invalid(errors)) => {
            let page = users_page(db, &admin, draft, errors).await?;
            Ok(Err(Page::render_with(redisplay_status(stale), &page)?))
        }
        Err(other) => Err(other.into()),
    }
}

async fn set_disabled(
    id: i32,
    disabled: bool,
    admin: &AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Flash<Redirect>> {
    let actor = admin.0.actor.clone();
    db.run(move |conn| {
        admin::set_account_disabled(
            conn,
            &actor,
            id,
            disabled,
            address.0.as_deref(),
            clock::now(),
        )
    })
    .await?;
    let message = if disabled {
        "Account disabled and signed out everywhere."
    } else {
        "Account enabled."
    };
    Ok(Flash::success(Redirect::to("/admin"), message))
}

#[post("/admin/users/<id>/disable", data = "<form>")]
async fn disable_user(
    id: i32,
    form: CsrfForm<ButtonForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    set_disabled(id, true, &admin, db, address).await
}

#[post("/admin/users/<id>/enable", data = "<form>")]
async fn enable_user(
    id: i32,
    form: CsrfForm<ButtonForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
) -> PageResult<Flash<Redirect>> {
    form.require()?;
    set_disabled(id, false, &admin, db, address).await
}

/// A reset link just issued, shown once to the administrator to pass on.
#[derive(Debug, Clone)]
struct IssuedLink {
    username: String,
    url: String,
    expires_at: String,
}

/// Resets someone's password: the administrator gets a one-time link to pass on, never a
/// password; the person chooses their own through it.
#[post("/admin/users/<id>/reset", data = "<form>")]
async fn reset_password(
    id: i32,
    form: CsrfForm<ButtonForm>,
    admin: AdminViewer,
    db: &Database,
    address: ClientAddress,
    site: SiteAddress,
) -> PageResult {
    form.require()?;
    let actor = admin.0.actor.clone();
    let issued = db
        .run(move |conn| reset::issue(conn, Some(&actor), id, address.0.as_deref(), clock::now()))
        .await?;
    let mut page = users_page(db, &admin, AccountDraft::default(), FieldErrors::new()).await?;
    page.issued = Some(IssuedLink {
        username: issued.username.clone(),
        url: site.link(&issued.path()),
        expires_at: issued
            .expires_at
            .format("%-d %B %Y at %H:%M UTC")
            .to_string(),
    });
    Ok(Page::render_with(Status::Created, &page)?)
}

/// Routes of this module.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![
        users,
        create_user,
        disable_user,
        enable_user,
        reset_password
    ]
}
