//! Diesel queries for users and supervision links.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::model::{LinkKind, LinkView, User};
use crate::error::{AppError, AppResult};
use crate::platform::db::ids::InIds;
use crate::platform::db::schema::{supervision_links, users};

/// How many accounts exist.
pub fn count_users(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(users::table.count().get_result(conn)?)
}

/// Inserts a user; a taken username is reported against the `username` field.
pub fn insert_user(
    conn: &mut DbConnection,
    username: &str,
    display_name: &str,
    role: &str,
    password_hash: &str,
    now: NaiveDateTime,
) -> AppResult<i32> {
    diesel::insert_into(users::table)
        .values((
            users::username.eq(username),
            users::display_name.eq(display_name),
            users::role.eq(role),
            users::password_hash.eq(password_hash),
            users::disabled.eq(false),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .returning(users::id)
        .get_result(conn)
        .map_err(|error| match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                AppError::invalid("username", "That username is already taken.")
            }
            other => other.into(),
        })
}

/// A user by sign-in name (case-insensitive).
pub fn find_by_username(conn: &mut DbConnection, username: &str) -> AppResult<Option<User>> {
    Ok(users::table
        .filter(users::username.eq(username.trim()))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// A user by id.
pub fn find(conn: &mut DbConnection, id: i32) -> AppResult<Option<User>> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// Every user, by username.
pub fn list_users(conn: &mut DbConnection) -> AppResult<Vec<User>> {
    Ok(users::table
        .order(users::username.asc())
        .select(User::as_select())
        .load(conn)?)
}

/// Enables or disables an account.
pub fn set_disabled(
    conn: &mut DbConnection,
    id: i32,
    disabled: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(users::table.find(id))
        .set((users::disabled.eq(disabled), users::updated_at.eq(now)))
        .execute(conn)?;
    crate::platform::auth::credential_watch::changed(conn)?;
    Ok(())
}

/// Replaces a password hash.
pub fn set_password_hash(
    conn: &mut DbConnection,
    id: i32,
    password_hash: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(password_hash),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records that `supervisor_id` supervises (or educates) `supervisee_id`; an existing
/// identical link is reported against the `supervisee` field.
pub fn insert_link(
    conn: &mut DbConnection,
    supervisor_id: i32,
    supervisee_id: i32,
    kind: LinkKind,
    now: NaiveDateTime,
) -> AppResult<i32> {
    diesel::insert_into(supervision_links::table)
        .values((
            supervision_links::supervisor_id.eq(supervisor_id),
            supervision_links::supervisee_id.eq(supervisee_id),
            supervision_links::kind.eq(kind.as_str()),
            supervision_links::created_at.eq(now),
        ))
        .returning(supervision_links::id)
        .get_result(conn)
        .map_err(|error| match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                AppError::invalid("supervisee", "That link already exists.")
            }
            other => other.into(),
        })
}

/// Removes a link; returns it as it was, or `None` if there was no such link.
pub fn delete_link(conn: &mut DbConnection, id: i32) -> AppResult<Option<LinkView>> {
    let existing = list_links(conn)?.into_iter().find(|link| link.id == id);
    if existing.is_some() {
        diesel::delete(supervision_links::table.find(id)).execute(conn)?;
    }
    Ok(existing)
}

/// Every link with both usernames.
pub fn list_links(conn: &mut DbConnection) -> AppResult<Vec<LinkView>> {
    let (supervisors, supervisees) = diesel::alias!(users as supervisors, users as supervisees);
    let rows: Vec<(i32, String, String, String, NaiveDateTime)> = supervision_links::table
        .inner_join(
            supervisors.on(supervisors
                .field(users::id)
                .eq(supervision_links::supervisor_id)),
        )
        .inner_join(
            supervisees.on(supervisees
                .field(users::id)
                .eq(supervision_links::supervisee_id)),
        )
        .order((
            supervisors.field(users::username).asc(),
            supervisees.field(users::username).asc(),
        ))
        .select((
            supervision_links::id,
            supervisors.field(users::username),
            supervisees.field(users::username),
            supervision_links::kind,
            supervision_links::created_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, supervisor, supervisee, kind, created_at)| {
            let kind = LinkKind::parse(&kind)
                .ok_or_else(|| AppError::Internal(format!("unknown link kind {kind:?}")))?;
            Ok(LinkView {
                id,
                supervisor,
                supervisee,
                kind,
                created_at,
            })
        })
        .collect()
}

/// Display names of the people who may read what `user_id` shares.
pub fn readers_of_shared(conn: &mut DbConnection, user_id: i32) -> AppResult<Vec<String>> {
    let readers = crate::platform::policy::readers_of_shared(conn, user_id)?;
    Ok(users::table
        .filter(users::id.in_ids(&readers))
        .order(users::display_name.asc())
        .select(users::display_name)
        .load(conn)?)
}

/// Usernames and display names of users, by id.
pub fn names(conn: &mut DbConnection, ids: &[i32]) -> AppResult<Vec<(i32, String, String)>> {
    Ok(users::table
        .filter(users::id.in_ids(ids))
        .select((users::id, users::username, users::display_name))
        .load(conn)?)
}
