//! Refuses sign-in for a while after repeated failures, per username and per address.
//!
//! The counts live in the database, so limits hold however requests are spread over the
//! instances sharing it. Checking a count and recording an attempt are one conditional
//! upsert per key, inside one transaction for both keys: an attempt is counted as a failure
//! when it begins, before the slow password check, and forgiven only when it succeeds. So
//! attempts arriving together, at one instance or several, cannot all pass the check before
//! any of them is recorded.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};
use diesel::dsl::case_when;
use diesel::prelude::*;

use crate::platform::db::DbConnection;

use crate::error::{AppError, AppResult};
use crate::platform::db::schema::sign_in_failures;

/// An address may fail this many times more than a single username, because several
/// people in one office can share an address.
const ADDRESS_FACTOR: u32 = 4;

/// The limits on failed sign-ins; the counts themselves are in the database.
#[derive(Debug, Clone)]
pub struct SignInThrottle {
    allowed: u32,
    lockout: TimeDelta,
}

/// A sign-in attempt that passed the throttle. It already counts as a failure; call
/// [`Attempt::succeeded`] once the password is accepted.
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure unless it is marked succeeded"]
pub struct Attempt {
    user_key: String,
    address_key: String,
}

fn user_key(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}

fn address_key(address: Option<&str>) -> String {
    format!("addr:{}", address.unwrap_or("unknown"))
}

impl SignInThrottle {
    /// Allows `allowed` failures per username inside `lockout`, then refuses for `lockout`.
    pub fn new(allowed: u32, lockout: Duration) -> Self {
        Self {
            allowed: allowed.max(1),
            lockout: TimeDelta::from_std(lockout).unwrap_or(TimeDelta::minutes(15)),
        }
    }

    /// Begins an attempt for `username` from `address` at `now`: refuses it when either has
    /// failed too often recently, and otherwise counts it as a failure until it succeeds.
    pub fn begin(
        &self,
        conn: &mut DbConnection,
        username: &str,
        address: Option<&str>,
        now: NaiveDateTime,
    ) -> AppResult<Attempt> {
        let user_key = user_key(username);
        let address_key = address_key(address);
        // A refusal for the address rolls back the count just taken for the username.
        conn.immediate_transaction(|conn| {
            self.count(conn, &user_key, self.allowed, now)?;
            self.count(conn, &address_key, self.allowed * ADDRESS_FACTOR, now)
        })?;
        Ok(Attempt {
            user_key,
            address_key,
        })
    }

    /// Counts one more failure for `key` unless it has `limit` recent ones already; a count
    /// older than the lockout starts over. One statement, so that two instances counting at
    /// once cannot both slip under the limit.
    fn count(
        &self,
        conn: &mut DbConnection,
        key: &str,
        limit: u32,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        // The upsert's own condition (`DO UPDATE ... WHERE`), which `QueryDsl` does not offer.
        use diesel::query_dsl::methods::FilterDsl;
        let limit = i32::try_from(limit).unwrap_or(i32::MAX);
        let stale_at = now - self.lockout;
        let counted_query = diesel::insert_into(sign_in_failures::table)
            .values((
                sign_in_failures::throttle_key.eq(key),
                sign_in_failures::failures.eq(1),
                sign_in_failures::last_failed_at.eq(now),
            ))
            .on_conflict(sign_in_failures::throttle_key)
            .do_update()
            .set((
                sign_in_failures::failures.eq(case_when::<_, _, diesel::sql_types::Integer>(
                    sign_in_failures::last_failed_at.le(stale_at),
                    1,
                )
                .otherwise(sign_in_failures::failures + 1)),
                sign_in_failures::last_failed_at.eq(now),
            ))
            .filter(
                sign_in_failures::failures
                    .lt(limit)
                    .or(sign_in_failures::last_failed_at.le(stale_at)),
            );
        let counted = crate::on_backend!(conn, |c| counted_query.execute(c))?;
        if counted > 0 {
            return Ok(());
        }
        let last_failed_at: NaiveDateTime = sign_in_failures::table
            .find(key)
            .select(sign_in_failures::last_failed_at)
            .first(conn)?;
        let left = (last_failed_at + self.lockout - now).num_seconds().max(1);
        Err(AppError::TooManyAttempts {
            retry_after_secs: u64::try_from(left).unwrap_or(1),
        })
    }

    /// Forgets counts older than the lockout (they would start over anyway); returns how
    /// many. Run now and then, so names and addresses tried once do not pile up.
    pub fn forget_stale(&self, conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<usize> {
        Ok(diesel::delete(
            sign_in_failures::table.filter(sign_in_failures::last_failed_at.le(now - self.lockout)),
        )
        .execute(conn)?)
    }
}

impl Attempt {
    /// The password was right: forgets the username's failures, and takes this attempt back
    /// from the address's count (colleagues signing in from one office are not failures).
    pub fn succeeded(self, conn: &mut DbConnection) -> AppResult<()> {
        conn.immediate_transaction(|conn| {
            diesel::delete(sign_in_failures::table.find(&self.user_key)).execute(conn)?;
            diesel::update(
                sign_in_failures::table
                    .find(&self.address_key)
                    .filter(sign_in_failures::failures.gt(0)),
            )
            .set(sign_in_failures::failures.eq(sign_in_failures::failures - 1))
            .execute(conn)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests;
