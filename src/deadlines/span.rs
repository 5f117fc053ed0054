//! Lengths of time as statutory timescale rules state them ("15 working days", "6 weeks").
//!
//! Rules are configured as text, so a span parses from and displays as the words a worker
//! would read in Working Together, and the two round-trip.

use std::fmt;
use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::calendar::WorkingCalendar;

/// A length of time as timescale rules state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Span {
    /// Working days ("15 working days"): weekends, bank holidays and closures are skipped.
    WorkingDays(u32),
    /// Calendar days ("10 days"), weekends and holidays included.
    Days(u32),
    /// Calendar weeks of seven days ("26 weeks").
    Weeks(u32),
    /// Calendar months ("3 months"), same day of the month or the month's last day.
    Months(u32),
    /// Calendar years ("1 year"), counted as twelve months so 29 February clamps to the 28th.
    Years(u32),
}

/// Why a span could not be parsed; the message says which forms are accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SpanError(pub String);

/// The accepted forms, quoted in every parse error so a config author can fix the rule.
const ACCEPTED: &str = "expected a whole number then \"working days\", \"days\", \"weeks\", \
     \"months\" or \"years\" (singular or plural), e.g. \"15 working days\", \"1 working day\", \
     \"10 days\", \"6 weeks\", \"3 months\", \"1 year\"";

impl Span {
    /// The date this span after `start`: working days by the calendar; days/weeks by the
    /// calendar date; months and years by calendar month, clamped to the month's last day
    /// (31 Jan + 1 month = 28/29 Feb).
    ///
    /// Only working days are moved off weekends and holidays: "within 26 weeks" ends on the
    /// date 26 weeks later even if that is a Sunday, as the rules state it.
    ///
    /// # Panics
    ///
    /// Only if the result would pass chrono's last representable date (year 262143).
    pub fn after(self, start: NaiveDate, calendar: &WorkingCalendar) -> NaiveDate {
        match self {
            Span::WorkingDays(n) => calendar.add_working_days(start, n),
            Span::Days(n) => start + Days::new(u64::from(n)),
            Span::Weeks(n) => start + Days::new(u64::from(n) * 7),
            // chrono clamps to the last day of the target month, which is the rule we want.
            Span::Months(n) => start + Months::new(n),
            // Saturating is safe: any year count that large overflows chrono's range anyway.
            Span::Years(n) => start + Months::new(n.saturating_mul(12)),
        }
    }

    /// The count and the unit's singular and plural words, shared by display and parsing.
    fn parts(self) -> (u32, &'static str, &'static str) {
        match self {
            Span::WorkingDays(n) => (n, "working day", "working days"),
            Span::Days(n) => (n, "day", "days"),
            Span::Weeks(n) => (n, "week", "weeks"),
            Span::Months(n) => (n, "month", "months"),
            Span::Years(n) => (n, "year", "years"),
        }
    }
}

impl FromStr for Span {
    type Err = SpanError;

    /// Parses "15 working days", "1 week", "3 months" and so on, ignoring case and spacing.
    fn from_str(text: &str) -> Result<Self, SpanError> {
        let reject = |why: &str| SpanError(format!("invalid length of time {text:?}: {why}"));
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let Some((count, unit)) = words.split_first() else {
            return Err(reject(ACCEPTED));
        };
        // u32's own parser also takes "+5"; rules should be plain digits.
        if !count.bytes().all(|b| b.is_ascii_digit()) {
            return Err(reject(ACCEPTED));
        }
        let n: u32 = count
            .parse()
            .map_err(|_| reject(&format!("{count} is too large")))?;
        // Singular and plural are both accepted whatever the number: "2 week" is no ambiguity.
        let span = match unit {
            ["working", "day" | "days"] => Span::WorkingDays(n),
            ["day" | "days"] => Span::Days(n),
            ["week" | "weeks"] => Span::Weeks(n),
            ["month" | "months"] => Span::Months(n),
            ["year" | "years"] => Span::Years(n),
            _ => return Err(reject(ACCEPTED)),
        };
        Ok(span)
    }
}

impl fmt::Display for Span {
    /// Writes "15 working days", "1 week": the unit agrees with the number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, singular, plural) = self.parts();
        let unit = if n == 1 { singular } else { plural };
        write!(f, "{n} {unit}")
    }
}

impl Serialize for Span {
    /// Serialises as the display string, e.g. "15 working days".
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    /// Deserialises from a string such as "15 working days", with the parse error's message.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn parses_accepted_forms() {
        let good = [
            ("15 working days", Span::WorkingDays(15)),
            ("1 working day", Span::WorkingDays(1)),
            ("10 days", Span::Days(10)),
            ("1 day", Span::Days(1)),
            ("1 week", Span::Weeks(1)),
            ("6 weeks", Span::Weeks(6)),
            ("26 weeks", Span::Weeks(26)),
            ("3 months", Span::Months(3)),
            ("1 month", Span::Months(1)),
            ("1 year", Span::Years(1)),
            ("2 years", Span::Years(2)),
            ("0 working days", Span::WorkingDays(0)),
            ("  15\tWorking \n DAYS  ", Span::WorkingDays(15)),
            ("6 WEEKS", Span::Weeks(6)),
            ("2 week", Span::Weeks(2)),
            ("007 days", Span::Days(7)),
        ];
        for (text, expected) in good {
            assert_eq!(text.parse::<Span>(), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn rejects_other_forms_saying_what_is_accepted() {
        let bad = [
            "",
            "   ",
            "15",
            "days",
            "working days",
            "15 working",
            "15 workingdays",
            "15 working-days",
            "15 business days",
            "fifteen days",
            "-1 days",
            "+5 days",
            "1.5 weeks",
            "15days",
            "3 fortnights",
            "15 working days later",
            "within 15 working days",
        ];
        for text in bad {
            let SpanError(message) = text.parse::<Span>().unwrap_err();
            assert!(message.contains(&format!("{text:?}")), "{message}");
            assert!(message.contains("\"15 working days\""), "{message}");
        }
        let SpanError(message) = "99999999999 days".parse::<Span>().unwrap_err();
        assert!(message.contains("too large"), "{message}");
    }

    #[test]
    fn displays_with_singular_and_plural_and_round_trips() {
        let cases = [
            (Span::WorkingDays(15), "15 working days"),
            (Span::WorkingDays(1), "1 working day"),
            (Span::WorkingDays(0), "0 working days"),
            (Span::Days(1), "1 day"),
            (Span::Days(10), "10 days"),
            (Span::Weeks(1), "1 week"),
            (Span::Weeks(6), "6 weeks"),
            (Span::Months(1), "1 month"),
            (Span::Months(3), "3 months"),
            (Span::Years(1), "1 year"),
            (Span::Years(2), "2 years"),
        ];
        for (span, text) in cases {
            assert_eq!(span.to_string(), text);
            assert_eq!(text.parse::<Span>(), Ok(span));
        }
    }

    #[test]
    fn serde_uses_the_display_string() {
        #[derive(Debug, PartialEq, Deserialize)]
        struct Rule {
            within: Span,
        }
        let rule: Rule = toml::from_str("within = \"15 Working Days\"").unwrap();
        assert_eq!(rule.within, Span::WorkingDays(15));
        let err = toml::from_str::<Rule>("within = \"15 fortnights\"").unwrap_err();
        assert!(err.to_string().contains("\"6 weeks\""), "{err}");
        assert!(toml::from_str::<Rule>("within = 15").is_err());

        let json = serde_json::to_string(&Span::Weeks(1)).unwrap();
        assert_eq!(json, "\"1 week\"");
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), Span::Weeks(1));
    }

    #[test]
    fn months_and_years_clamp_to_the_end_of_the_month() {
        let cal = WorkingCalendar::england_and_wales();
        let cases = [
            (date(2026, 1, 31), Span::Months(1), date(2026, 2, 28)),
            (date(2028, 1, 31), Span::Months(1), date(2028, 2, 29)), // leap year
            (date(2026, 8, 31), Span::Months(6), date(2027, 2, 28)),
            (date(2026, 3, 31), Span::Months(3), date(2026, 6, 30)),
            (date(2026, 3, 23), Span::Months(3), date(2026, 6, 23)),
            (date(2026, 11, 15), Span::Months(3), date(2027, 2, 15)),
            (date(2028, 2, 29), Span::Years(1), date(2029, 2, 28)),
            (date(2026, 3, 23), Span::Years(2), date(2028, 3, 23)),
            (date(2026, 3, 23), Span::Months(0), date(2026, 3, 23)),
        ];
        for (start, span, expected) in cases {
            assert_eq!(span.after(start, &cal), expected, "{start} + {span}");
        }
    }

    #[test]
    fn days_and_weeks_count_calendar_days() {
        let cal = WorkingCalendar::england_and_wales();
        let start = date(2026, 3, 23); // a Monday
        assert_eq!(Span::Weeks(1).after(start, &cal), date(2026, 3, 30));
        // 26 weeks = 182 days: 8 left in March, then 30 + 31 + 30 + 31 + 31 = 153, so 21 Sept.
        assert_eq!(Span::Weeks(26).after(start, &cal), date(2026, 9, 21));
        assert_eq!(Span::Days(10).after(start, &cal), date(2026, 4, 2));
        // Calendar days do not skip holidays: 10 days after 18 Dec 2026 is the substitute
        // Boxing Day, Monday 28 December.
        assert_eq!(
            Span::Days(10).after(date(2026, 12, 18), &cal),
            date(2026, 12, 28)
        );
    }

    #[test]
    fn working_days_use_the_calendar() {
        let cal = WorkingCalendar::england_and_wales();
        // Across Easter 2026 (see the calendar tests for the day-by-day count).
        assert_eq!(
            Span::WorkingDays(15).after(date(2026, 3, 23), &cal),
            date(2026, 4, 15)
        );
        let shutdown = cal.clone().with_closures([date(2026, 3, 24)]);
        assert_eq!(
            Span::WorkingDays(15).after(date(2026, 3, 23), &shutdown),
            date(2026, 4, 16)
        );
    }
}
