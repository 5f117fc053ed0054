//! Use cases of accounts: signing in and out, setup, passwords, tokens, administration.
//! Each checks permission, validates, and writes in one transaction with its audit event.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::model::{NewAccount, User};
use super::reset::{self, ResetNotice};
use super::store;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::audit::{self, AuditAction, AuditRecord};
use crate::platform::auth::api_token::IssuedToken;
use crate::platform::auth::throttle::{Attempt, SignInThrottle};
use crate::platform::auth::{Actor, Role, api_token, password, session};
use crate::platform::policy;

/// Longest name of an API token.
pub const MAX_TOKEN_NAME_CHARS: usize = 60;

/// Where a request came from, for throttling and the audit log.
pub type Address<'a> = Option<&'a str>;

pub(super) fn log(
    conn: &mut DbConnection,
    actor_id: Option<i32>,
    action: AuditAction,
    subject: &str,
    detail: &str,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    audit::record(
        conn,
        AuditRecord {
            actor_id,
            action,
            subject,
            detail,
            ip: address,
        },
        now,
    )
}

/// A sign-in the throttle let through and counted, with the account it names looked up;
/// its password is still to be checked. Signing in takes three steps, so that the slow
/// password check can run outside the database work ([`super::signing_in`]):
/// [`begin_authentication`], [`UncheckedSignIn::check`] and [`finish_authentication`].
pub struct UncheckedSignIn {
    attempt: Attempt,
    username: String,
    user: Option<User>,
}

/// A sign-in whose password has been checked; [`finish_authentication`] records it.
pub struct CheckedSignIn {
    attempt: Attempt,
    username: String,
    accepted: Option<User>,
}

/// The first step of signing in: refuses a username or address that failed too often,
/// counts this attempt as a failure until it succeeds, and looks up the account.
pub fn begin_authentication(
    conn: &mut DbConnection,
    throttle: &SignInThrottle,
    username: &str,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<UncheckedSignIn> {
    let attempt = throttle.begin(conn, username, address, now)?;
    Ok(UncheckedSignIn {
        attempt,
        username: username.to_owned(),
        user: store::find_by_username(conn, username)?,
    })
}

impl UncheckedSignIn {
    /// Checks the password: tens of milliseconds of CPU and argon2's working memory, and no
    /// database. An unknown username takes as long as a wrong password.
    pub fn check(self, password_text: &str) -> CheckedSignIn {
        let accepted = match self.user {
            Some(user) => (password::verify(password_text, &user.password_hash) && !user.disabled)
                .then_some(user),
            None => {
                password::verify_decoy(password_text);
                None
            }
        };
        CheckedSignIn {
            attempt: self.attempt,
            username: self.username,
            accepted,
        }
    }
}

/// The last step of signing in: forgives an accepted attempt and returns who signed in, or
/// audits the failure, which stays counted.
pub fn finish_authentication(
    conn: &mut DbConnection,
    checked: CheckedSignIn,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<User> {
    match checked.accepted {
        Some(user) => {
            checked.attempt.succeeded(conn)?;
            Ok(user)
        }
        None => {
            let tried: String = checked.username.trim().chars().take(40).collect();
            log(
                conn,
                None,
                AuditAction::SignInFailed,
                &tried,
                "",
                address,
                now,
            )?;
            Err(AppError::Credentials)
        }
    }
}

/// A session just started by signing in.
#[derive(Debug, Clone)]
pub struct StartedSession {
    /// Who signed in.
    pub actor: Actor,
    /// The new session's id, for the cookie.
    pub session_id: String,
    /// Who reset their password and when, if they have not been told yet.
    pub reset_notice: Option<ResetNotice>,
}

/// Starts a session for `user`, who has just proved who they are, with its audit event.
pub fn start_session(
    conn: &mut DbConnection,
    user: &User,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<StartedSession> {
    conn.immediate_transaction(|conn| {
        let session_id = session::start(conn, user.id, now)?;
        let reset_notice = reset::take_notice(conn, user.id, now)?;
        log(
            conn,
            Some(user.id),
            AuditAction::SignIn,
            &user.username,
            "",
            address,
            now,
        )?;
        Ok(StartedSession {
            actor: user.actor()?,
            session_id,
            reset_notice,
        })
    })
}

/// Signs out of one session.
pub fn sign_out(
    conn: &mut DbConnection,
    actor: &Actor,
    session_id: &str,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    conn.immediate_transaction(|conn| {
        session::end(conn, session_id)?;
        log(
            conn,
            Some(actor.user_id),
            AuditAction::SignOut,
            &actor.username,
            "",
            address,
            now,
        )
    })
}

/// Creates an account. `creator` is the administrator doing it, or `None` for the command
/// line, whose operator already controls the server.
pub fn create_account(
    conn: &mut DbConnection,
    creator: Option<&Actor>,
    account: &NewAccount,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<i32> {
    if let Some(creator) = creator {
        policy::require_visible(policy::may_administer(creator))?;
    }
    let hash = password::hash(&account.password)?;
    conn.immediate_transaction(|conn| {
        let id = store::insert_user(
            conn,
            &account.username,
            &account.display_name,
            account.role.as_str(),
            &hash,
            now,
        )?;
        let actor_id = creator.map(|creator| creator.user_id);
        let detail = account.role.as_str();
        log(
            conn,
            actor_id,
            AuditAction::UserCreated,
            &account.username,
            detail,
            address,
            now,
        )?;
        Ok(id)
    })
}

/// Creates the first administrator, only while no account exists; signs them in.
pub fn complete_setup(
    conn: &mut DbConnection,
    account: &NewAccount,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<(Actor, String)> {
    let hash = password::hash(&account.password)?;
    conn.immediate_transaction(|conn| {
        if store::count_users(conn)? > 0 {
            return Err(AppError::NotFound);
        }
        let id = store::insert_user(
            conn,
            &account.username,
            &account.display_name,
            Role::Admin.as_str(),
            &hash,
            now,
        )?;
        log(
            conn,
            Some(id),
            AuditAction::SetupCompleted,
            &account.username,
            "",
            address,
            now,
        )?;
        let session_id = session::start(conn, id, now)?;
        let actor = Actor {
            user_id: id,
            username: account.username.clone(),
            display_name: account.display_name.clone(),
            role: Role::Admin,
        };
        Ok((actor, session_id))
    })
}

/// Changes the actor's own password after checking the current one; ends their other
/// sessions, revokes their API tokens and returns a fresh session id for this browser.
pub fn change_password(
    conn: &mut DbConnection,
    actor: &Actor,
    current: &str,
    new_password: &str,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<String> {
    let user = store::find(conn, actor.user_id)?.ok_or(AppError::Unauthenticated)?;
    let mut errors = FieldErrors::new();
    if !password::verify(current, &user.password_hash) {
        errors.add("current_password", "That is not your current password.");
    }
    password::check_strength("new_password", new_password, &mut errors);
    errors.into_result(())?;
    let hash = password::hash(new_password)?;
    conn.immediate_transaction(|conn| {
        replace_password(conn, user.id, &hash, now)?;
        log(
            conn,
            Some(user.id),
            AuditAction::PasswordChanged,
            &user.username,
            "",
            address,
            now,
        )?;
        session::start(conn, user.id, now)
    })
}

/// Stores a new password hash and ends everything the old password opened: every session
/// and every API token. Returns how many sessions and tokens ended.
pub(super) fn replace_password(
    conn: &mut DbConnection,
    user_id: i32,
    password_hash: &str,
    now: NaiveDateTime,
) -> AppResult<(usize, usize)> {
    store::set_password_hash(conn, user_id, password_hash, now)?;
    let sessions = session::end_all_for(conn, user_id)?;
    let tokens = api_token::revoke_all_for(conn, user_id, now)?;
    Ok((sessions, tokens))
}

/// Ends every session of the actor's, this one included, and revokes all their API tokens:
/// for a lost device or a token that may have leaked.
pub fn sign_out_everywhere(
    conn: &mut DbConnection,
    actor: &Actor,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    conn.immediate_transaction(|conn| {
        let sessions = session::end_all_for(conn, actor.user_id)?;
        let tokens = api_token::revoke_all_for(conn, actor.user_id, now)?;
        log(
            conn,
            Some(actor.user_id),
            AuditAction::SignedOutEverywhere,
            &actor.username,
            &format!("{sessions} sessions, {tokens} tokens"),
            address,
            now,
        )
    })
}

/// Issues a personal API token to the actor, working for `lifetime`; the token in the answer
/// is shown once.
pub fn issue_token(
    conn: &mut DbConnection,
    actor: &Actor,
    name: &str,
    lifetime: chrono::Duration,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<IssuedToken> {
    let name = name.trim();
    let name = if name.is_empty() { "API token" } else { name };
    if name.chars().count() > MAX_TOKEN_NAME_CHARS {
        return Err(AppError::invalid(
            "name",
            format!("Use at most {MAX_TOKEN_NAME_CHARS} characters."),
        ));
    }
    conn.immediate_transaction(|conn| {
        let issued = api_token::create(conn, actor.user_id, name, lifetime, now)?;
        log(
            conn,
            Some(actor.user_id),
            AuditAction::TokenCreated,
            name,
            "",
            address,
            now,
        )?;
        Ok(issued)
    })
}

/// Revokes one of the actor's tokens.
pub fn revoke_token(
    conn: &mut DbConnection,
    actor: &Actor,
    token_id: i32,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    conn.immediate_transaction(|conn| {
        let name =
            api_token::revoke(conn, actor.user_id, token_id, now)?.ok_or(AppError::NotFound)?;
        log(
            conn,
            Some(actor.user_id),
            AuditAction::TokenRevoked,
            &name,
            "",
            address,
            now,
        )
    })
}
