//! Password resets by link. An administrator (or the operator, from the command line) never
//! learns or sets a usable password: a reset makes the old one unusable, ends every session
//! and token, and issues a one-time link that the person opens to choose their own. At their
//! next sign-in they are told who reset it and when.

use crate::platform::db::DbConnection;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::model::User;
use super::service::{Address, log, replace_password};
use super::store;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::audit::AuditAction;
use crate::platform::auth::secret::{fingerprint, random_token};
use crate::platform::auth::{Actor, password};
use crate::platform::db::schema::{password_reset_links as links, users};
use crate::platform::policy;

/// How long a reset link works after it is issued.
pub const RESET_LINK_LIFETIME: Duration = Duration::hours(24);

/// Where a reset link leads, before its secret.
pub const RESET_PATH: &str = "/reset-password";

/// A reset link just issued; its secret is shown once and only its fingerprint is kept.
#[derive(Debug, Clone)]
pub struct IssuedReset {
    /// Whose password was reset.
    pub username: String,
    /// The secret part of the link.
    pub token: String,
    /// When the link stops working.
    pub expires_at: NaiveDateTime,
}

impl IssuedReset {
    /// The link's path on this site (`/reset-password/<secret>`).
    pub fn path(&self) -> String {
        format!("{RESET_PATH}/{}", self.token)
    }
}

/// Who reset someone's password and when, told to them once at their next sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetNotice {
    /// The administrator's display name, or a description of the command line.
    pub reset_by: String,
    /// When the reset was issued.
    pub reset_at: NaiveDateTime,
}

impl ResetNotice {
    /// The sentence shown to the person.
    pub fn message(&self) -> String {
        format!(
            "Your password was reset by {} on {} (UTC). If you did not ask for this, tell \
             your manager or your data protection officer.",
            self.reset_by,
            self.reset_at.format("%-d %B %Y at %H:%M")
        )
    }
}

/// Resets `user_id`'s password: the stored password becomes an unusable random one, every
/// session ends, every API token is revoked, earlier unused links stop working, and a new
/// link is issued. `admin` is `None` for the command line.
pub fn issue(
    conn: &mut DbConnection,
    admin: Option<&Actor>,
    user_id: i32,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<IssuedReset> {
    if let Some(admin) = admin {
        policy::require_visible(policy::may_administer(admin))?;
    }
    // Nobody is ever told this value, so the old password and anything typed by the
    // administrator stop working at once.
    let unusable = password::hash(&random_token(32))?;
    let token = random_token(32);
    let expires_at = now + RESET_LINK_LIFETIME;
    conn.immediate_transaction(|conn| {
        let user = store::find(conn, user_id)?.ok_or(AppError::NotFound)?;
        let (sessions, tokens) = replace_password(conn, user.id, &unusable, now)?;
        diesel::delete(
            links::table
                .filter(links::user_id.eq(user.id))
                .filter(links::used_at.is_null()),
        )
        .execute(conn)?;
        diesel::insert_into(links::table)
            .values((
                links::user_id.eq(user.id),
                links::token_hash.eq(fingerprint(&token)),
                links::issued_by.eq(admin.map(|admin| admin.user_id)),
                links::created_at.eq(now),
                links::expires_at.eq(expires_at),
            ))
            .execute(conn)?;
        let detail = format!(
            "reset link issued, expires {expires_at}; {sessions} sessions ended, {tokens} \
             tokens revoked"
        );
        log(
            conn,
            admin.map(|admin| admin.user_id),
            AuditAction::PasswordReset,
            &user.username,
            &detail,
            address,
            now,
        )?;
        Ok(IssuedReset {
            username: user.username,
            token: token.clone(),
            expires_at,
        })
    })
}

/// The person a link resets, while the link is unused, unexpired and their account enabled;
/// anything else is not found.
pub fn holder(conn: &mut DbConnection, token: &str, now: NaiveDateTime) -> AppResult<User> {
    let user_id = links::table
        .filter(links::token_hash.eq(fingerprint(token)))
        .filter(links::used_at.is_null())
        .filter(links::expires_at.gt(now))
        .select(links::user_id)
        .first::<i32>(conn)
        .optional()?
        .ok_or(AppError::NotFound)?;
    match store::find(conn, user_id)? {
        Some(user) if !user.disabled => Ok(user),
        _ => Err(AppError::NotFound),
    }
}

/// Sets the password the person chose through their link, which is then spent. Sessions and
/// tokens end again, in case any began between the reset and now.
pub fn complete(
    conn: &mut DbConnection,
    token: &str,
    new_password: &str,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<String> {
    let mut errors = FieldErrors::new();
    password::check_strength("password", new_password, &mut errors);
    errors.into_result(())?;
    let hash = password::hash(new_password)?;
    conn.immediate_transaction(|conn| {
        // Checked again inside the transaction, so two submissions cannot both succeed.
        let user = holder(conn, token, now)?;
        diesel::update(links::table.filter(links::token_hash.eq(fingerprint(token))))
            .set(links::used_at.eq(now))
            .execute(conn)?;
        replace_password(conn, user.id, &hash, now)?;
        log(
            conn,
            Some(user.id),
            AuditAction::PasswordChosenAfterReset,
            &user.username,
            "",
            address,
            now,
        )?;
        Ok(user.username)
    })
}

/// The notice of the latest reset of `user_id`'s password not yet told to them, marking
/// every such reset as told: each is shown once.
pub fn take_notice(
    conn: &mut DbConnection,
    user_id: i32,
    now: NaiveDateTime,
) -> AppResult<Option<ResetNotice>> {
    let pending = links::table
        .left_join(users::table.on(users::id.nullable().eq(links::issued_by)))
        .filter(links::user_id.eq(user_id))
        .filter(links::notice_shown_at.is_null())
        .order(links::created_at.desc())
        .select((users::display_name.nullable(), links::created_at))
        .first::<(Option<String>, NaiveDateTime)>(conn)
        .optional()?;
    let Some((admin_name, reset_at)) = pending else {
        return Ok(None);
    };
    diesel::update(
        links::table
            .filter(links::user_id.eq(user_id))
            .filter(links::notice_shown_at.is_null()),
    )
    .set(links::notice_shown_at.eq(now))
    .execute(conn)?;
    Ok(Some(ResetNotice {
        reset_by: admin_name
            .unwrap_or_else(|| "the server's operator, from the command line".to_string()),
        reset_at,
    }))
}
