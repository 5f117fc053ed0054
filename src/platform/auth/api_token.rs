//! Personal API tokens: shown once at creation, stored only as fingerprints, working until
//! they expire or are revoked (by their owner, or with every other token of theirs when the
//! password changes, an administrator resets it or disables the account, or they sign out
//! everywhere).

use crate::platform::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::credential_watch;
use super::secret::{fingerprint, random_token};
use super::session::{Resolved, actor_from_row};
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::{api_tokens, users};

/// Every token starts with this, so a leaked one is easy to recognise in a scan.
pub const TOKEN_PREFIX: &str = "prx_";

/// How stale `last_used_at` may get before a request refreshes it. Each refresh is a write,
/// and every write to a SQLite database makes its other connections drop the pages they
/// had read; at a minute, a few scripts' tokens alone kept doing so every few seconds while
/// nothing else was written (README, Search). Five minutes is precise enough to tell
/// whether a token is in use.
const TOUCH_AFTER: Duration = Duration::minutes(5);

/// What the account page lists about a token (never the token itself).
#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct TokenSummary {
    /// Row id, used to revoke it.
    pub id: i32,
    /// The name its owner gave it.
    pub name: String,
    /// When it was made.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub created_at: NaiveDateTime,
    /// When it was last used, if ever (to the minute).
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub last_used_at: Option<NaiveDateTime>,
    /// When it stops working.
    #[serde(serialize_with = "crate::platform::clock::utc_json::serialize")]
    pub expires_at: NaiveDateTime,
}

/// A token just made: the only time the token itself is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    /// Row id.
    pub id: i32,
    /// The token, to send as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops working.
    pub expires_at: NaiveDateTime,
}

/// Creates a token for `user_id` that works for `lifetime` from `now`.
pub fn create(
    conn: &mut DbConnection,
    user_id: i32,
    name: &str,
    lifetime: Duration,
    now: NaiveDateTime,
) -> AppResult<IssuedToken> {
    let token = format!("{TOKEN_PREFIX}{}", random_token(32));
    let expires_at = now
        .checked_add_signed(lifetime)
        .ok_or_else(|| AppError::Config("the API token lifetime is too long".into()))?;
    let id = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(fingerprint(&token)),
            api_tokens::created_at.eq(now),
            api_tokens::expires_at.eq(expires_at),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok(IssuedToken {
        id,
        token,
        expires_at,
    })
}

/// The person a live (unrevoked, unexpired) token belongs to, if its user is enabled.
pub fn resolve(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> AppResult<Option<Resolved>> {
    let found = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(fingerprint(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select((
            api_tokens::id,
            api_tokens::last_used_at,
            api_tokens::expires_at,
            users::id,
            users::username,
            users::display_name,
            users::role,
        ))
        .first::<(
            i32,
            Option<NaiveDateTime>,
            NaiveDateTime,
            i32,
            String,
            String,
            String,
        )>(conn)
        .optional()?;
    let Some((token_id, last_used, expires_at, user_id, username, display_name, role)) = found
    else {
        return Ok(None);
    };
    let mut used = last_used.unwrap_or(now);
    if last_used.is_none_or(|used| now - used > TOUCH_AFTER) {
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
        used = now;
    }
    let actor = actor_from_row(user_id, username, display_name, &role)?;
    Ok(Some(Resolved::until(
        actor,
        now,
        &[used + TOUCH_AFTER, expires_at],
    )))
}

/// A user's live (unrevoked, unexpired) tokens, newest first.
pub fn list(
    conn: &mut DbConnection,
    user_id: i32,
    now: NaiveDateTime,
) -> AppResult<Vec<TokenSummary>> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .filter(api_tokens::expires_at.gt(now))
        .order(api_tokens::id.desc())
        .select((
            api_tokens::id,
            api_tokens::name,
            api_tokens::created_at,
            api_tokens::last_used_at,
            api_tokens::expires_at,
        ))
        .load(conn)?)
}

/// Revokes every live token of the user's; returns how many there were.
pub fn revoke_all_for(
    conn: &mut DbConnection,
    user_id: i32,
    now: NaiveDateTime,
) -> AppResult<usize> {
    let revoked = diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(now))
    .execute(conn)?;
    credential_watch::changed(conn)?;
    Ok(revoked)
}

/// Revokes one of the user's own tokens; returns its name, or `None` if there is no such
/// live token of theirs.
pub fn revoke(
    conn: &mut DbConnection,
    user_id: i32,
    token_id: i32,
    now: NaiveDateTime,
) -> AppResult<Option<String>> {
    let target = api_tokens::table
        .filter(api_tokens::id.eq(token_id))
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null());
    let name: Option<String> = target.select(api_tokens::name).first(conn).optional()?;
    if name.is_some() {
        diesel::update(target)
            .set(api_tokens::revoked_at.eq(now))
            .execute(conn)?;
        credential_watch::changed(conn)?;
    }
    Ok(name)
}
