use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const LONDON: Tz = chrono_tz::Europe::London;

#[test]
fn late_evening_utc_in_summer_is_already_tomorrow_in_london() {
    assert_eq!(today_in(LONDON, at("2026-07-14 23:30")), day("2026-07-15"));
    assert_eq!(today_in(LONDON, at("2026-07-14 22:59")), day("2026-07-14"));
    assert_eq!(
        today_in(chrono_tz::UTC, at("2026-07-14 23:30")),
        day("2026-07-14")
    );
}

#[test]
fn in_winter_london_and_utc_agree_on_the_day() {
    assert_eq!(today_in(LONDON, at("2026-01-14 23:30")), day("2026-01-14"));
    assert_eq!(today_in(LONDON, at("2026-01-15 00:00")), day("2026-01-15"));
}

#[test]
fn the_clock_and_the_day_follow_both_changes() {
    // British Summer Time runs from 01:00 UTC on the last Sunday of March (29 March 2026) to
    // 01:00 UTC on the last Sunday of October (25 October 2026).
    for (moment, shown) in [
        ("2026-03-29 00:59", "00:59 GMT"),
        ("2026-03-29 01:00", "02:00 BST"),
        ("2026-10-25 00:59", "01:59 BST"),
        ("2026-10-25 01:00", "01:00 GMT"),
    ] {
        let local = local_in(LONDON, at(moment)).format("%H:%M %Z").to_string();
        assert_eq!(local, shown, "{moment} UTC");
    }
    // So 23:30 UTC is the next day in London only while summer time is on.
    for (moment, date) in [
        ("2026-03-28 23:30", "2026-03-28"),
        ("2026-03-29 23:30", "2026-03-30"),
        ("2026-10-24 23:30", "2026-10-25"),
        ("2026-10-25 23:30", "2026-10-25"),
    ] {
        assert_eq!(today_in(LONDON, at(moment)), day(date), "{moment} UTC");
    }
}

#[test]
fn wall_clock_times_become_utc_even_when_the_clocks_change() {
    assert_eq!(
        utc_from_local_in(LONDON, at("2026-07-14 10:00")),
        at("2026-07-14 09:00")
    );
    assert_eq!(
        utc_from_local_in(LONDON, at("2026-01-14 10:00")),
        at("2026-01-14 10:00")
    );
    // 01:30 never happens on 29 March 2026: the wall clock reads 02:30 BST then.
    assert_eq!(
        utc_from_local_in(LONDON, at("2026-03-29 01:30")),
        at("2026-03-29 01:30")
    );
    // 01:30 happens twice on 25 October 2026: the first (BST) is meant.
    assert_eq!(
        utc_from_local_in(LONDON, at("2026-10-25 01:30")),
        at("2026-10-25 00:30")
    );
}

#[test]
fn zone_names_come_from_the_iana_database() {
    assert_eq!(parse_zone("Europe/London"), Ok(LONDON));
    assert_eq!(parse_zone(" UTC "), Ok(chrono_tz::UTC));
    let refused = parse_zone("Europe/Londinium").unwrap_err();
    assert!(refused.contains("\"Europe/Londinium\""), "{refused}");
    assert!(parse_zone("").is_err());
}

#[test]
fn the_zone_is_london_unless_start_up_names_another() {
    // Tests never fix another zone, so the process-wide one stays the default.
    assert_eq!(use_zone(DEFAULT_ZONE), Ok(()));
    assert_eq!(zone(), LONDON);
    assert!(use_zone(chrono_tz::Asia::Tokyo).is_err());
    assert_eq!(zone(), LONDON);
}

#[test]
fn json_times_say_they_are_utc() {
    let json = serde_json::to_string(&Stamp {
        at: at("2026-07-14 23:30"),
        maybe: None,
    })
    .unwrap();
    assert_eq!(json, r#"{"at":"2026-07-14T23:30:00Z","maybe":null}"#);
}

#[derive(serde::Serialize)]
struct Stamp {
    #[serde(serialize_with = "utc_json::serialize")]
    at: NaiveDateTime,
    #[serde(serialize_with = "utc_json::optional")]
    maybe: Option<NaiveDateTime>,
}
