//! Writing iCalendar (RFC 5545) text: content lines with escaped text values, folded at 75
//! octets and ended with CRLF (section 3.1), and the dates and times the feed needs.
//!
//! Written here rather than through a calendar crate because the feed needs a `VTIMEZONE`
//! built from the time-zone database, which the crate we used could not express.

use chrono::{NaiveDate, NaiveDateTime};

pub mod zone;

/// The longest a content line may be, in octets, before it is folded (RFC 5545 3.1).
const FOLD_AT: usize = 75;

/// An iCalendar object being written, one content line at a time.
#[derive(Debug, Default)]
pub struct ContentLines {
    text: String,
}

impl ContentLines {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// Opens a component (`VCALENDAR`, `VEVENT`, `VALARM`...).
    pub fn begin(&mut self, component: &str) {
        self.raw("BEGIN", component);
    }

    /// Closes a component.
    pub fn end(&mut self, component: &str) {
        self.raw("END", component);
    }

    /// A property whose value is free text, escaped as TEXT (RFC 5545 3.3.11).
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    /// A property whose value is already in its iCalendar form (a date, a duration, a
    /// keyword); `name` may carry parameters (`DTSTART;VALUE=DATE`).
    pub fn raw(&mut self, name: &str, value: &str) {
        self.fold(&format!("{name}:{value}"));
    }

    /// A whole day: `NAME;VALUE=DATE:YYYYMMDD`.
    pub fn date(&mut self, name: &str, day: NaiveDate) {
        self.raw(&format!("{name};VALUE=DATE"), &basic_date(day));
    }

    /// A wall-clock time in a zone described by a `VTIMEZONE` in the same object.
    pub fn zoned(&mut self, name: &str, zone: &str, local: NaiveDateTime) {
        self.raw(&format!("{name};TZID={zone}"), &basic_local(local));
    }

    /// A UTC time: `NAME:YYYYMMDDTHHMMSSZ`.
    pub fn utc(&mut self, name: &str, at: NaiveDateTime) {
        self.raw(name, &format!("{}Z", basic_local(at)));
    }

    /// The finished text.
    pub fn finish(self) -> String {
        self.text
    }

    /// Appends one logical line, folded so no physical line exceeds 75 octets; a fold never
    /// splits a character.
    fn fold(&mut self, line: &str) {
        let mut width = 0;
        for character in line.chars() {
            let size = character.len_utf8();
            if width + size > FOLD_AT {
                self.text.push_str("\r\n ");
                // The leading space of a continuation line counts towards its length.
                width = 1;
            }
            self.text.push(character);
            width += size;
        }
        self.text.push_str("\r\n");
    }
}

/// TEXT escaping: backslash, semicolon, comma and line breaks (RFC 5545 3.3.11); other
/// control characters, which TEXT may not hold, are dropped.
pub fn escape_text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other if other.is_control() => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// `YYYYMMDD`.
pub fn basic_date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// `YYYYMMDDTHHMMSS`, with no zone marker.
pub fn basic_local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\u{7}"),
            "a\\,b\\;c\\\\d\\ne".to_string()
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut lines = ContentLines::new();
        let summary = "é".repeat(100);
        lines.text("SUMMARY", &summary);
        let text = lines.finish();
        assert!(text.ends_with("\r\n"));
        let physical: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(physical.len() > 1);
        for line in &physical {
            assert!(line.len() <= FOLD_AT, "{} octets: {line}", line.len());
        }
        for line in &physical[1..] {
            assert!(line.starts_with(' '));
        }
        let unfolded: String = physical
            .iter()
            .enumerate()
            .map(|(index, line)| if index == 0 { *line } else { &line[1..] })
            .collect();
        assert_eq!(unfolded, format!("SUMMARY:{summary}"));
    }

    #[test]
    fn dates_and_times_are_written_in_basic_format() {
        let day = NaiveDate::from_ymd_opt(2027, 2, 19).unwrap();
        let mut lines = ContentLines::new();
        lines.date("DTSTART", day);
        lines.zoned(
            "DTSTART",
            "Europe/London",
            day.and_hms_opt(10, 30, 0).unwrap(),
        );
        lines.utc("DTSTAMP", day.and_hms_opt(9, 5, 0).unwrap());
        assert_eq!(
            lines.finish(),
            "DTSTART;VALUE=DATE:20270219\r\n\
             DTSTART;TZID=Europe/London:20270219T103000\r\n\
             DTSTAMP:20270219T090500Z\r\n"
        );
    }
}
