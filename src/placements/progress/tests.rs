use chrono::NaiveDateTime;

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn placement(required: f64, starts_on: NaiveDate) -> Placement {
    Placement {
        id: 1,
        student_id: 1,
        educator_id: 2,
        onsite_supervisor_id: None,
        setting: "Children's services".into(),
        team: "Assessment".into(),
        level: "first".into(),
        required_days: required,
        starts_on,
        expected_end_on: starts_on,
        created_at: NaiveDateTime::default(),
        updated_at: NaiveDateTime::default(),
    }
}

fn logged(on: NaiveDate, portion: &str) -> DayRow {
    DayRow {
        id: 0,
        placement_id: 1,
        day: on,
        portion: portion.into(),
        hours: 7.0,
        activities: String::new(),
        absence_reason: None,
        created_at: NaiveDateTime::default(),
    }
}

#[test]
fn half_days_count_half_and_absences_nothing() {
    let start = day(2026, 3, 2);
    let days = [
        logged(day(2026, 3, 2), "full"),
        logged(day(2026, 3, 3), "half"),
        logged(day(2026, 3, 4), "absent"),
    ];
    let count = count_days(
        &placement(70.0, start),
        &days,
        &WorkingCalendar::england_and_wales(),
        day(2026, 3, 4),
    );
    assert_eq!(count.done, 1.5);
    assert_eq!(count.absences, 1);
    assert_eq!(count.remaining, 68.5);
    assert_eq!(count.percent, 2);
}

#[test]
fn the_projection_skips_weekends_and_bank_holidays() {
    // Monday 23 March 2026 to Thursday 2 April: 9 working days, every one logged in full.
    let start = day(2026, 3, 23);
    let mut days = Vec::new();
    let calendar = WorkingCalendar::england_and_wales();
    let mut on = start;
    while on <= day(2026, 4, 2) {
        if calendar.is_working_day(on) {
            days.push(logged(on, "full"));
        }
        on = on.succ_opt().unwrap();
    }
    let count = count_days(&placement(14.0, start), &days, &calendar, day(2026, 4, 2));
    assert_eq!(count.done, 9.0);
    assert_eq!(count.pace, Some(1.0));
    // Five more days at one a day: Good Friday (3 April) and Easter Monday (6 April) are not
    // working days, so 7, 8, 9, 10 and 13 April.
    assert_eq!(count.projected_end, Some(day(2026, 4, 13)));
}

#[test]
fn a_slower_pace_projects_later() {
    let start = day(2026, 1, 5);
    // Ten working days (5 to 16 January), five of them logged: half pace.
    let days: Vec<DayRow> = [5, 7, 9, 13, 16]
        .iter()
        .map(|d| logged(day(2026, 1, *d), "full"))
        .collect();
    let calendar = WorkingCalendar::england_and_wales();
    let count = count_days(&placement(10.0, start), &days, &calendar, day(2026, 1, 16));
    assert_eq!(count.pace, Some(0.5));
    // Five days left at half a day per working day: ten working days after 16 January.
    assert_eq!(count.projected_end, Some(day(2026, 1, 30)));
}

#[test]
fn nothing_logged_gives_no_projection_and_done_gives_the_last_day() {
    let start = day(2026, 1, 5);
    let calendar = WorkingCalendar::england_and_wales();
    assert_eq!(
        count_days(&placement(70.0, start), &[], &calendar, day(2026, 1, 9)).projected_end,
        None
    );
    let days = [
        logged(day(2026, 1, 5), "full"),
        logged(day(2026, 1, 6), "full"),
    ];
    assert_eq!(
        count_days(&placement(2.0, start), &days, &calendar, day(2026, 2, 1)).projected_end,
        Some(day(2026, 1, 6))
    );
}

#[test]
fn coverage_counts_and_finds_the_latest() {
    let domains: Vec<(String, String)> = (1..=3)
        .map(|n| (format!("PCF-{n}"), format!("Domain {n}")))
        .collect();
    let pieces = vec![
        (
            "PCF-1".to_string(),
            day(2026, 1, 5),
            "Home visit".to_string(),
            Some(4),
        ),
        (
            "PCF-1".to_string(),
            day(2026, 2, 1),
            "Core group".to_string(),
            Some(9),
        ),
        (
            "PCF-3".to_string(),
            day(2026, 1, 20),
            "Observation".to_string(),
            None,
        ),
    ];
    let matrix = coverage(&domains, &pieces);
    assert_eq!(matrix[0].count, 2);
    assert_eq!(
        matrix[0].latest,
        Some((day(2026, 2, 1), "Core group".to_string(), Some(9)))
    );
    assert_eq!(matrix[1].count, 0);
    assert_eq!(matrix[1].latest, None);
    assert_eq!(matrix[2].count, 1);
}
