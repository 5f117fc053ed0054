//! The audit log: who did what that matters for security and confidentiality.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::error::AppResult;
use crate::platform::db::schema::{audit_events, users};

/// Things worth recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// The first administrator was created through the setup page.
    SetupCompleted,
    /// Someone signed in.
    SignIn,
    /// A sign-in failed (unknown user or wrong password: the log names the username tried).
    SignInFailed,
    /// Someone signed out.
    SignOut,
    /// Someone ended all their sessions and revoked all their API tokens.
    SignedOutEverywhere,
    /// A personal API token was created.
    TokenCreated,
    /// A personal API token was revoked.
    TokenRevoked,
    /// A user changed their own password.
    PasswordChanged,
    /// A user exported their journal.
    Export,
    /// An administrator (or the command line) exported everything held about a person,
    /// answering a subject access request.
    SubjectAccessExport,
    /// A user imported entries from a file.
    Import,
    /// An administrator (or the CLI) created an account.
    UserCreated,
    /// An administrator disabled an account.
    UserDisabled,
    /// An administrator re-enabled an account.
    UserEnabled,
    /// An administrator (or the command line) reset someone's password: the old one stopped
    /// working and a one-time link was issued.
    PasswordReset,
    /// Someone chose a new password through a reset link.
    PasswordChosenAfterReset,
    /// A supervision or practice-educator link was made.
    LinkCreated,
    /// A supervision or practice-educator link was removed.
    LinkRemoved,
    /// An entry's sharing changed.
    SharingChanged,
}

impl AuditAction {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SetupCompleted => "setup_completed",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignOut => "sign_out",
            Self::SignedOutEverywhere => "signed_out_everywhere",
            Self::TokenCreated => "token_created",
            Self::TokenRevoked => "token_revoked",
            Self::PasswordChanged => "password_changed",
            Self::Export => "export",
            Self::SubjectAccessExport => "subject_access_export",
            Self::Import => "import",
            Self::UserCreated => "user_created",
            Self::UserDisabled => "user_disabled",
            Self::UserEnabled => "user_enabled",
            Self::PasswordReset => "password_reset",
            Self::PasswordChosenAfterReset => "password_chosen_after_reset",
            Self::LinkCreated => "link_created",
            Self::LinkRemoved => "link_removed",
            Self::SharingChanged => "sharing_changed",
        }
    }
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct AuditRecord<'a> {
    /// Who acted, if anyone was signed in.
    pub actor_id: Option<i32>,
    /// What they did.
    pub action: AuditAction,
    /// What it was done to (a username, an entry id); never journal text.
    pub subject: &'a str,
    /// A short note (e.g. "private -> supervisor"); never journal text or secrets.
    pub detail: &'a str,
    /// The caller's address, when known.
    pub ip: Option<&'a str>,
}

/// Writes one event.
pub fn record(
    conn: &mut DbConnection,
    event: AuditRecord<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::occurred_at.eq(now),
            audit_events::actor_id.eq(event.actor_id),
            audit_events::action.eq(event.action.as_str()),
            audit_events::subject.eq(event.subject),
            audit_events::detail.eq(event.detail),
            audit_events::ip.eq(event.ip),
        ))
        .execute(conn)?;
    Ok(())
}

/// An event as the admin page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Queryable)]
pub struct AuditEvent {
    /// Row id.
    pub id: i32,
    /// When.
    pub occurred_at: NaiveDateTime,
    /// Who acted, by username.
    pub actor: Option<String>,
    /// What happened.
    pub action: String,
    /// What it was done to.
    pub subject: String,
    /// A short note.
    pub detail: String,
    /// From where.
    pub ip: Option<String>,
}

/// The most recent events, newest first, `limit` at a time after skipping `offset`;
/// optionally only one action.
pub fn recent(
    conn: &mut DbConnection,
    action: Option<&str>,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<AuditEvent>> {
    let mut query = audit_events::table
        .left_join(users::table)
        .select((
            audit_events::id,
            audit_events::occurred_at,
            users::username.nullable(),
            audit_events::action,
            audit_events::subject,
            audit_events::detail,
            audit_events::ip,
        ))
        .order(audit_events::id.desc())
        .limit(limit)
        .offset(offset)
        .into_boxed();
    if let Some(action) = action {
        query = query.filter(audit_events::action.eq(action.to_string()));
    }
    Ok(query.load(conn)?)
}
