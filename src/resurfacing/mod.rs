//! Resurfacing: the person's own entries from this day one and two years ago on the
//! dashboard, and a weekly "look back" page listing a week's entries with a prompt to reflect
//! on it. Read-side only: it asks the journal's service, which applies the policy, for the
//! actor's own entries.

pub mod dates;
pub mod html;

use crate::platform::db::DbConnection;
use chrono::NaiveDate;

use crate::error::AppResult;
use crate::journal::model::EntryView;
use crate::journal::service::{self as journal, EntryFilter};
use crate::platform::auth::Actor;

/// Most entries shown from one past day.
const PER_DAY: i64 = 20;
/// Most entries listed for one week.
const PER_WEEK: i64 = 200;

/// The actor's own entries from this day some years ago.
#[derive(Debug, Clone)]
pub struct YearsAgo {
    /// How many years back.
    pub years: u32,
    /// Their entries, newest first.
    pub entries: Vec<EntryView>,
}

/// The actor's own entries from one and two years before `today` (none when there are none).
pub fn on_this_day(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<YearsAgo>> {
    let mut found = Vec::new();
    for years in dates::YEARS_BACK {
        let mut entries = Vec::new();
        for day in dates::same_day_years_ago(today, years) {
            entries.extend(own_entries(conn, actor, day, day, PER_DAY)?);
        }
        if !entries.is_empty() {
            found.push(YearsAgo { years, entries });
        }
    }
    Ok(found)
}

/// The actor's own entries in the Monday to Sunday week holding `day`, oldest first.
pub fn week(conn: &mut DbConnection, actor: &Actor, day: NaiveDate) -> AppResult<Vec<EntryView>> {
    let (monday, sunday) = dates::week_of(day);
    let mut entries = own_entries(conn, actor, monday, sunday, PER_WEEK)?;
    entries.reverse();
    Ok(entries)
}

fn own_entries(
    conn: &mut DbConnection,
    actor: &Actor,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> AppResult<Vec<EntryView>> {
    let filter = EntryFilter {
        from: Some(from),
        to: Some(to),
        limit,
        ..EntryFilter::default()
    };
    Ok(journal::list(conn, actor, &filter)?.entries)
}
