//! When the next session is due, from the agreement and the last session held.

use chrono::{Days, Months, NaiveDate};

use super::model::Frequency;

/// The interval after a session held on `last`, for `frequency` starting on `starts_on`.
pub fn next_after(frequency: Frequency, starts_on: NaiveDate, last: NaiveDate) -> NaiveDate {
    let weeks = |n: u64| last.checked_add_days(Days::new(7 * n)).unwrap_or(last);
    let month = || last.checked_add_months(Months::new(1)).unwrap_or(last);
    match frequency {
        Frequency::Weekly => weeks(1),
        Frequency::Fortnightly => weeks(2),
        Frequency::Monthly => month(),
        Frequency::Asye => {
            let six_weeks = starts_on
                .checked_add_days(Days::new(42))
                .unwrap_or(starts_on);
            let six_months = starts_on
                .checked_add_months(Months::new(6))
                .unwrap_or(starts_on);
            if last < six_weeks {
                weeks(1)
            } else if last < six_months {
                weeks(2)
            } else {
                month()
            }
        }
    }
}

/// The next session's due date: the agreement's start while none has been held, else the
/// interval after the last one. Without an agreement there is no schedule.
pub fn next_due(
    agreement: Option<(Frequency, NaiveDate)>,
    last_held: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let (frequency, starts_on) = agreement?;
    Some(match last_held {
        None => starts_on,
        Some(last) => next_after(frequency, starts_on, last),
    })
}

/// How a session compares with when it was due: days late (0 if on time or early).
pub fn days_late(due: NaiveDate, held: NaiveDate) -> i64 {
    (held - due).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn fixed_frequencies() {
        let start = day(2026, 1, 5);
        assert_eq!(
            next_after(Frequency::Weekly, start, day(2026, 3, 2)),
            day(2026, 3, 9)
        );
        assert_eq!(
            next_after(Frequency::Fortnightly, start, day(2026, 3, 2)),
            day(2026, 3, 16)
        );
        assert_eq!(
            next_after(Frequency::Monthly, start, day(2026, 1, 31)),
            day(2026, 2, 28)
        );
    }

    #[test]
    fn the_asye_schedule_changes_pace() {
        let start = day(2026, 1, 5);
        // Weekly for the first six weeks (to 16 February).
        assert_eq!(
            next_after(Frequency::Asye, start, day(2026, 1, 5)),
            day(2026, 1, 12)
        );
        assert_eq!(
            next_after(Frequency::Asye, start, day(2026, 2, 9)),
            day(2026, 2, 16)
        );
        // Fortnightly from six weeks to six months (5 July).
        assert_eq!(
            next_after(Frequency::Asye, start, day(2026, 2, 16)),
            day(2026, 3, 2)
        );
        assert_eq!(
            next_after(Frequency::Asye, start, day(2026, 7, 4)),
            day(2026, 7, 18)
        );
        // Monthly after six months.
        assert_eq!(
            next_after(Frequency::Asye, start, day(2026, 7, 5)),
            day(2026, 8, 5)
        );
    }

    #[test]
    fn due_dates_need_an_agreement() {
        let start = day(2026, 1, 5);
        assert_eq!(next_due(None, Some(start)), None);
        assert_eq!(
            next_due(Some((Frequency::Weekly, start)), None),
            Some(start)
        );
        assert_eq!(
            next_due(Some((Frequency::Weekly, start)), Some(start)),
            Some(day(2026, 1, 12))
        );
        assert_eq!(days_late(day(2026, 1, 12), day(2026, 1, 15)), 3);
        assert_eq!(days_late(day(2026, 1, 12), day(2026, 1, 10)), 0);
    }
}
