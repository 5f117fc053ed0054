//! Small helpers for checking what people type: trimming, lengths, dates, times.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::error::FieldErrors;

/// The text with surrounding white space removed, or `None` when nothing is left.
pub fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

/// Records an error when `text` is longer than `max` characters.
pub fn check_length(field: &str, text: &str, max: usize, errors: &mut FieldErrors) {
    let length = text.chars().count();
    if length > max {
        errors.add(
            field,
            format!("This is {length} characters long; the most allowed is {max}."),
        );
    }
}

/// Earliest year a date in the journal may have; anything earlier is a typing slip.
pub const EARLIEST_YEAR: i32 = 1900;

/// Parses a `YYYY-MM-DD` date, recording an error that names the field when it is not one.
pub fn parse_date(field: &str, text: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(date) if date.year() < EARLIEST_YEAR => {
            errors.add(field, format!("Use a date from {EARLIEST_YEAR} onwards."));
            None
        }
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(
                field,
                format!(
                    "{:?} is not a date; use the form YYYY-MM-DD, e.g. 2026-03-14.",
                    text.trim()
                ),
            );
            None
        }
    }
}

/// Parses an optional `HH:MM` time.
pub fn parse_time(field: &str, text: &str, errors: &mut FieldErrors) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .map_err(|_| {
            errors.add(
                field,
                format!("{text:?} is not a time; use the 24-hour form HH:MM, e.g. 14:30."),
            )
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_lengths() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_date("d", "2026-03-14", &mut errors),
            NaiveDate::from_ymd_opt(2026, 3, 14)
        );
        assert_eq!(parse_date("bad", "2026-02-30", &mut errors), None);
        assert_eq!(parse_date("ancient", "0000-01-01", &mut errors), None);
        assert!(errors.get("ancient").is_some());
        assert_eq!(
            parse_time("t", "14:30", &mut errors),
            NaiveTime::from_hms_opt(14, 30, 0)
        );
        assert_eq!(parse_time("late", "25:00", &mut errors), None);
        check_length("long", "abcdef", 5, &mut errors);
        assert!(errors.get("bad").is_some());
        assert!(errors.get("late").is_some());
        assert!(errors.get("long").is_some());
        assert!(errors.get("d").is_none());
        assert_eq!(trimmed(Some("  x ")), Some("x".to_string()));
        assert_eq!(trimmed(Some("   ")), None);
    }
}
