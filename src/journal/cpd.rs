//! Social Work England's CPD requirement: at least two records each registration year (which
//! ends on 30 November), at least one of them with a peer reflection.

use crate::platform::db::DbConnection;
use chrono::{Datelike, NaiveDate};
use diesel::dsl::{count, sum};
use diesel::prelude::*;

use super::model::{EntryKind, EntryView};
use super::service::MAX_PAGE;
use super::store::{self, ListQuery};
use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::db::schema::{cpd_records, entries};
use crate::platform::policy::EntryAuthors;

/// Records required each registration year.
pub const REQUIRED_RECORDS: usize = 2;
/// Of which with a peer reflection.
pub const REQUIRED_PEER_REFLECTIONS: usize = 1;

/// The registration year containing `day`: 1 December to 30 November.
pub fn registration_year(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let end_year = if day.month() == 12 {
        day.year() + 1
    } else {
        day.year()
    };
    let start = NaiveDate::from_ymd_opt(end_year - 1, 12, 1).unwrap_or(day);
    let end = NaiveDate::from_ymd_opt(end_year, 11, 30).unwrap_or(day);
    (start, end)
}

/// Progress towards this year's requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct CpdProgress {
    /// First day of the registration year.
    pub starts: NaiveDate,
    /// Last day of the registration year.
    pub ends: NaiveDate,
    /// Days left, counting today.
    pub days_left: i64,
    /// This year's CPD records, newest first.
    pub records: Vec<EntryView>,
    /// How many of them have a peer reflection.
    pub with_peer_reflection: usize,
    /// Hours recorded this year.
    pub hours: f64,
}

impl CpdProgress {
    /// The counts alone, as a supervisor may see them.
    pub fn counts(&self) -> CpdCounts {
        CpdCounts {
            starts: self.starts,
            ends: self.ends,
            days_left: self.days_left,
            records: self.records.len(),
            with_peer_reflection: self.with_peer_reflection,
            hours: self.hours,
        }
    }

    /// Whether the year's requirement is met.
    pub fn met(&self) -> bool {
        self.counts().met()
    }

    /// Records still needed.
    pub fn records_needed(&self) -> usize {
        self.counts().records_needed()
    }

    /// Peer reflections still needed.
    pub fn peer_reflections_needed(&self) -> usize {
        self.counts().peer_reflections_needed()
    }
}

/// Someone's CPD this registration year as numbers only: what a supervisor is told about
/// records that stay private to their author. It holds no title, text or date of a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CpdCounts {
    /// First day of the registration year.
    pub starts: NaiveDate,
    /// Last day of the registration year.
    pub ends: NaiveDate,
    /// Days left, counting today.
    pub days_left: i64,
    /// CPD records this year.
    pub records: usize,
    /// How many of them have a peer reflection.
    pub with_peer_reflection: usize,
    /// Hours recorded this year.
    pub hours: f64,
}

impl CpdCounts {
    /// Whether the year's requirement is met.
    pub fn met(&self) -> bool {
        self.records >= REQUIRED_RECORDS && self.with_peer_reflection >= REQUIRED_PEER_REFLECTIONS
    }

    /// Records still needed.
    pub fn records_needed(&self) -> usize {
        REQUIRED_RECORDS.saturating_sub(self.records)
    }

    /// Peer reflections still needed.
    pub fn peer_reflections_needed(&self) -> usize {
        REQUIRED_PEER_REFLECTIONS.saturating_sub(self.with_peer_reflection)
    }
}

/// The CPD counts of `author_id` in the registration year containing `today`, counted by the
/// database so that no record leaves it (a supervision pack shows these to the supervisor).
pub fn counts_of(
    conn: &mut DbConnection,
    author_id: i32,
    today: NaiveDate,
) -> AppResult<CpdCounts> {
    let (starts, ends) = registration_year(today);
    let this_year = || {
        entries::table
            .left_join(cpd_records::table)
            .filter(entries::deleted_at.is_null())
            .filter(entries::author_id.eq(author_id))
            .filter(entries::kind.eq(EntryKind::Cpd.as_str()))
            .filter(entries::occurred_on.between(starts, ends))
    };
    let (records, hours): (i64, Option<f64>) = this_year()
        .select((count(entries::id), sum(cpd_records::hours.nullable())))
        .first(conn)?;
    let with_peer_reflection: i64 = this_year()
        .filter(cpd_records::peer_reflection.is_not_null())
        .select(count(entries::id))
        .first(conn)?;
    Ok(CpdCounts {
        starts,
        ends,
        days_left: (ends - today).num_days() + 1,
        records: usize::try_from(records).unwrap_or(0),
        with_peer_reflection: usize::try_from(with_peer_reflection).unwrap_or(0),
        hours: hours.unwrap_or(0.0),
    })
}

/// The caller's CPD progress in the registration year containing `today`.
pub fn progress(
    conn: &mut DbConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<CpdProgress> {
    progress_of(conn, EntryAuthors::of_actor(actor), today)
}

/// The CPD progress of `author_id`, records included: for their own pages only.
fn progress_of(
    conn: &mut DbConnection,
    authors: EntryAuthors,
    today: NaiveDate,
) -> AppResult<CpdProgress> {
    let (starts, ends) = registration_year(today);
    let rows = store::list_rows(
        conn,
        &ListQuery {
            authors,
            kind: Some(EntryKind::Cpd),
            case_id: None,
            tag_ids: Vec::new(),
            from: Some(starts),
            to: Some(ends),
            for_supervision: false,
            after: None,
            limit: MAX_PAGE,
        },
    )?;
    let records = store::views(conn, rows)?;
    let with_peer_reflection = records
        .iter()
        .filter(|entry| {
            entry
                .cpd
                .as_ref()
                .is_some_and(|cpd| cpd.peer_reflection.is_some())
        })
        .count();
    let hours = total_hours(
        records
            .iter()
            .filter_map(|entry| entry.cpd.as_ref())
            .map(|cpd| cpd.hours),
    );
    Ok(CpdProgress {
        starts,
        ends,
        days_left: (ends - today).num_days() + 1,
        records,
        with_peer_reflection,
        hours,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_year_ends_on_30_november() {
        assert_eq!(
            registration_year(day(2026, 11, 23)),
            (day(2025, 12, 1), day(2026, 11, 30))
        );
        assert_eq!(
            registration_year(day(2026, 11, 30)),
            (day(2025, 12, 1), day(2026, 11, 30))
        );
        assert_eq!(
            registration_year(day(2026, 12, 1)),
            (day(2026, 12, 1), day(2027, 11, 30))
        );
        assert_eq!(
            registration_year(day(2027, 1, 15)),
            (day(2026, 12, 1), day(2027, 11, 30))
        );
    }
}

/// The sum of some hours, starting from +0: a float sum of nothing is -0, which showed as
/// "Hours -0" in a year without records.
fn total_hours(hours: impl Iterator<Item = f64>) -> f64 {
    hours.fold(0.0, |total, more| total + more)
}

#[cfg(test)]
mod hours_tests {
    use super::total_hours;

    #[test]
    fn no_records_make_zero_hours_not_minus_zero() {
        let none = total_hours(std::iter::empty());
        assert!(none.is_sign_positive());
        assert_eq!(none.to_string(), "0");
        assert_eq!(total_hours([1.5, 2.0].into_iter()).to_string(), "3.5");
    }
}
