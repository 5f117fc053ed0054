//! Keeps every instance's credential cache honest about changes made through the others:
//! whatever ends sessions, revokes tokens or changes an account bumps a counter in the
//! database ([`changed`]), and each instance watches it ([`CredentialWatch`]) and forgets the
//! answers it remembers when it moves. So a session ended through one instance stops working
//! at every other within [`WATCH_EVERY`], not only when the cache's own bound runs out.

use std::time::Duration;

use diesel::prelude::*;

use crate::platform::db::DbConnection;

use super::credential_cache;
use crate::error::AppResult;
use crate::platform::db::Database;
use crate::platform::db::schema::credential_changes;
use crate::platform::periodic::Periodic;

/// How often each instance looks at the counter.
pub const WATCH_EVERY: Duration = Duration::from_millis(500);

/// Records that sessions, tokens or an account changed: this process forgets its remembered
/// answers at once, and the others when they next look. Call inside the change's transaction.
pub fn changed(conn: &mut DbConnection) -> AppResult<()> {
    diesel::update(credential_changes::table.find(1))
        .set(credential_changes::generation.eq(credential_changes::generation + 1))
        .execute(conn)?;
    credential_cache::forget_all();
    Ok(())
}

/// The counter's value now.
pub fn generation(conn: &mut DbConnection) -> AppResult<i64> {
    let generation: Option<i64> = credential_changes::table
        .find(1)
        .select(credential_changes::generation)
        .first(conn)
        .optional()?;
    Ok(generation.unwrap_or(0))
}

/// The watching thread; dropping it (when the app shuts down) stops it.
pub struct CredentialWatch(#[allow(dead_code)] Periodic);

impl CredentialWatch {
    /// Starts watching the counter in `database`.
    pub fn start(database: Database) -> AppResult<Self> {
        let mut seen = None;
        let round = move || match database.conn().and_then(|mut conn| generation(&mut conn)) {
            Ok(now) => {
                if seen.is_some_and(|seen| seen != now) {
                    credential_cache::forget_all();
                }
                seen = Some(now);
            }
            // Unsure whether anything changed: forget, to be safe.
            Err(_) => credential_cache::forget_all(),
        };
        Periodic::start("praxis-credential-watch", WATCH_EVERY, round, || {}).map(Self)
    }
}
