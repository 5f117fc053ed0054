//! Post/redirect/get for every page form, in one place. A submission the app refuses with
//! its form shown again (invalid input, a stale token, a record changed meanwhile) is not
//! answered directly: the page is kept for this browser and person, what was typed is kept
//! as the person's draft of that form, and the answer is a redirect (303) to the form's own
//! page, which shows the kept page (with its status, its messages and every typed value,
//! rendered on the server) until the form is sent again, the person opens another page, or
//! a short time has passed. So the browser never sits on a POST address, and a reload shows
//! the form again as it was refused. Opened again later, the form starts afresh and the
//! page's draft script puts the kept draft back.
//!
//! A fairing rather than a responder so that every form handler stays as it is: a handler
//! only decides what its refused page says. Forms of people not signed in (sign-in, setup,
//! password reset) are answered directly, as nothing of theirs can be kept, and so is the
//! JSON API (`/api`), which answers 422 problem documents.

use std::io::Cursor;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Cookie, Header, Method, SameSite, Status};
use rocket::outcome::Outcome;
use rocket::request::Request;
use rocket::response::Response;
use rocket::time::Duration;

use super::bounce_fill::{posting_to, with_typed_values};
use super::bounce_store::{BounceStore, BouncedPage, KEPT_FOR};
use super::form::TypedFields;
use super::form_home::form_home;
use crate::platform::auth::Actor;
use crate::platform::auth::csrf::secure_cookies;
use crate::platform::auth::guards::SignedIn;
use crate::platform::auth::secret::random_token;
use crate::platform::clock;
use crate::platform::db::Database;

/// The cookie naming this browser's kept page.
pub const BOUNCE_COOKIE: &str = "praxis_bounce";
/// The query a form is sent with when its submission is repeated after signing in again
/// (by the page's draft script), so that the saved page says so.
pub const RESUMED_QUERY: &str = "resumed=1";

/// The fairing; attach once, with a [`BounceStore`] managed beside it.
#[derive(Debug, Default)]
pub struct PostRedirectGet;

#[rocket::async_trait]
impl Fairing for PostRedirectGet {
    fn info(&self) -> Info {
        Info {
            name: "Post/redirect/get for refused forms",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path().as_str();
        if path.starts_with("/api/") || path.starts_with("/drafts") || path.starts_with("/static/")
        {
            return;
        }
        let Some(actor) = req.local_cache(SignedIn::default).0.clone() else {
            return;
        };
        let Some(store) = req.rocket().state::<BounceStore>() else {
            return;
        };
        match req.method() {
            Method::Post if res.status().class().is_redirection() => {
                after_saving(req, res, store, &actor).await;
            }
            Method::Post if res.status().class().is_client_error() && is_html(res) => {
                refused(req, res, store, &actor).await;
            }
            Method::Get if res.status() == Status::Ok && is_html(res) => {
                show_again(req, res, store, &actor);
            }
            _ => {}
        }
    }
}

fn is_html(res: &Response<'_>) -> bool {
    res.content_type().is_some_and(|kind| kind.is_html())
}

fn bounce_token(req: &Request<'_>) -> Option<String> {
    req.cookies()
        .get(BOUNCE_COOKIE)
        .map(|cookie| cookie.value().to_string())
}

/// The cookie naming `token`, or removing it when `token` is empty.
fn bounce_cookie(req: &Request<'_>, token: &str) -> Cookie<'static> {
    let lifetime = if token.is_empty() {
        Duration::ZERO
    } else {
        Duration::seconds(KEPT_FOR.as_secs().try_into().unwrap_or(i64::MAX))
    };
    Cookie::build((BOUNCE_COOKIE, token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure_cookies(req))
        .max_age(lifetime)
        .build()
}

/// A form was saved (answered by a redirect): its kept refusal and its draft are done with,
/// and a submission repeated after signing in again says so on the next page.
async fn after_saving(
    req: &Request<'_>,
    res: &mut Response<'_>,
    store: &BounceStore,
    actor: &Actor,
) {
    let action = req.uri().path().to_string();
    if let Some(token) = bounce_token(req) {
        store.forget(&token, actor.user_id, &action);
    }
    if req
        .uri()
        .query()
        .is_some_and(|query| query.as_str() == RESUMED_QUERY)
    {
        let flash = format!("7:success{}", resumed_message(&action));
        res.adjoin_header(
            Cookie::build(("_flash", flash))
                .path("/")
                .same_site(SameSite::Lax)
                .max_age(Duration::minutes(5))
                .build(),
        );
    }
    if let Outcome::Success(db) = req.guard::<&Database>().await {
        let (who, key) = (actor.clone(), action);
        let discarded = db
            .run(move |conn| crate::drafts::discard(conn, &who, Some(&key)))
            .await;
        if let Err(error) = discarded {
            tracing::warn!("a saved form's draft was not discarded: {error}");
        }
    }
}

/// What a page says after a submission that met an ended session was saved on return.
fn resumed_message(action: &str) -> &'static str {
    if action == "/entries" || action.starts_with("/entries/") {
        "Your reflection was saved after you signed in again."
    } else {
        "What you wrote was saved after you signed in again."
    }
}

/// A refused submission: when the page shows the form that was sent, keep the page and the
/// typed fields and redirect to the form's own page; any other page (an error) is answered.
async fn refused(req: &Request<'_>, res: &mut Response<'_>, store: &BounceStore, actor: &Actor) {
    let action = req.uri().path().to_string();
    let html = match res.body_mut().to_string().await {
        Ok(html) => html,
        Err(error) => {
            tracing::warn!("a refused page could not be read: {error}");
            return;
        }
    };
    if !html.contains(&posting_to(&action)) {
        res.set_sized_body(html.len(), Cursor::new(html));
        return;
    }
    let home = form_home(&action).unwrap_or_else(|| action.clone());
    let typed = req.local_cache(TypedFields::default).0.clone();
    let html = with_typed_values(&html, &action, &typed);
    let token = random_token(32);
    store.keep(
        &token,
        BouncedPage::new(actor.user_id, &action, &home, res.status(), html),
    );
    if let Outcome::Success(db) = req.guard::<&Database>().await {
        let (who, key) = (actor.clone(), action);
        let kept = db
            .run(move |conn| crate::drafts::keep_submitted(conn, &who, &key, &typed, clock::now()))
            .await;
        if let Err(error) = kept {
            tracing::warn!("a refused form's fields were not kept as a draft: {error}");
        }
    }
    res.set_status(Status::SeeOther);
    res.remove_header("Content-Type");
    res.set_header(Header::new("Location", home));
    res.adjoin_header(bounce_cookie(req, &token));
    res.set_sized_body(0, Cursor::new(String::new()));
}

/// The form's own page, asked for after a refusal: the kept page, as it was answered.
fn show_again(req: &Request<'_>, res: &mut Response<'_>, store: &BounceStore, actor: &Actor) {
    let Some(token) = bounce_token(req) else {
        return;
    };
    if req.uri().query().is_some() {
        // Another view of the page (a filter, a chosen kind) is somewhere else.
        if store.left(&token, actor.user_id, "") {
            res.adjoin_header(bounce_cookie(req, ""));
        }
        return;
    }
    let path = req.uri().path().as_str();
    if let Some(kept) = store.shown_at(&token, actor.user_id, path) {
        res.set_status(kept.status);
        res.set_sized_body(kept.html.len(), Cursor::new(kept.html));
    } else if store.left(&token, actor.user_id, path) {
        res.adjoin_header(bounce_cookie(req, ""));
    }
}
