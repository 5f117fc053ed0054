//! Signing in from a request. The throttle and the account are read on a database thread,
//! the password is checked on the password thread, and the outcome is recorded on a
//! database thread again: argon2's tens of milliseconds hold neither the async executor nor
//! the lane that writing requests take in turn.

use super::model::User;
use super::service::{self, StartedSession};
use crate::error::AppResult;
use crate::platform::auth::password;
use crate::platform::auth::throttle::SignInThrottle;
use crate::platform::clock;
use crate::platform::db::Database;

/// Checks `username` and `password`, throttling repeated failures (counted per username and
/// per address before the password is checked). Unknown users and wrong passwords take the
/// same time and get the same answer.
pub async fn authenticate(
    db: &Database,
    throttle: &SignInThrottle,
    username: String,
    password: String,
    address: Option<String>,
) -> AppResult<User> {
    let throttle = throttle.clone();
    let from = address.clone();
    let unchecked = db
        .run(move |conn| {
            service::begin_authentication(conn, &throttle, &username, from.as_deref(), clock::now())
        })
        .await?;
    let checked = password::on_password_thread(move || unchecked.check(&password)).await?;
    db.run(move |conn| {
        service::finish_authentication(conn, checked, address.as_deref(), clock::now())
    })
    .await
}

/// Signs in: returns who signed in, the new session's id for the cookie, and the notice of
/// a password reset they have not yet been told about.
pub async fn sign_in(
    db: &Database,
    throttle: &SignInThrottle,
    username: String,
    password: String,
    address: Option<String>,
) -> AppResult<StartedSession> {
    let user = authenticate(db, throttle, username, password, address.clone()).await?;
    db.run(move |conn| service::start_session(conn, &user, address.as_deref(), clock::now()))
        .await
}
