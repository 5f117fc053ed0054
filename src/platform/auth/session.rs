//! Browser sessions: a random id in a private cookie, its fingerprint in the database.

use crate::platform::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::time::OffsetDateTime;

use super::actor::{Actor, Role};
use super::credential_watch;
use super::secret::{fingerprint, random_token};
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::{sessions, users};

/// Name of the private cookie carrying the session id.
pub const SESSION_COOKIE: &str = "praxis_session";

/// How stale `last_seen_at` may get before a request refreshes it; saves a write per request.
const TOUCH_AFTER: Duration = Duration::minutes(1);

/// Puts a session id in the browser: encrypted, HttpOnly, SameSite=Lax, and `Secure`
/// when the site is served over HTTPS. It is a browser-session cookie (no expiry): the
/// server ends idle sessions itself, so a lasting cookie would only outlive its session.
pub fn set_cookie(cookies: &CookieJar<'_>, session_id: String, secure: bool) {
    cookies.add_private(
        Cookie::build((SESSION_COOKIE, session_id))
            .path("/")
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(secure)
            // An explicit "no expiry": left unset, Rocket gives private cookies a week.
            .expires(None::<OffsetDateTime>),
    );
}

/// Removes the session cookie.
pub fn clear_cookie(cookies: &CookieJar<'_>) {
    cookies.remove_private(Cookie::build(SESSION_COOKIE).path("/"));
}

/// Starts a session for `user_id`; returns the id to put in the cookie.
pub fn start(conn: &mut DbConnection, user_id: i32, now: NaiveDateTime) -> AppResult<String> {
    let id = random_token(32);
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(fingerprint(&id)),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Who a live credential belongs to, and for how long the database will give the same
/// answer without writing (until the credential is due a touch, idles out or expires).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Its owner.
    pub actor: Actor,
    /// How long the answer holds, unless something changes.
    pub holds_for: std::time::Duration,
}

impl Resolved {
    /// `actor`, holding until the earliest of `moments` after `now`.
    pub fn until(actor: Actor, now: NaiveDateTime, moments: &[NaiveDateTime]) -> Self {
        let holds_for = moments
            .iter()
            .map(|moment| (*moment - now).to_std().unwrap_or_default())
            .min()
            .unwrap_or_default();
        Self { actor, holds_for }
    }
}

/// The person a live session belongs to; ends the session if it has been idle too long
/// or its user has been disabled.
pub fn resolve(
    conn: &mut DbConnection,
    session_id: &str,
    now: NaiveDateTime,
    idle_limit: Duration,
) -> AppResult<Option<Resolved>> {
    let hash = fingerprint(session_id);
    let found = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(&hash))
        .select((
            sessions::id,
            sessions::last_seen_at,
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::disabled,
        ))
        .first::<(i32, NaiveDateTime, i32, String, String, String, bool)>(conn)
        .optional()?;
    let Some((session_row, last_seen, user_id, username, display_name, role, disabled)) = found
    else {
        return Ok(None);
    };
    if disabled || now - last_seen > idle_limit {
        diesel::delete(sessions::table.find(session_row)).execute(conn)?;
        return Ok(None);
    }
    // A short idle limit is noted more often, so that activity always counts in time.
    let touch_after = TOUCH_AFTER.min(idle_limit / 4);
    let mut seen = last_seen;
    if now - last_seen > touch_after {
        diesel::update(sessions::table.find(session_row))
            .set(sessions::last_seen_at.eq(now))
            .execute(conn)?;
        seen = now;
    }
    let actor = actor_from_row(user_id, username, display_name, &role)?;
    Ok(Some(Resolved::until(
        actor,
        now,
        &[seen + touch_after, seen + idle_limit],
    )))
}

/// Ends one session (sign-out).
pub fn end(conn: &mut DbConnection, session_id: &str) -> AppResult<()> {
    diesel::delete(sessions::table.filter(sessions::token_hash.eq(fingerprint(session_id))))
        .execute(conn)?;
    credential_watch::changed(conn)?;
    Ok(())
}

/// Ends every session of a user (after a password reset or when the account is disabled).
pub fn end_all_for(conn: &mut DbConnection, user_id: i32) -> AppResult<usize> {
    let ended =
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn)?;
    credential_watch::changed(conn)?;
    Ok(ended)
}

/// Removes sessions idle for longer than the limit.
pub fn purge_idle(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    idle_limit: Duration,
) -> AppResult<usize> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::last_seen_at.lt(now - idle_limit)))
            .execute(conn)?,
    )
}

/// Builds an [`Actor`] from the columns of a user row.
pub fn actor_from_row(
    user_id: i32,
    username: String,
    display_name: String,
    role: &str,
) -> AppResult<Actor> {
    let role = Role::parse(role)
        .ok_or_else(|| AppError::Internal(format!("user {user_id} has unknown role {role:?}")))?;
    Ok(Actor {
        user_id,
        username,
        display_name,
        role,
    })
}
