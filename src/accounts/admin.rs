//! Administration: disabling accounts and supervision links (password resets are in
//! [`super::reset`]). Each function checks that an administrator (or the command line,
//! `None`) is asking.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::model::{LinkKind, User};
use super::service::{Address, log};
use super::store;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::audit::AuditAction;
use crate::platform::auth::{Actor, Role, api_token, session};
use crate::platform::policy;

/// Disables or re-enables an account (administrators only; not their own). Disabling ends
/// the account's sessions and revokes its API tokens, which re-enabling does not restore.
pub fn set_account_disabled(
    conn: &mut DbConnection,
    admin: &Actor,
    user_id: i32,
    disabled: bool,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    policy::require_visible(policy::may_administer(admin))?;
    if disabled && admin.user_id == user_id {
        return Err(AppError::Conflict(
            "You cannot disable your own account.".into(),
        ));
    }
    conn.immediate_transaction(|conn| {
        let user = store::find(conn, user_id)?.ok_or(AppError::NotFound)?;
        store::set_disabled(conn, user.id, disabled, now)?;
        let action = if disabled {
            session::end_all_for(conn, user.id)?;
            api_token::revoke_all_for(conn, user.id, now)?;
            AuditAction::UserDisabled
        } else {
            AuditAction::UserEnabled
        };
        log(
            conn,
            Some(admin.user_id),
            action,
            &user.username,
            "",
            address,
            now,
        )
    })
}

/// Links a supervisor (or practice educator) to a supervisee (or student). `admin` is
/// `None` for the command line.
pub fn link(
    conn: &mut DbConnection,
    admin: Option<&Actor>,
    supervisor: &str,
    supervisee: &str,
    kind: LinkKind,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<i32> {
    if let Some(admin) = admin {
        policy::require_visible(policy::may_administer(admin))?;
    }
    let mut errors = FieldErrors::new();
    let supervisor_user = store::find_by_username(conn, supervisor)?;
    let supervisee_user = store::find_by_username(conn, supervisee)?;
    if supervisor_user.is_none() {
        errors.add(
            "supervisor",
            format!("There is no user called {supervisor:?}."),
        );
    }
    if supervisee_user.is_none() {
        errors.add(
            "supervisee",
            format!("There is no user called {supervisee:?}."),
        );
    }
    let (Some(supervisor_user), Some(supervisee_user)) = (supervisor_user, supervisee_user) else {
        return Err(AppError::Invalid(errors));
    };
    check_link_roles(kind, &supervisor_user, &supervisee_user, &mut errors)?;
    errors.into_result(())?;
    conn.immediate_transaction(|conn| {
        let id = store::insert_link(conn, supervisor_user.id, supervisee_user.id, kind, now)?;
        let subject = format!(
            "{} -> {}",
            supervisor_user.username, supervisee_user.username
        );
        let actor_id = admin.map(|admin| admin.user_id);
        log(
            conn,
            actor_id,
            AuditAction::LinkCreated,
            &subject,
            kind.as_str(),
            address,
            now,
        )?;
        Ok(id)
    })
}

fn check_link_roles(
    kind: LinkKind,
    supervisor: &User,
    supervisee: &User,
    errors: &mut FieldErrors,
) -> AppResult<()> {
    let supervisor_role = supervisor.role()?;
    let supervisee_role = supervisee.role()?;
    if supervisor.id == supervisee.id {
        errors.add("supervisee", "Someone cannot supervise themselves.");
    }
    match kind {
        LinkKind::Line if supervisor_role != Role::Supervisor => errors.add(
            "supervisor",
            format!(
                "{} is a {}; only a supervisor can hold a line link.",
                supervisor.username,
                supervisor_role.label().to_lowercase()
            ),
        ),
        LinkKind::Educator if supervisor_role != Role::PracticeEducator => errors.add(
            "supervisor",
            format!("{} is not a practice educator.", supervisor.username),
        ),
        LinkKind::Educator if supervisee_role != Role::Student => errors.add(
            "supervisee",
            format!("{} is not a student.", supervisee.username),
        ),
        _ => {}
    }
    if supervisee_role == Role::Admin {
        errors.add("supervisee", "Administrators keep no journal to supervise.");
    }
    Ok(())
}

/// Removes a link (administrators only).
pub fn unlink(
    conn: &mut DbConnection,
    admin: &Actor,
    link_id: i32,
    address: Address<'_>,
    now: NaiveDateTime,
) -> AppResult<()> {
    policy::require_visible(policy::may_administer(admin))?;
    conn.immediate_transaction(|conn| {
        let link = store::delete_link(conn, link_id)?.ok_or(AppError::NotFound)?;
        let subject = format!("{} -> {}", link.supervisor, link.supervisee);
        log(
            conn,
            Some(admin.user_id),
            AuditAction::LinkRemoved,
            &subject,
            link.kind.as_str(),
            address,
            now,
        )
    })
}
