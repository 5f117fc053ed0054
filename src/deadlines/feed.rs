//! Each user's secret iCalendar (RFC 5545) feed of deadlines and scheduled case events, for
//! Outlook, Google or Apple calendars to subscribe to. It carries case references and kinds
//! only, never anything written in the journal. UIDs are stable, so an update replaces an
//! event instead of adding another.

use crate::platform::db::DbConnection;
use chrono::{Datelike, Days, Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::engine::DeadlineStatus;
use super::ics::{ContentLines, zone::write_vtimezone};
use super::service::{self, CaseDeadline};
use super::store::{self, EventRow};
use super::timescales::Timescales;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::auth::secret::{fingerprint, random_token};

/// Names this application as the feed's producer (RFC 5545 3.7.3).
pub const PRODID: &str = "-//Praxis//Praxis deadlines feed//EN";

/// How long a timed event lasts in the feed when no end was recorded.
const MEETING_LENGTH: Duration = Duration::hours(1);

/// When a day-before reminder fires for an all-day event: 09:00 on the day before.
const ALL_DAY_REMINDER: &str = "-PT15H";
/// When it fires for a timed event: the same time on the day before.
const TIMED_REMINDER: &str = "-P1D";

/// A live feed as its owner sees it on the deadlines page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveFeed {
    /// When its address was made.
    pub since: NaiveDateTime,
    /// Whether subscribers' calendars remind them the day before each event.
    pub remind_day_before: bool,
}

/// How a feed is written.
#[derive(Debug, Clone, Copy)]
pub struct FeedOptions {
    /// The zone timed events are written in (the service's zone).
    pub zone: Tz,
    /// Add a reminder the day before each event.
    pub remind_day_before: bool,
    /// When this copy was made (every event's `DTSTAMP`).
    pub generated_at: NaiveDateTime,
}

/// Starts (or restarts) the actor's feed; returns the secret token that goes in its URL.
/// Any earlier feed URL stops working.
pub fn create(
    conn: &mut DbConnection,
    actor: &Actor,
    remind_day_before: bool,
    now: NaiveDateTime,
) -> AppResult<String> {
    let token = random_token(32);
    conn.immediate_transaction(|conn| {
        store::replace_feed(
            conn,
            actor.user_id,
            &fingerprint(&token),
            remind_day_before,
            now,
        )
    })?;
    Ok(token)
}

/// Stops the actor's feed.
pub fn revoke(conn: &mut DbConnection, actor: &Actor, now: NaiveDateTime) -> AppResult<()> {
    store::revoke_feeds(conn, actor.user_id, now)?;
    Ok(())
}

/// Turns the day-before reminder of the actor's live feed on or off; returns false when there
/// is no live feed to change.
pub fn set_reminder(
    conn: &mut DbConnection,
    actor: &Actor,
    remind_day_before: bool,
) -> AppResult<bool> {
    store::set_feed_reminder(conn, actor.user_id, remind_day_before)
}

/// The actor's live feed, if there is one.
pub fn live(conn: &mut DbConnection, actor: &Actor) -> AppResult<Option<LiveFeed>> {
    Ok(
        store::live_feed(conn, actor.user_id)?.map(|(since, remind_day_before)| LiveFeed {
            since,
            remind_day_before,
        }),
    )
}

/// The calendar behind a feed token; a wrong or revoked token is simply not found.
pub fn calendar_for_token(
    conn: &mut DbConnection,
    token: &str,
    timescales: &Timescales,
    zone: Tz,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<String> {
    let (owner, remind_day_before) =
        store::feed_owner(conn, &fingerprint(token))?.ok_or(AppError::NotFound)?;
    let deadlines = service::worker_deadlines(conn, owner, timescales, today, true)?;
    let scheduled = service::scheduled_events(conn, owner, today)?;
    let options = FeedOptions {
        zone,
        remind_day_before,
        generated_at: now,
    };
    Ok(render(&deadlines, &scheduled, timescales, options, today))
}

/// The iCalendar text of deadlines (open ones) and scheduled events. All-day events end the
/// next day (`DTEND` is exclusive, RFC 5545 3.6.1); timed ones are wall-clock times in
/// `options.zone`, described by a `VTIMEZONE` covering every year they fall in.
pub fn render(
    deadlines: &[CaseDeadline],
    scheduled: &[(String, EventRow)],
    timescales: &Timescales,
    options: FeedOptions,
    today: NaiveDate,
) -> String {
    let mut lines = ContentLines::new();
    lines.begin("VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.text("PRODID", PRODID);
    lines.raw("CALSCALE", "GREGORIAN");
    lines.raw("METHOD", "PUBLISH");
    lines.text("X-WR-CALNAME", "Praxis deadlines");
    lines.raw("X-WR-TIMEZONE", options.zone.name());
    // Ask subscribing clients to look for changes hourly (most poll less often anyway).
    lines.raw("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
    lines.raw("X-PUBLISHED-TTL", "PT1H");
    let years = scheduled
        .iter()
        .filter(|(_, event)| event.occurred_at.is_some())
        .map(|(_, event)| event.occurred_on.year())
        .chain([today.year()]);
    let (first, last) = years.fold((i32::MAX, i32::MIN), |(low, high), year| {
        (low.min(year), high.max(year))
    });
    write_vtimezone(&mut lines, options.zone, first, last);

    for item in deadlines
        .iter()
        .filter(|item| item.deadline.status != DeadlineStatus::Met)
    {
        let deadline = &item.deadline;
        // Custom deadlines have a worker's own label: the feed names the kind only.
        let what = if deadline.kind == super::timescales::CUSTOM {
            "Custom deadline"
        } else {
            deadline.title.as_str()
        };
        let uid = format!(
            "deadline-{}-{}@praxis",
            deadline.started_by.id, deadline.kind
        );
        let summary = format!("{}: {what} due", item.reference);
        begin_event(&mut lines, &uid, &summary, options);
        // A due date is not an appointment: it leaves the day free in scheduling assistants.
        lines.raw("TRANSP", "TRANSPARENT");
        all_day(&mut lines, deadline.due_on);
        end_event(&mut lines, &summary, options, ALL_DAY_REMINDER);
    }
    for (reference, event) in scheduled {
        let what = timescales.event_title(&event.kind);
        let uid = format!("event-{}@praxis", event.id);
        let summary = format!("{reference}: {what}");
        begin_event(&mut lines, &uid, &summary, options);
        let trigger = match event.occurred_at {
            Some(time) => {
                let start = event.occurred_on.and_time(time);
                let zone = options.zone.name();
                lines.zoned("DTSTART", zone, start);
                lines.zoned("DTEND", zone, start + MEETING_LENGTH);
                TIMED_REMINDER
            }
            None => {
                all_day(&mut lines, event.occurred_on);
                ALL_DAY_REMINDER
            }
        };
        end_event(&mut lines, &summary, options, trigger);
    }
    lines.end("VCALENDAR");
    lines.finish()
}

fn begin_event(lines: &mut ContentLines, uid: &str, summary: &str, options: FeedOptions) {
    lines.begin("VEVENT");
    lines.text("UID", uid);
    lines.utc("DTSTAMP", options.generated_at);
    lines.text("SUMMARY", summary);
}

/// A one-day event: it ends, exclusively, at the start of the next day.
fn all_day(lines: &mut ContentLines, day: NaiveDate) {
    lines.date("DTSTART", day);
    lines.date("DTEND", day.checked_add_days(Days::new(1)).unwrap_or(day));
}

fn end_event(lines: &mut ContentLines, summary: &str, options: FeedOptions, trigger: &str) {
    if options.remind_day_before {
        lines.begin("VALARM");
        lines.raw("ACTION", "DISPLAY");
        lines.text("DESCRIPTION", &format!("Tomorrow: {summary}"));
        lines.raw("TRIGGER", trigger);
        lines.end("VALARM");
    }
    lines.end("VEVENT");
}
