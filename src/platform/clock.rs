//! The time, in one place, so every timestamp is UTC and every "today" is the same day.

use chrono::{NaiveDate, NaiveDateTime, Timelike, Utc};

/// Now, in UTC, to the second (finer precision only makes stored times harder to read).
pub fn now() -> NaiveDateTime {
    let now = Utc::now().naive_utc();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Today's date where the server is, which for this service is England.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}
