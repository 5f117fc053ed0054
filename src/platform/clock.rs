//! The time, in one place: every stored timestamp is UTC, and every "today" and every time
//! shown to people is in the service's zone (Europe/London unless configured otherwise).
//!
//! The zone is process-wide: `clock::today()` is called from handlers, services, background
//! work and the CLI alike, so threading a zone through each would touch every caller for a
//! value that never changes while the process runs. It is fixed once at start-up by
//! [`use_zone`] from the `timezone` setting; until then (and in tests, which build many apps
//! in one process) it is Europe/London. The computations themselves are pure functions of a
//! zone and a UTC time ([`today_in`], [`local_in`], [`utc_from_local_in`]) so they can be tested
//! for any zone and any moment.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

#[cfg(test)]
mod tests;

/// The zone used until start-up names another: where this service's users work.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::London;

/// The zone chosen at start-up.
static ZONE: OnceLock<Tz> = OnceLock::new();

/// Now, in UTC, to the second (finer precision only makes stored times harder to read).
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Today's date in the service's zone: the same day for every request, worker and command.
pub fn today() -> NaiveDate {
    today_in(zone(), now())
}

/// The date in `zone` at the UTC moment `now_utc`.
pub fn today_in(zone: Tz, now_utc: NaiveDateTime) -> NaiveDate {
    local_in(zone, now_utc).date_naive()
}

/// The service's zone.
pub fn zone() -> Tz {
    ZONE.get().copied().unwrap_or(DEFAULT_ZONE)
}

/// Reads a zone name from the IANA database (`Europe/London`, `UTC`), with a message that
/// says what was wrong.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.trim().parse::<Tz>().map_err(|_| {
        format!(
            "timezone {name:?} is not a time zone name from the IANA database \
             (for example Europe/London or UTC)"
        )
    })
}

/// Fixes the service's zone for the rest of the process. Naming the zone already in use is
/// fine (tests build many apps); naming a different one after the first is refused, because
/// dates already handed out would disagree with later ones.
pub fn use_zone(zone: Tz) -> Result<(), String> {
    let chosen = *ZONE.get_or_init(|| zone);
    if chosen == zone {
        Ok(())
    } else {
        Err(format!(
            "the time zone is fixed once per process: it is already {chosen}, not {zone}"
        ))
    }
}

/// A stored UTC time in the service's zone, for showing to people; its `%Z` is the zone's
/// abbreviation at that moment (GMT or BST for London).
pub fn local(at: impl StoredTime) -> DateTime<Tz> {
    local_in(zone(), at.utc())
}

/// A stored UTC time, by value or through any number of references (templates hold both).
pub trait StoredTime {
    /// The time, in UTC.
    fn utc(&self) -> NaiveDateTime;
}

impl StoredTime for NaiveDateTime {
    fn utc(&self) -> NaiveDateTime {
        *self
    }
}

impl<T: StoredTime + ?Sized> StoredTime for &T {
    fn utc(&self) -> NaiveDateTime {
        (**self).utc()
    }
}

/// A UTC time in `zone`.
pub fn local_in(zone: Tz, at_utc: NaiveDateTime) -> DateTime<Tz> {
    zone.from_utc_datetime(&at_utc)
}

/// The UTC time of a wall-clock time in `zone` (a time someone typed for a meeting). When the
/// clocks go back, a time that happens twice is taken the first time; when they go forward, a
/// time that never happens is moved on by the hour that was skipped, as a clock on the wall
/// would read it.
pub fn utc_from_local_in(zone: Tz, local: NaiveDateTime) -> NaiveDateTime {
    (0..=2)
        .filter_map(|hours| {
            zone.from_local_datetime(&(local + Duration::hours(hours)))
                .earliest()
        })
        .map(|at| at.naive_utc())
        .next()
        .unwrap_or(local)
}

/// [`utc_from_local_in`] in the service's zone.
pub fn utc_from_local(local: NaiveDateTime) -> NaiveDateTime {
    utc_from_local_in(zone(), local)
}

/// Writes stored UTC times into JSON as RFC 3339 with a `Z` (`2026-03-03T10:00:00Z`), so no
/// client has to guess the zone. Use with `#[serde(serialize_with = "...")]`.
pub mod utc_json {
    use chrono::NaiveDateTime;
    use serde::Serializer;

    /// The format written: ISO 8601 date and time, in UTC.
    const FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

    /// A UTC time.
    pub fn serialize<S: Serializer>(at: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&at.format(FORMAT))
    }

    /// A UTC time that may be absent (`null`).
    pub fn optional<S: Serializer>(
        at: &Option<NaiveDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }
}
