//! Where a placement stands: days done against days required with a projected end date in
//! working days, observations against the number required, and coverage of the nine PCF
//! domains.

use chrono::{Days, NaiveDate};

use super::model::{DayRow, Placement};
use crate::deadlines::calendar::WorkingCalendar;

/// Days done, required, and when the placement will end at the current pace.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DayCount {
    /// Days counted (half days count half).
    pub done: f64,
    /// Days required.
    pub required: f64,
    /// Days still to do.
    pub remaining: f64,
    /// Recorded absences.
    pub absences: usize,
    /// Whole percentage done (at most 100).
    pub percent: u32,
    /// Placement days per working day so far.
    pub pace: Option<f64>,
    /// The projected last day, at the current pace, counting working days only.
    pub projected_end: Option<NaiveDate>,
}

/// Counts a placement's days as of `today`.
pub fn count_days(
    placement: &Placement,
    days: &[DayRow],
    calendar: &WorkingCalendar,
    today: NaiveDate,
) -> DayCount {
    // Folded from +0.0: an empty f64 sum is -0.0, which would print as "-0".
    let done = days
        .iter()
        .fold(0.0, |total, day| total + day.portion().days());
    let absences = days
        .iter()
        .filter(|day| day.portion().days() == 0.0)
        .count();
    let required = placement.required_days;
    let remaining = (required - done).max(0.0);
    let percent = ((done / required) * 100.0).clamp(0.0, 100.0).floor() as u32;
    let last_logged = days.iter().map(|day| day.day).max();
    // The pace is measured over working days from the start to the last day logged, so
    // logging a few days late does not look like slowing down.
    let up_to = last_logged.unwrap_or(today);
    let before_start = placement
        .starts_on
        .checked_sub_days(Days::new(1))
        .unwrap_or(placement.starts_on);
    let elapsed = calendar.working_days_between(before_start, up_to);
    // Days logged only on weekends or bank holidays still set a pace (of at least a day).
    let pace = (done > 0.0).then(|| done / f64::from(elapsed.max(1)));
    let projected_end = if remaining <= 0.0 {
        last_logged
    } else {
        pace.map(|pace| {
            let needed = (remaining / pace).ceil() as u32;
            calendar.add_working_days(up_to.max(today), needed)
        })
    };
    DayCount {
        done,
        required,
        remaining,
        absences,
        percent,
        pace,
        projected_end,
    }
}

/// Evidence of one PCF domain: how much, and the latest piece.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DomainCoverage {
    /// `PCF-1`..`PCF-9`.
    pub code: String,
    /// The domain's name.
    pub title: String,
    /// Evidence links and observations for it.
    pub count: usize,
    /// The latest piece: its date and title, and the entry id when it is an entry.
    pub latest: Option<(NaiveDate, String, Option<i32>)>,
}

/// One piece of evidence for the matrix: domain code, date, title, entry id if any.
pub type Piece = (String, NaiveDate, String, Option<i32>);

/// The coverage matrix: every domain in order, with its count and latest evidence.
pub fn coverage(domains: &[(String, String)], pieces: &[Piece]) -> Vec<DomainCoverage> {
    domains
        .iter()
        .map(|(code, title)| {
            let mine: Vec<&Piece> = pieces.iter().filter(|piece| &piece.0 == code).collect();
            let latest = mine
                .iter()
                .max_by_key(|piece| piece.1)
                .map(|piece| (piece.1, piece.2.clone(), piece.3));
            DomainCoverage {
                code: code.clone(),
                title: title.clone(),
                count: mine.len(),
                latest,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
