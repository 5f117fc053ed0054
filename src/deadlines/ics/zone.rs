//! A `VTIMEZONE` (RFC 5545 3.6.5) for the service's zone, built from the time-zone database
//! rather than written by hand, so it is right for whichever zone is configured and for the
//! years the feed's events fall in.
//!
//! Each change of offset becomes its own `STANDARD` or `DAYLIGHT` observance with the local
//! time it happens at; a first observance gives the offset in force at the start of the
//! first year, so every time in the range resolves.

use chrono::{Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{ContentLines, basic_local};

/// One offset in force from a moment on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    /// The wall-clock time, on the old offset, at which it starts.
    starts_local: NaiveDateTime,
    /// Seconds east of UTC before it.
    from: i32,
    /// Seconds east of UTC from it on.
    to: i32,
    /// Summer time (`DAYLIGHT`) rather than standard time.
    daylight: bool,
    /// The zone's abbreviation (GMT, BST), when the database has one.
    name: Option<String>,
}

/// Writes the `VTIMEZONE` of `zone` covering the years `first..=last`.
pub fn write_vtimezone(lines: &mut ContentLines, zone: Tz, first: i32, last: i32) {
    lines.begin("VTIMEZONE");
    lines.raw("TZID", zone.name());
    for observance in observances(zone, first, last) {
        let kind = if observance.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.begin(kind);
        lines.raw("DTSTART", &basic_local(observance.starts_local));
        lines.raw("TZOFFSETFROM", &utc_offset(observance.from));
        lines.raw("TZOFFSETTO", &utc_offset(observance.to));
        if let Some(name) = &observance.name {
            lines.text("TZNAME", name);
        }
        lines.end(kind);
    }
    lines.end("VTIMEZONE");
}

/// The offset in force at the start of `first` and every change up to the end of `last`.
fn observances(zone: Tz, first: i32, last: i32) -> Vec<Observance> {
    let start = year_start(first);
    let end = year_start(last.saturating_add(1)).max(start);
    let opening = offset_at(zone, start);
    let mut found = vec![observance(zone, start, opening, opening)];
    // Offsets change at most a few times a year and never twice in a day, so a daily walk
    // finds every change and a search inside the day finds its second.
    let mut day = start;
    while day < end {
        let next = day + Duration::days(1);
        let before = offset_at(zone, day);
        if offset_at(zone, next) != before {
            let changed = first_instant_after_change(zone, day, next, before);
            found.push(observance(zone, changed, before, offset_at(zone, changed)));
        }
        day = next;
    }
    found
}

/// The observance beginning at the UTC instant `at`.
fn observance(zone: Tz, at: NaiveDateTime, from: i32, to: i32) -> Observance {
    let offset = zone.offset_from_utc_datetime(&at);
    Observance {
        starts_local: at + Duration::seconds(i64::from(from)),
        from,
        to,
        daylight: !offset.dst_offset().is_zero(),
        name: offset.abbreviation().map(str::to_string),
    }
}

/// The first second in `(low, high]` whose offset differs from `before`.
fn first_instant_after_change(
    zone: Tz,
    mut low: NaiveDateTime,
    mut high: NaiveDateTime,
    before: i32,
) -> NaiveDateTime {
    while high - low > Duration::seconds(1) {
        let middle = low + Duration::seconds((high - low).num_seconds() / 2);
        if offset_at(zone, middle) == before {
            low = middle;
        } else {
            high = middle;
        }
    }
    high
}

/// Seconds east of UTC in `zone` at a UTC instant.
fn offset_at(zone: Tz, at_utc: NaiveDateTime) -> i32 {
    zone.offset_from_utc_datetime(&at_utc)
        .fix()
        .local_minus_utc()
}

/// Midnight UTC on 1 January of `year`, kept inside chrono's range.
fn year_start(year: i32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .and_time(chrono::NaiveTime::MIN)
}

/// `+HHMM` or `-HHMM` (RFC 5545 3.3.14), with seconds when the offset has them.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let magnitude = seconds.unsigned_abs();
    let (hours, minutes, rest) = (magnitude / 3600, magnitude / 60 % 60, magnitude % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: i32, month: u32, day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(year, month, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn london_changes_on_the_last_sundays_of_march_and_october() {
        let found = observances(chrono_tz::Europe::London, 2027, 2027);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(found[0].starts_local, at(2027, 1, 1, 0));
        assert_eq!((found[0].from, found[0].to), (0, 0));
        assert_eq!(found[0].name.as_deref(), Some("GMT"));
        // 01:00 GMT on 28 March 2027 the clocks go forward to 02:00 BST.
        assert_eq!(found[1].starts_local, at(2027, 3, 28, 1));
        assert_eq!((found[1].from, found[1].to), (0, 3600));
        assert!(found[1].daylight);
        assert_eq!(found[1].name.as_deref(), Some("BST"));
        // 02:00 BST on 31 October 2027 they go back to 01:00 GMT.
        assert_eq!(found[2].starts_local, at(2027, 10, 31, 2));
        assert_eq!((found[2].from, found[2].to), (3600, 0));
        assert!(!found[2].daylight);
    }

    #[test]
    fn a_zone_without_summer_time_has_one_observance() {
        let found = observances(chrono_tz::Asia::Kolkata, 2026, 2028);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].from, found[0].to), (19800, 19800));
        assert_eq!(utc_offset(found[0].to), "+0530");
        assert_eq!(utc_offset(-12600), "-0330");
        assert_eq!(utc_offset(-75), "-000115");
    }

    #[test]
    fn the_block_names_the_zone_and_each_observance() {
        let mut lines = ContentLines::new();
        write_vtimezone(&mut lines, chrono_tz::Europe::London, 2026, 2027);
        let text = lines.finish();
        assert!(text.starts_with("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 2);
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 3);
        assert!(text.contains("DTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100"));
        assert!(text.ends_with("END:VTIMEZONE\r\n"));
    }
}
