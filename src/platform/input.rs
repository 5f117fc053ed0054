//! Small helpers for checking what people type: trimming, lengths, dates, times.

use chrono::{Months, NaiveDate, NaiveTime};

use crate::error::FieldErrors;
use crate::platform::clock;

/// The text with surrounding white space removed, or `None` when nothing is left.
pub fn trimmed(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_string)
}

/// Which line ends a kind of input may carry besides newline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnds {
    /// Newline only (JSON bodies).
    Newline,
    /// Newline and carriage return: browsers send a text area's line ends as CR LF.
    WithCarriageReturn,
}

/// The first control character in `text` that nobody has reason to send: anything but tab
/// and newline (and carriage return in form posts). NUL and terminal escapes would otherwise
/// be stored and shown, exported or printed as they came.
pub fn forbidden_control(text: &str, line_ends: LineEnds) -> Option<char> {
    text.chars().find(|&c| {
        c.is_control()
            && c != '\t'
            && c != '\n'
            && !(c == '\r' && line_ends == LineEnds::WithCarriageReturn)
    })
}

/// Records an error against `field` when its text holds a forbidden control character.
pub fn check_controls(field: &str, text: &str, line_ends: LineEnds, errors: &mut FieldErrors) {
    if let Some(found) = forbidden_control(text, line_ends) {
        errors.add(
            field,
            format!(
                "This contains an invisible control character (U+{:04X}); remove it and \
                 send again. Only tabs and line breaks are allowed.",
                u32::from(found)
            ),
        );
    }
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

/// Earliest date accepted anywhere: nothing Praxis records happened before it, so an
/// earlier date is a typing slip.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(date) => date,
    None => panic!("1990-01-01 is a date"),
};

/// How far ahead of today a date may lie (a deadline, a planned session or placement).
pub const YEARS_AHEAD: u32 = 10;

/// The latest date accepted when it is `today`.
pub fn latest_date(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(12 * YEARS_AHEAD))
        .unwrap_or(NaiveDate::MAX)
}

/// Parses a `YYYY-MM-DD` date between [`EARLIEST_DATE`] and [`YEARS_AHEAD`] years from today,
/// recording an error that names the field when it is not one.
pub fn parse_date(field: &str, text: &str, errors: &mut FieldErrors) -> Option<NaiveDate> {
    parse_date_on(field, text, clock::today(), errors)
}

/// [`parse_date`] on a given day.
pub fn parse_date_on(
    field: &str,
    text: &str,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Option<NaiveDate> {
    let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") else {
        errors.add(
            field,
            format!(
                "{:?} is not a date; use the form YYYY-MM-DD, e.g. 2026-03-14.",
                text.trim()
            ),
        );
        return None;
    };
    let latest = latest_date(today);
    if date < EARLIEST_DATE || date > latest {
        errors.add(
            field,
            format!(
                "{date} is outside the dates Praxis accepts: use a date from {} to {}.",
                EARLIEST_DATE.format("%-d %B %Y"),
                latest.format("%-d %B %Y")
            ),
        );
        return None;
    }
    Some(date)
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
        let today = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
        let on = |text: &str, errors: &mut FieldErrors| parse_date_on("w", text, today, errors);
        assert!(on("1990-01-01", &mut errors).is_some());
        assert!(on("2036-12-15", &mut errors).is_some());
        let mut outside = FieldErrors::new();
        assert!(on("1989-12-31", &mut outside).is_none());
        assert!(on("2036-12-16", &mut outside).is_none());
        assert!(on("9999-12-31", &mut outside).is_none());
        assert_eq!(outside.iter().count(), 3);
        assert!(
            outside
                .get("w")
                .is_some_and(|message| message.contains("15 December 2036"))
        );
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
        assert_eq!(forbidden_control("a\tb\nc", LineEnds::Newline), None);
        assert_eq!(forbidden_control("a\r\nb", LineEnds::Newline), Some('\r'));
        assert_eq!(
            forbidden_control("a\r\nb", LineEnds::WithCarriageReturn),
            None
        );
        for control in ['\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}'] {
            let text = format!("before{control}after");
            assert_eq!(
                forbidden_control(&text, LineEnds::WithCarriageReturn),
                Some(control)
            );
        }
    }
}
