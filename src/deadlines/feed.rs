//! Each user's secret iCalendar (RFC 5545) feed of deadlines and scheduled case events, for
//! Outlook, Google or Apple calendars to subscribe to. It carries case references and kinds
//! only, never anything written in the journal. UIDs are stable, so an update replaces an
//! event instead of adding another.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use icalendar::{Calendar, Component, Event, EventLike};

use super::engine::DeadlineStatus;
use super::service::{self, CaseDeadline};
use super::store::{self, EventRow};
use super::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::auth::secret::{fingerprint, random_token};
use crate::platform::clock;

/// Starts (or restarts) the actor's feed; returns the secret token that goes in its URL.
/// Any earlier feed URL stops working.
pub fn create(conn: &mut SqliteConnection, actor: &Actor, now: NaiveDateTime) -> AppResult<String> {
    let token = random_token(32);
    conn.immediate_transaction(|conn| {
        store::replace_feed(conn, actor.user_id, &fingerprint(&token), now)
    })?;
    Ok(token)
}

/// Stops the actor's feed.
pub fn revoke(conn: &mut SqliteConnection, actor: &Actor, now: NaiveDateTime) -> AppResult<()> {
    store::revoke_feeds(conn, actor.user_id, now)?;
    Ok(())
}

/// When the actor's live feed was started, if there is one.
pub fn live_since(conn: &mut SqliteConnection, actor: &Actor) -> AppResult<Option<NaiveDateTime>> {
    store::live_feed_since(conn, actor.user_id)
}

/// The calendar behind a feed token; a wrong or revoked token is simply not found.
pub fn calendar_for_token(
    conn: &mut SqliteConnection,
    token: &str,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<String> {
    let owner = store::feed_owner(conn, &fingerprint(token))?.ok_or(AppError::NotFound)?;
    let deadlines = service::worker_deadlines(conn, owner, timescales, today, true)?;
    let scheduled = service::scheduled_events(conn, owner, today)?;
    Ok(render(&deadlines, &scheduled, timescales))
}

/// The iCalendar text of deadlines (open ones) and scheduled events.
pub fn render(
    deadlines: &[CaseDeadline],
    scheduled: &[(String, EventRow)],
    timescales: &Timescales,
) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Praxis deadlines");
    for item in deadlines
        .iter()
        .filter(|item| item.deadline.status != DeadlineStatus::Met)
    {
        let deadline = &item.deadline;
        // Custom deadlines have a worker's own label: the feed names the kind only.
        let what = if deadline.kind == super::timescales::CUSTOM {
            "Custom deadline".to_string()
        } else {
            deadline.title.clone()
        };
        calendar.push(
            Event::new()
                .uid(&format!(
                    "deadline-{}-{}@praxis",
                    deadline.started_by.id, deadline.kind
                ))
                .summary(&format!("{}: {what} due", item.reference))
                .all_day(deadline.due_on)
                .done(),
        );
    }
    for (reference, event) in scheduled {
        let what = timescales.event_title(&event.kind);
        let mut entry = Event::new();
        entry
            .uid(&format!("event-{}@praxis", event.id))
            .summary(&format!("{reference}: {what}"));
        match event.occurred_at {
            Some(time) => {
                // Typed as a time on the service's wall clock; written in UTC (`Z`) so
                // every calendar places it right without a VTIMEZONE block.
                let start = clock::utc_from_local(event.occurred_on.and_time(time)).and_utc();
                entry.starts(start).ends(start + chrono::Duration::hours(1));
            }
            None => {
                entry.all_day(event.occurred_on);
            }
        }
        calendar.push(entry.done());
    }
    calendar.done().to_string()
}
