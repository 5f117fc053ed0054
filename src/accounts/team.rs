//! Writing a whole team at once, for `praxis demo`: accounts made with one shared password
//! hash and the links between them, without the checks and audit an administrator's change
//! goes through (the demo builds a throwaway data directory).

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;

use super::model::LinkKind;
use super::store;
use crate::error::AppResult;
use crate::platform::auth::Role;

/// Adds one person; returns their user id.
pub fn add_person(
    conn: &mut DbConnection,
    username: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
    now: NaiveDateTime,
) -> AppResult<i32> {
    store::insert_user(
        conn,
        username,
        display_name,
        role.as_str(),
        password_hash,
        now,
    )
}

/// Links a supervisor (or practice educator) to a supervisee (or student).
pub fn add_link(
    conn: &mut DbConnection,
    supervisor_id: i32,
    supervisee_id: i32,
    kind: LinkKind,
    now: NaiveDateTime,
) -> AppResult<i32> {
    store::insert_link(conn, supervisor_id, supervisee_id, kind, now)
}
