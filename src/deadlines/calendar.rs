//! Working days for statutory timescales in England and Wales.
//!
//! Timescales such as "ICPC within 15 working days of the strategy discussion" skip weekends
//! and bank holidays, so the bank holiday table ships inside the binary: a deployment cannot
//! compute a deadline without it, and a missing file must never silently mean "no holidays".

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

/// The shipped England and Wales bank holiday table (source and rules are in its header).
const BANK_HOLIDAYS_TOML: &str = include_str!("bank_holidays.toml");

/// Parsed once per process: every deadline computation starts from this calendar.
static ENGLAND_AND_WALES: LazyLock<WorkingCalendar> = LazyLock::new(|| {
    WorkingCalendar::from_toml(BANK_HOLIDAYS_TOML).unwrap_or_else(|err| {
        panic!("the shipped src/deadlines/bank_holidays.toml is malformed: {err}")
    })
});

/// What [`WorkingCalendar::holiday_name`] reports for a deployment's extra closure day.
const CLOSURE_NAME: &str = "Closure";

/// Working days for England and Wales: weekends and bank holidays are not working days; a
/// deployment may add extra closures (e.g. a Christmas shutdown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    /// Bank holidays with the names users see; never weekends (substitute days replace those).
    holidays: BTreeMap<NaiveDate, String>,
    /// Extra local non-working days, kept apart so they are reported as closures, not holidays.
    closures: BTreeSet<NaiveDate>,
    /// First day the holiday table is complete for (1 January of its first year).
    first_covered: NaiveDate,
    /// Last day the holiday table is complete for (31 December of its last year).
    last_covered: NaiveDate,
}

/// The shape of `bank_holidays.toml`; unknown keys are refused so a typo cannot drop a holiday.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayFile {
    holiday: Vec<HolidayEntry>,
}

/// One `[[holiday]]` entry.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    date: toml::value::Datetime,
    name: String,
}

impl WorkingCalendar {
    /// The England and Wales calendar from the shipped bank holiday table, with no closures.
    ///
    /// # Panics
    ///
    /// Only if the shipped `bank_holidays.toml` is malformed, which the tests rule out.
    pub fn england_and_wales() -> Self {
        ENGLAND_AND_WALES.clone()
    }

    /// This calendar with extra non-working days (e.g. a Christmas shutdown) added.
    pub fn with_closures(mut self, closures: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.closures.extend(closures);
        self
    }

    /// Whether `day` is a working day: a weekday that is neither a bank holiday nor a closure.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            && !self.holidays.contains_key(&day)
            && !self.closures.contains(&day)
    }

    /// The bank holiday's name on `day`, or "Closure" for an extra closure; `None` otherwise
    /// (including ordinary weekends).
    pub fn holiday_name(&self, day: NaiveDate) -> Option<&str> {
        // A closure declared on a bank holiday is still shown as the bank holiday.
        self.holidays
            .get(&day)
            .map(String::as_str)
            .or_else(|| self.closures.contains(&day).then_some(CLOSURE_NAME))
    }

    /// The day `n` working days after `start` (start itself never counts; n = 0 gives start).
    ///
    /// # Panics
    ///
    /// Only if the result would pass chrono's last representable date (year 262143).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut remaining = n;
        while remaining > 0 {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                remaining -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 if to <= from).
    ///
    /// The inverse of [`Self::add_working_days`]: counting from the same start it gives back `n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }

    /// First working day on or after `day`.
    ///
    /// # Panics
    ///
    /// Only if no working day exists before chrono's last representable date (year 262143).
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day;
        while !self.is_working_day(day) {
            day = day + Days::new(1);
        }
        day
    }

    /// Years covered by the table, for warnings when a date falls outside it.
    ///
    /// Outside these years only weekends (and closures) are skipped, so a deadline there may
    /// land on a bank holiday the table does not know about.
    pub fn covers(&self, day: NaiveDate) -> bool {
        (self.first_covered..=self.last_covered).contains(&day)
    }

    /// Parses and checks a bank holiday table; the error says which entry is wrong.
    fn from_toml(text: &str) -> Result<Self, String> {
        let file: HolidayFile = toml::from_str(text).map_err(|err| err.to_string())?;
        let mut holidays = BTreeMap::new();
        for HolidayEntry { date, name } in file.holiday {
            let day = match (date.date, date.time, date.offset) {
                (Some(d), None, None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .ok_or_else(|| format!("{date} is not a valid date"))?
                }
                _ => return Err(format!("{date} must be a plain date such as 2020-01-01")),
            };
            if name.trim().is_empty() {
                return Err(format!("{day} has no name"));
            }
            // A weekend entry means a substitute day was forgotten: the weekend is off anyway.
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                return Err(format!(
                    "{day} ({name}) is a weekend; list its substitute day"
                ));
            }
            if let Some(earlier) = holidays.insert(day, name) {
                return Err(format!("{day} is listed twice (also as {earlier})"));
            }
        }
        let (Some(first), Some(last)) = (holidays.keys().next(), holidays.keys().next_back())
        else {
            return Err("the table lists no holidays".to_owned());
        };
        let (first_year, last_year) = (first.year(), last.year());
        // A missing year in the middle would make `covers` claim dates the table lacks.
        if let Some(gap) =
            (first_year..=last_year).find(|&y| !holidays.keys().any(|d| d.year() == y))
        {
            return Err(format!("no holidays listed for {gap}"));
        }
        let bounds = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .zip(NaiveDate::from_ymd_opt(last_year, 12, 31));
        let Some((first_covered, last_covered)) = bounds else {
            return Err(format!("years {first_year}-{last_year} are out of range"));
        };
        Ok(Self {
            holidays,
            closures: BTreeSet::new(),
            first_covered,
            last_covered,
        })
    }
}

#[cfg(test)]
#[path = "calendar/tests.rs"]
mod tests;
