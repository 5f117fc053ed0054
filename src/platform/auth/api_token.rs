//! Personal API tokens: shown once at creation, stored only as fingerprints.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::actor::Actor;
use super::secret::{fingerprint, random_token};
use super::session::actor_from_row;
use crate::error::AppResult;
use crate::platform::db::schema::{api_tokens, users};

/// Every token starts with this, so a leaked one is easy to recognise in a scan.
pub const TOKEN_PREFIX: &str = "prx_";

/// How stale `last_used_at` may get before a request refreshes it.
const TOUCH_AFTER: Duration = Duration::minutes(5);

/// What the account page lists about a token (never the token itself).
#[derive(Debug, Clone, PartialEq, Serialize, Queryable)]
pub struct TokenSummary {
    /// Row id, used to revoke it.
    pub id: i32,
    /// The name its owner gave it.
    pub name: String,
    /// When it was made.
    pub created_at: NaiveDateTime,
    /// When it was last used, if ever.
    pub last_used_at: Option<NaiveDateTime>,
}

/// Creates a token for `user_id`; returns its id and the token, which is shown only now.
pub fn create(
    conn: &mut SqliteConnection,
    user_id: i32,
    name: &str,
    now: NaiveDateTime,
) -> AppResult<(i32, String)> {
    let token = format!("{TOKEN_PREFIX}{}", random_token(32));
    let id = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(fingerprint(&token)),
            api_tokens::created_at.eq(now),
        ))
        .returning(api_tokens::id)
        .get_result(conn)?;
    Ok((id, token))
}

/// The person a live (unrevoked) token belongs to, if its user is enabled.
pub fn resolve(
    conn: &mut SqliteConnection,
    token: &str,
    now: NaiveDateTime,
) -> AppResult<Option<Actor>> {
    let found = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(fingerprint(token)))
        .filter(api_tokens::revoked_at.is_null())
        .filter(users::disabled.eq(false))
        .select((
            api_tokens::id,
            api_tokens::last_used_at,
            users::id,
            users::username,
            users::display_name,
            users::role,
        ))
        .first::<(i32, Option<NaiveDateTime>, i32, String, String, String)>(conn)
        .optional()?;
    let Some((token_id, last_used, user_id, username, display_name, role)) = found else {
        return Ok(None);
    };
    if last_used.is_none_or(|used| now - used > TOUCH_AFTER) {
        diesel::update(api_tokens::table.find(token_id))
            .set(api_tokens::last_used_at.eq(now))
            .execute(conn)?;
    }
    Ok(Some(actor_from_row(
        user_id,
        username,
        display_name,
        &role,
    )?))
}

/// A user's live tokens, newest first.
pub fn list(conn: &mut SqliteConnection, user_id: i32) -> AppResult<Vec<TokenSummary>> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::revoked_at.is_null())
        .order(api_tokens::id.desc())
        .select((
            api_tokens::id,
            api_tokens::name,
            api_tokens::created_at,
            api_tokens::last_used_at,
        ))
        .load(conn)?)
}

/// Revokes one of the user's own tokens; returns its name, or `None` if there is no such
/// live token of theirs.
pub fn revoke(
    conn: &mut SqliteConnection,
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
    }
    Ok(name)
}
