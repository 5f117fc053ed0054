//! Tests for the working-day calendar and the shipped bank holiday table.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn calendar() -> WorkingCalendar {
    WorkingCalendar::england_and_wales()
}

fn holidays_in(cal: &WorkingCalendar, year: i32) -> Vec<NaiveDate> {
    cal.holidays
        .keys()
        .copied()
        .filter(|d| d.year() == year)
        .collect()
}

/// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

#[test]
fn shipped_table_parses() {
    assert!(WorkingCalendar::from_toml(BANK_HOLIDAYS_TOML).is_ok());
    let cal = calendar();
    assert!(cal.closures.is_empty());
    assert_eq!(cal.holidays.len(), 8 * 11 + 2 + 1);
}

#[test]
fn holiday_counts_per_year() {
    let cal = calendar();
    for year in 2020..=2030 {
        let expected = match year {
            2022 => 10, // Spring moved, plus Platinum Jubilee and the State Funeral.
            2023 => 9,  // Coronation.
            _ => 8,     // 2020 moved early May to 8 May but added no day.
        };
        assert_eq!(holidays_in(&cal, year).len(), expected, "{year}");
    }
}

#[test]
fn easter_algorithm_matches_published_dates() {
    // Easter Sundays 2020-2030 as published (Church of England tables), to check the algorithm.
    let published = [
        (2020, 4, 12),
        (2021, 4, 4),
        (2022, 4, 17),
        (2023, 4, 9),
        (2024, 3, 31),
        (2025, 4, 20),
        (2026, 4, 5),
        (2027, 3, 28),
        (2028, 4, 16),
        (2029, 4, 1),
        (2030, 4, 21),
    ];
    for (y, m, d) in published {
        assert_eq!(easter_sunday(y), date(y, m, d));
    }
}

#[test]
fn good_friday_and_easter_monday_match_the_algorithm() {
    let cal = calendar();
    for year in 2020..=2030 {
        let easter = easter_sunday(year);
        let good_friday = easter - Days::new(2);
        let easter_monday = easter + Days::new(1);
        assert_eq!(cal.holiday_name(good_friday), Some("Good Friday"), "{year}");
        assert_eq!(
            cal.holiday_name(easter_monday),
            Some("Easter Monday"),
            "{year}"
        );
        assert!(!cal.is_working_day(good_friday) && !cal.is_working_day(easter_monday));
    }
}

/// The standard pattern for `year`, written independently of the table's generator.
fn standard_pattern(year: i32) -> BTreeSet<NaiveDate> {
    let is_weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let monday_on_or_after = |d: NaiveDate| {
        let offset = (7 - d.weekday().num_days_from_monday()) % 7;
        d + Days::new(u64::from(offset))
    };
    let last_monday_in = |m: u32| monday_on_or_after(date(year, m, 25));
    let easter = easter_sunday(year);
    let mut days = BTreeSet::from([
        easter - Days::new(2),
        easter + Days::new(1),
        monday_on_or_after(date(year, 5, 1)),
        last_monday_in(5),
        last_monday_in(8),
    ]);
    // New Year's Day, Christmas Day then Boxing Day, each moved on to the next weekday that is
    // not already a holiday.
    for (m, d) in [(1, 1), (12, 25), (12, 26)] {
        let mut day = date(year, m, d);
        while is_weekend(day) || days.contains(&day) {
            day = day + Days::new(1);
        }
        days.insert(day);
    }
    days
}

#[test]
fn table_matches_standard_pattern_apart_from_one_off_changes() {
    let cal = calendar();
    for year in 2020..=2030 {
        let mut expected = standard_pattern(year);
        match year {
            2020 => {
                assert!(expected.remove(&date(2020, 5, 4)));
                expected.insert(date(2020, 5, 8));
            }
            2022 => {
                assert!(expected.remove(&date(2022, 5, 30)));
                expected.extend([date(2022, 6, 2), date(2022, 6, 3), date(2022, 9, 19)]);
            }
            2023 => {
                expected.insert(date(2023, 5, 8));
            }
            _ => {}
        }
        let actual: BTreeSet<_> = holidays_in(&cal, year).into_iter().collect();
        assert_eq!(actual, expected, "{year}");
    }
}

#[test]
fn one_off_days() {
    let cal = calendar();
    assert!(
        cal.is_working_day(date(2020, 5, 4)),
        "2020 early May moved to VE day"
    );
    assert!(!cal.is_working_day(date(2020, 5, 8)));
    assert!(
        cal.is_working_day(date(2022, 5, 30)),
        "2022 spring moved to June"
    );
    for day in [
        date(2022, 6, 2),
        date(2022, 6, 3),
        date(2022, 9, 19),
        date(2023, 5, 8),
    ] {
        assert!(!cal.is_working_day(day), "{day}");
    }
    assert_eq!(
        cal.holiday_name(date(2022, 9, 19)),
        Some("Bank Holiday for the State Funeral of Queen Elizabeth II")
    );
}

#[test]
fn substitute_days() {
    let cal = calendar();
    for day in [
        date(2020, 12, 28), // Boxing Day on a Saturday.
        date(2021, 12, 27), // Christmas on a Saturday...
        date(2021, 12, 28), // ...and Boxing Day on a Sunday.
        date(2022, 1, 3),   // New Year's Day on a Saturday.
        date(2022, 12, 27), // Christmas on a Sunday; Boxing Day keeps Monday 26.
        date(2023, 1, 2),   // New Year's Day on a Sunday.
        date(2026, 12, 28), // Boxing Day on a Saturday.
        date(2027, 12, 27),
        date(2027, 12, 28),
        date(2028, 1, 3),
    ] {
        assert!(!cal.is_working_day(day), "{day}");
        let name = cal.holiday_name(day).unwrap();
        assert!(name.contains("(substitute day)"), "{day}: {name}");
    }
    assert_eq!(cal.holiday_name(date(2022, 12, 26)), Some("Boxing Day"));
    // The weekend days themselves are not listed: they are off anyway.
    assert_eq!(cal.holiday_name(date(2021, 12, 25)), None);
}

#[test]
fn every_listed_holiday_is_a_weekday() {
    for day in calendar().holidays.keys() {
        assert!(
            !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            "{day}"
        );
    }
}

#[test]
fn ten_working_days_across_christmas_and_new_year() {
    // From Friday 18 Dec 2026. Christmas Day is Friday 25, Boxing Day Saturday 26 so its
    // substitute is Monday 28; New Year's Day 2027 is a Friday. Counting:
    //   Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), [Fri 25 holiday, Sat 26, Sun 27,
    //   Mon 28 holiday], Tue 29 (5), Wed 30 (6), Thu 31 (7), [Fri 1 Jan holiday, Sat 2, Sun 3],
    //   Mon 4 (8), Tue 5 (9), Wed 6 (10).
    // So the answer is Wednesday 6 January 2027 (not the 7th: only three days are lost).
    let cal = calendar();
    assert_eq!(
        cal.add_working_days(date(2026, 12, 18), 10),
        date(2027, 1, 6)
    );
    assert_eq!(
        cal.working_days_between(date(2026, 12, 18), date(2027, 1, 6)),
        10
    );
}

#[test]
fn fifteen_working_days_across_easter() {
    // From Monday 23 March 2026; Good Friday is 3 April and Easter Monday 6 April. Counting:
    //   Tue 24 (1), Wed 25 (2), Thu 26 (3), Fri 27 (4), Mon 30 (5), Tue 31 (6), Wed 1 Apr (7),
    //   Thu 2 (8), [Fri 3 Good Friday, Sat 4, Sun 5, Mon 6 Easter Monday], Tue 7 (9),
    //   Wed 8 (10), Thu 9 (11), Fri 10 (12), Mon 13 (13), Tue 14 (14), Wed 15 (15).
    // So an ICPC after a strategy discussion on 23 March 2026 is due by Wednesday 15 April.
    let cal = calendar();
    assert_eq!(
        cal.add_working_days(date(2026, 3, 23), 15),
        date(2026, 4, 15)
    );
}

#[test]
fn one_working_day_across_a_saturday_christmas() {
    // Friday 24 Dec 2021: Sat 25, Sun 26, Mon 27 and Tue 28 (substitutes) are off.
    let cal = calendar();
    assert_eq!(
        cal.add_working_days(date(2021, 12, 24), 1),
        date(2021, 12, 29)
    );
}

#[test]
fn starting_on_a_weekend_or_a_holiday() {
    let cal = calendar();
    // Saturday 21 March 2026: Sunday is skipped, Monday 23 is the first working day.
    assert_eq!(
        cal.add_working_days(date(2026, 3, 21), 1),
        date(2026, 3, 23)
    );
    assert_eq!(
        cal.add_working_days(date(2026, 3, 21), 0),
        date(2026, 3, 21)
    );
    // Good Friday 2026: Saturday, Sunday and Easter Monday skipped, so Tuesday 7 April.
    assert_eq!(cal.add_working_days(date(2026, 4, 3), 1), date(2026, 4, 7));
    assert_eq!(cal.add_working_days(date(2026, 4, 4), 5), date(2026, 4, 13));
}

#[test]
fn next_working_day() {
    let cal = calendar();
    assert_eq!(cal.next_working_day(date(2026, 3, 23)), date(2026, 3, 23));
    assert_eq!(cal.next_working_day(date(2026, 3, 21)), date(2026, 3, 23));
    assert_eq!(cal.next_working_day(date(2026, 4, 3)), date(2026, 4, 7));
    assert_eq!(cal.next_working_day(date(2026, 12, 25)), date(2026, 12, 29));
}

#[test]
fn christmas_shutdown_closures_push_the_deadline() {
    let shutdown = [
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2026, 12, 30),
        date(2026, 12, 31),
    ];
    let cal = calendar().with_closures(shutdown);
    // From Friday 18 Dec 2026: Mon 21 (1), Tue 22 (2), Wed 23 (3); 24 Dec to 3 Jan all off;
    // Mon 4 (4), Tue 5 (5), Wed 6 (6), Thu 7 (7), Fri 8 (8), Mon 11 (9), Tue 12 (10).
    assert_eq!(
        cal.add_working_days(date(2026, 12, 18), 10),
        date(2027, 1, 12)
    );
    assert!(!cal.is_working_day(date(2026, 12, 24)));
    assert_eq!(cal.holiday_name(date(2026, 12, 24)), Some("Closure"));
    // A closure on a bank holiday still shows the bank holiday's name.
    let cal = cal.with_closures([date(2026, 12, 25)]);
    assert_eq!(cal.holiday_name(date(2026, 12, 25)), Some("Christmas Day"));
    assert_ne!(cal, calendar());
}

#[test]
fn working_days_between_round_trips_add_working_days() {
    let cal = calendar().with_closures([date(2024, 12, 24), date(2024, 12, 27)]);
    let mut start = date(2019, 12, 20);
    while start <= date(2031, 1, 10) {
        for n in [0, 1, 2, 5, 10, 15, 20, 45] {
            let end = cal.add_working_days(start, n);
            assert!(n == 0 || cal.is_working_day(end), "{start} + {n}");
            assert_eq!(cal.working_days_between(start, end), n, "{start} + {n}");
        }
        start = start + Days::new(3);
    }
}

#[test]
fn working_days_between_is_zero_unless_to_is_later() {
    let cal = calendar();
    let day = date(2026, 3, 23);
    assert_eq!(cal.working_days_between(day, day), 0);
    assert_eq!(cal.working_days_between(day, date(2026, 3, 1)), 0);
    // Saturday to Sunday contains no working day; Friday to Monday contains one.
    assert_eq!(
        cal.working_days_between(date(2026, 3, 21), date(2026, 3, 22)),
        0
    );
    assert_eq!(
        cal.working_days_between(date(2026, 3, 20), date(2026, 3, 23)),
        1
    );
}

#[test]
fn covers_the_table_years() {
    let cal = calendar();
    assert!(cal.covers(date(2020, 1, 1)));
    assert!(cal.covers(date(2030, 12, 31)));
    assert!(!cal.covers(date(2019, 12, 31)));
    assert!(!cal.covers(date(2031, 1, 1)));
    // Closures never widen what the bank holiday table vouches for.
    assert!(
        !cal.with_closures([date(2031, 1, 2)])
            .covers(date(2031, 1, 2))
    );
}

#[test]
fn malformed_tables_are_rejected() {
    let bad = [
        ("", "missing field"),
        ("holiday = []", "no holidays"),
        ("[[holiday]]\ndate = 2026-01-01", "missing field"),
        (
            "[[holiday]]\ndate = 2026-01-01\nname = \"A\"\nnote = 1",
            "unknown field",
        ),
        (
            "[[holiday]]\ndate = 2026-01-01T09:00:00\nname = \"A\"",
            "plain date",
        ),
        ("[[holiday]]\ndate = 2026-01-01\nname = \" \"", "no name"),
        (
            "[[holiday]]\ndate = 2026-12-26\nname = \"Boxing Day\"",
            "weekend",
        ),
        (
            "[[holiday]]\ndate = 2026-01-01\nname = \"A\"\n[[holiday]]\ndate = 2026-01-01\nname = \"B\"",
            "listed twice",
        ),
        (
            "[[holiday]]\ndate = 2026-01-01\nname = \"A\"\n[[holiday]]\ndate = 2028-01-03\nname = \"B\"",
            "no holidays listed for 2027",
        ),
    ];
    for (text, expected) in bad {
        let err = WorkingCalendar::from_toml(text).unwrap_err();
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}
