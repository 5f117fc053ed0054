//! Social Work England's CPD requirement: at least two records each registration year (which
//! ends on 30 November), at least one of them with a peer reflection.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::model::{EntryKind, EntryView};
use super::service::MAX_PAGE;
use super::store::{self, Authors, ListQuery};
use crate::error::AppResult;
use crate::platform::auth::Actor;

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
    /// Whether the year's requirement is met.
    pub fn met(&self) -> bool {
        self.records.len() >= REQUIRED_RECORDS
            && self.with_peer_reflection >= REQUIRED_PEER_REFLECTIONS
    }

    /// Records still needed.
    pub fn records_needed(&self) -> usize {
        REQUIRED_RECORDS.saturating_sub(self.records.len())
    }

    /// Peer reflections still needed.
    pub fn peer_reflections_needed(&self) -> usize {
        REQUIRED_PEER_REFLECTIONS.saturating_sub(self.with_peer_reflection)
    }
}

/// The caller's CPD progress in the registration year containing `today`.
pub fn progress(
    conn: &mut SqliteConnection,
    actor: &Actor,
    today: NaiveDate,
) -> AppResult<CpdProgress> {
    progress_of(conn, actor.user_id, today)
}

/// The CPD progress of `author_id` (their own page, or a supervision pack for the pair,
/// which shows the counts).
pub fn progress_of(
    conn: &mut SqliteConnection,
    author_id: i32,
    today: NaiveDate,
) -> AppResult<CpdProgress> {
    let (starts, ends) = registration_year(today);
    let rows = store::list_rows(
        conn,
        &ListQuery {
            authors: Authors::Own(author_id),
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
    let hours = records
        .iter()
        .filter_map(|entry| entry.cpd.as_ref())
        .map(|cpd| cpd.hours)
        .sum();
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
