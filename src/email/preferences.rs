//! Who wants email reminders, at which address, and which kinds. Off unless the person
//! turns them on on their account page.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::error::{AppError, AppResult};
use crate::platform::db::schema::email_preferences;

/// A person's email reminder choices.
#[derive(Debug, Clone, Default, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = email_preferences)]
pub struct Preferences {
    /// Whose they are.
    pub user_id: i32,
    /// Where to send reminders.
    pub address: String,
    /// A daily digest of everything waiting.
    pub daily_digest: bool,
    /// A notice as soon as something new waits (a signature, a comment).
    pub immediate: bool,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

/// The person's choices, if they ever made any.
pub fn of(conn: &mut DbConnection, user_id: i32) -> AppResult<Option<Preferences>> {
    Ok(email_preferences::table
        .find(user_id)
        .select(Preferences::as_select())
        .first(conn)
        .optional()?)
}

/// Everyone who asked for a digest or for notices.
pub fn subscribed(conn: &mut DbConnection) -> AppResult<Vec<Preferences>> {
    Ok(email_preferences::table
        .filter(
            email_preferences::daily_digest
                .eq(true)
                .or(email_preferences::immediate.eq(true)),
        )
        .select(Preferences::as_select())
        .load(conn)?)
}

/// Saves the person's choices after checking the address (needed only when something is on).
pub fn save(
    conn: &mut DbConnection,
    user_id: i32,
    address: &str,
    daily_digest: bool,
    immediate: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let address = address.trim();
    if !address.is_empty() || daily_digest || immediate {
        check_address(address)?;
    }
    crate::on_backend!(conn, |c| diesel::insert_into(email_preferences::table)
        .values((
            email_preferences::user_id.eq(user_id),
            email_preferences::address.eq(address),
            email_preferences::daily_digest.eq(daily_digest),
            email_preferences::immediate.eq(immediate),
            email_preferences::updated_at.eq(now),
        ))
        .on_conflict(email_preferences::user_id)
        .do_update()
        .set((
            email_preferences::address.eq(address),
            email_preferences::daily_digest.eq(daily_digest),
            email_preferences::immediate.eq(immediate),
            email_preferences::updated_at.eq(now),
        ))
        .execute(c))?;
    Ok(())
}

/// An address the mail library accepts, of a sane length.
fn check_address(address: &str) -> AppResult<()> {
    let valid = address.len() <= 254
        && !address.chars().any(char::is_control)
        && address.parse::<lettre::Address>().is_ok();
    if valid {
        Ok(())
    } else {
        Err(AppError::invalid(
            "address",
            "Enter an email address such as name@example.org.",
        ))
    }
}
