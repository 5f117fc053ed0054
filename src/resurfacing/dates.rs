//! Which days come back: the same day one and two years ago ("on this day"), and the week
//! a "look back" covers.
//!
//! 29 February comes back on 28 February in years without one, so an entry written on a
//! leap day still resurfaces once a year.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// How many years back "on this day" looks.
pub const YEARS_BACK: [u32; 2] = [1, 2];

/// The days `years` years before `today` whose entries resurface today: the same day, and
/// on 28 February in a year without a 29th, the leap day as well.
pub fn same_day_years_ago(today: NaiveDate, years: u32) -> Vec<NaiveDate> {
    let Some(year) = i32::try_from(years)
        .ok()
        .and_then(|back| today.year().checked_sub(back))
    else {
        return Vec::new();
    };
    let mut days: Vec<NaiveDate> = today.with_year(year).into_iter().collect();
    let leap_day = NaiveDate::from_ymd_opt(year, 2, 29);
    let today_has_no_leap_day = NaiveDate::from_ymd_opt(today.year(), 2, 29).is_none();
    if (today.month(), today.day()) == (2, 28) && today_has_no_leap_day {
        days.extend(leap_day);
    }
    days
}

/// The Monday to Sunday week holding `day`.
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day.week(Weekday::Mon).first_day();
    let sunday = monday.checked_add_days(Days::new(6)).unwrap_or(monday);
    (monday, sunday)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_ordinary_day_comes_back_on_the_same_date() {
        assert_eq!(
            same_day_years_ago(date(2026, 12, 7), 1),
            [date(2025, 12, 7)]
        );
        assert_eq!(
            same_day_years_ago(date(2026, 12, 7), 2),
            [date(2024, 12, 7)]
        );
    }

    #[test]
    fn a_leap_day_comes_back_on_28_february() {
        // 2025 has no 29 February: the 2024 leap day resurfaces on 28 February 2025.
        assert_eq!(
            same_day_years_ago(date(2025, 2, 28), 1),
            [date(2024, 2, 28), date(2024, 2, 29)]
        );
        // Two years on, in 2026, likewise.
        assert_eq!(
            same_day_years_ago(date(2026, 2, 28), 2),
            [date(2024, 2, 28), date(2024, 2, 29)]
        );
        // On a leap day, the years before have no 29th: their 28th came back yesterday.
        assert!(same_day_years_ago(date(2028, 2, 29), 1).is_empty());
        // In a leap year, 28 February is only itself.
        assert_eq!(
            same_day_years_ago(date(2028, 2, 28), 4),
            [date(2024, 2, 28)]
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday() {
        assert_eq!(
            week_of(date(2026, 12, 7)),
            (date(2026, 12, 7), date(2026, 12, 13))
        );
        assert_eq!(
            week_of(date(2027, 1, 3)),
            (date(2026, 12, 28), date(2027, 1, 3))
        );
    }

    proptest! {
        /// Every day of the past resurfaces exactly once in the year `years` later.
        #[test]
        fn each_past_day_resurfaces_exactly_once(offset in 0i64..(365 * 60), years in 1u32..3) {
            let written = date(1990, 1, 1) + chrono::Duration::days(offset);
            let target_year = written.year() + i32::try_from(years).unwrap();
            let mut day = date(target_year, 1, 1);
            let mut times = 0;
            while day.year() == target_year {
                if same_day_years_ago(day, years).contains(&written) {
                    times += 1;
                }
                day = day.succ_opt().unwrap();
            }
            prop_assert_eq!(times, 1, "{}", written);
        }

        #[test]
        fn a_week_holds_its_day_and_starts_on_monday(offset in 0i64..(365 * 60)) {
            let day = date(1990, 1, 1) + chrono::Duration::days(offset);
            let (monday, sunday) = week_of(day);
            prop_assert!(monday <= day && day <= sunday);
            prop_assert_eq!(monday.weekday(), Weekday::Mon);
            prop_assert_eq!((sunday - monday).num_days(), 6);
        }
    }
}
