//! The calendar feed's settings: whether a feed is live and since when. Its address is a
//! secret that works without signing in, so it never leaves the server (only its hash is
//! stored anyway).

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use serde::Serialize;

use crate::deadlines::feed;
use crate::error::AppResult;
use crate::platform::auth::Actor;

/// The feed's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarFeedJson {
    /// Whether a feed address is live.
    pub live: bool,
    /// When the live address was made (UTC).
    #[serde(serialize_with = "crate::platform::clock::utc_json::optional")]
    pub live_since: Option<NaiveDateTime>,
    /// Whether subscribers' calendars remind them the day before each event.
    pub remind_day_before: bool,
}

/// The person's feed settings.
pub fn load(conn: &mut DbConnection, person: &Actor) -> AppResult<CalendarFeedJson> {
    let live = feed::live(conn, person)?;
    Ok(CalendarFeedJson {
        live: live.is_some(),
        live_since: live.as_ref().map(|feed| feed.since),
        remind_day_before: live.is_some_and(|feed| feed.remind_day_before),
    })
}
