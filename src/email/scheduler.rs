//! Each round, writes the messages that are due into the outbox: the daily digest once its
//! time has come, and a notice for each new item of the kinds that have them.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::compose::{self, Recipient};
use super::{preferences, store};
use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;

/// When it is, in UTC and in the service's zone.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    /// Now, UTC (stored times).
    pub now: NaiveDateTime,
    /// Today in the service's zone.
    pub today: NaiveDate,
    /// The time of day in the service's zone.
    pub local_time: NaiveTime,
}

/// Writes what is due for everyone who asked for email; returns how many messages it wrote.
pub fn round(
    conn: &mut DbConnection,
    timescales: &Timescales,
    digest_time: NaiveTime,
    public_url: &str,
    moment: Moment,
) -> AppResult<usize> {
    let mut written = 0;
    for choice in preferences::subscribed(conn)? {
        let Some(user) = crate::accounts::directory::find(conn, choice.user_id)? else {
            continue;
        };
        if user.disabled || choice.address.is_empty() {
            continue;
        }
        let actor = user.actor()?;
        let to = Recipient {
            user_id: user.id,
            address: &choice.address,
        };
        let digest_due = choice.daily_digest
            && moment.local_time >= digest_time
            && !store::exists(conn, &format!("digest:{}:{}", user.id, moment.today))?;
        if !digest_due && !choice.immediate {
            continue;
        }
        let inbox = crate::inbox::service::inbox(conn, &actor, timescales, moment.today)?;
        let mut messages = Vec::new();
        if digest_due {
            messages.extend(compose::digest(to, &inbox, moment.today, public_url));
        }
        if choice.immediate {
            messages.extend(
                inbox
                    .items
                    .iter()
                    .filter_map(|item| compose::notice(to, item, public_url)),
            );
        }
        for message in &messages {
            if store::enqueue(conn, message, moment.now)? {
                written += 1;
            }
        }
    }
    Ok(written)
}
