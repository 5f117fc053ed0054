use chrono::NaiveDateTime;

use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn autumn() -> Placement {
    Placement {
        id: 1,
        student_id: 1,
        educator_id: 2,
        onsite_supervisor_id: None,
        setting: "Adult social care".into(),
        team: "Hospital discharge".into(),
        level: "first".into(),
        required_days: 70.0,
        starts_on: date("2026-09-07"),
        expected_end_on: date("2026-12-18"),
        created_at: NaiveDateTime::default(),
        updated_at: NaiveDateTime::default(),
    }
}

fn some(text: &str) -> Option<String> {
    Some(text.into())
}

#[test]
fn a_level_sets_the_days_and_custom_needs_half_days() {
    let mut draft = PlacementDraft {
        educator: some("pe"),
        setting: some("Adult social care"),
        team: some("Hospital discharge"),
        level: some("final"),
        required_days: Some(3.0),
        starts_on: some("2026-09-07"),
        expected_end_on: some("2027-02-26"),
        ..PlacementDraft::default()
    };
    assert_eq!(placement(&draft).unwrap().required_days, 100.0);
    draft.level = some("custom");
    draft.required_days = Some(30.25);
    assert!(
        placement(&draft)
            .unwrap_err()
            .get("required_days")
            .is_some()
    );
    draft.required_days = Some(30.5);
    assert_eq!(placement(&draft).unwrap().required_days, 30.5);
    draft.expected_end_on = some("2026-09-01");
    assert!(
        placement(&draft)
            .unwrap_err()
            .get("expected_end_on")
            .is_some()
    );
}

#[test]
fn a_day_must_fall_in_the_placement_and_have_happened() {
    let today = date("2026-10-01");
    let draft = |day: &str, portion: &str| DayDraft {
        day: some(day),
        portion: some(portion),
        hours: Some(7.5),
        activities: some("Duty calls and a joint visit"),
        ..DayDraft::default()
    };
    assert!(day(&draft("2026-09-08", "full"), &autumn(), today).is_ok());
    assert!(
        day(&draft("2026-09-01", "full"), &autumn(), today)
            .unwrap_err()
            .get("day")
            .is_some()
    );
    assert!(
        day(&draft("2026-10-02", "full"), &autumn(), today)
            .unwrap_err()
            .get("day")
            .is_some()
    );
    let absent = day(&draft("2026-09-09", "absent"), &autumn(), today).unwrap_err();
    assert!(absent.get("absence_reason").is_some());
    let mut zero = draft("2026-09-10", "half");
    zero.hours = Some(0.0);
    assert!(
        day(&zero, &autumn(), today)
            .unwrap_err()
            .get("hours")
            .is_some()
    );
}

#[test]
fn domains_must_be_the_nine() {
    let mut errors = FieldErrors::new();
    let chosen = domains(
        "domains",
        &["pcf-3".into(), "PCF-1".into(), "PCF-3".into()],
        &mut errors,
    );
    assert_eq!(chosen, vec!["PCF-1".to_string(), "PCF-3".to_string()]);
    assert!(errors.is_empty());
    domains("domains", &["PCF-10".into()], &mut errors);
    assert!(errors.get("domains").unwrap().contains("PCF-10"));
}

#[test]
fn only_a_final_report_recommends_and_signing_needs_every_part() {
    let draft = ReviewDraft {
        progress: some("Good progress in domains 1 to 5."),
        recommendation: some("pass"),
        ..ReviewDraft::default()
    };
    assert!(
        review(&draft, Stage::Midpoint)
            .unwrap_err()
            .get("recommendation")
            .is_some()
    );
    assert_eq!(
        review(&draft, Stage::Final).unwrap().recommendation,
        Some(Recommendation::Pass)
    );
    assert_eq!(
        review_gaps(Stage::Final, "Good", "", Some("pass"), ""),
        vec!["the reasons for the recommendation"]
    );
    assert_eq!(
        review_gaps(Stage::Midpoint, "Good", "", None, ""),
        vec!["the plan to the end"]
    );
    assert!(review_gaps(Stage::Midpoint, "Good", "Plan", None, "").is_empty());
}
