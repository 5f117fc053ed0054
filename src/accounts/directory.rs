//! What other slices may ask of the accounts: who someone is (by id or username), people's
//! names, how many accounts there are, and the names of those who read what someone shares
//! (from the policy's own rule). The accounts store is private to this slice; nothing here
//! reads a password, a session or a token.

use crate::platform::db::DbConnection;

use super::model::User;
use super::store;
use crate::error::AppResult;

/// One account by id.
pub fn find(conn: &mut DbConnection, id: i32) -> AppResult<Option<User>> {
    store::find(conn, id)
}

/// One account by username.
pub fn find_by_username(conn: &mut DbConnection, username: &str) -> AppResult<Option<User>> {
    store::find_by_username(conn, username)
}

/// Usernames and display names of people, by id.
pub fn names(conn: &mut DbConnection, ids: &[i32]) -> AppResult<Vec<(i32, String, String)>> {
    store::names(conn, ids)
}

/// How many accounts exist (none means the first start).
pub fn count_users(conn: &mut DbConnection) -> AppResult<i64> {
    store::count_users(conn)
}

/// Display names of the people who may read what `user_id` shares.
pub fn readers_of_shared(conn: &mut DbConnection, user_id: i32) -> AppResult<Vec<String>> {
    store::readers_of_shared(conn, user_id)
}
