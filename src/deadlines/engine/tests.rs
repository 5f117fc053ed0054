//! Due dates below were counted by hand against the GOV.UK England and Wales bank holidays.

use super::*;
use DeadlineStatus::{Due, Met, Overdue};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn event(id: i32, kind: &str, on: &str) -> CaseEvent {
    CaseEvent {
        id,
        kind: kind.to_string(),
        occurred_on: day(on),
        label: None,
        due_on: None,
    }
}

fn custom(id: i32, on: &str, label: &str, due_on: Option<&str>) -> CaseEvent {
    CaseEvent {
        label: Some(label.to_string()),
        due_on: due_on.map(day),
        ..event(id, CUSTOM, on)
    }
}

fn run(events: &[CaseEvent], today: &str) -> Vec<Deadline> {
    run_with(&RuleBook::shipped(), events, today)
}

fn run_with(book: &RuleBook, events: &[CaseEvent], today: &str) -> Vec<Deadline> {
    deadlines(
        book,
        &WorkingCalendar::england_and_wales(),
        events,
        day(today),
    )
}

/// (kind, due on, met on, status, id of the event that started it)
type Row = (String, NaiveDate, Option<NaiveDate>, DeadlineStatus, i32);

fn rows(deadlines: &[Deadline]) -> Vec<Row> {
    deadlines
        .iter()
        .map(|d| {
            (
                d.kind.clone(),
                d.due_on,
                d.met_on,
                d.status,
                d.started_by.id,
            )
        })
        .collect()
}

fn expect(rows: &[(&str, &str, Option<&str>, DeadlineStatus, i32)]) -> Vec<Row> {
    rows.iter()
        .map(|&(kind, due, met, status, id)| (kind.to_string(), day(due), met.map(day), status, id))
        .collect()
}

#[test]
fn each_shipped_rule_from_its_start_event() {
    // (rule, start event, start day, due day, meeting event)
    #[rustfmt::skip]
    let cases = [
        // Across Christmas and New Year: 25, 26 Dec and 1 Jan skipped.
        ("icpc", "strategy_discussion", "2024-12-13", "2025-01-08", "icpc"),
        // Across Easter: Good Friday 29 March and Easter Monday 1 April skipped.
        ("first_core_group", "icpc", "2024-03-21", "2024-04-08", "core_group"),
        ("review_conference", "icpc", "2024-03-21", "2024-06-21", "review_conference"),
        // Easter (18, 21 April) and both May bank holidays (5, 26 May) skipped.
        ("assessment", "assessment_started", "2025-04-14", "2025-06-20", "assessment_completed"),
        // Christmas 2025 and New Year 2026.
        ("cp_visit", "icpc", "2025-12-19", "2026-01-07", "cp_visit"),
        // Early May (4 May) and spring (25 May) bank holidays.
        ("cin_visit", "cin_visit", "2026-05-01", "2026-06-02", "cin_visit"),
        ("lac_visit", "lac_placement_start", "2024-06-05", "2024-06-12", "lac_visit"),
        ("care_proceedings", "care_proceedings_issued", "2024-01-10", "2024-07-10", "care_proceedings_concluded"),
    ];
    let book = RuleBook::shipped();
    for (kind, start, on, due, meeting) in cases {
        let rule = book.rule(kind).unwrap();
        let started = [event(1, start, on)];
        let open: Vec<_> = run(&started, on)
            .into_iter()
            .filter(|d| d.kind == kind)
            .collect();
        assert_eq!(rows(&open), expect(&[(kind, due, None, Due, 1)]), "{kind}");
        assert_eq!(open[0].title, rule.title);
        assert_eq!(open[0].rule, rule.summary);
        assert_eq!(open[0].started_by, started[0]);

        // Overdue the day after; met by its meeting event on the due day itself.
        let late = run(&started, &day(due).succ_opt().unwrap().to_string());
        assert!(
            late.iter().any(|d| d.kind == kind && d.status == Overdue),
            "{kind}"
        );
        let met = run(&[event(1, start, on), event(2, meeting, due)], due);
        let met: Vec<_> = met
            .into_iter()
            .filter(|d| d.kind == kind && d.status == Met)
            .collect();
        assert_eq!(
            rows(&met),
            expect(&[(kind, due, Some(due), Met, 1)]),
            "{kind}"
        );
    }
}

/// A child protection case from strategy discussion to the plan ending; ids out of date order
/// and the list shuffled, to show events are replayed by date.
fn cp_case() -> Vec<CaseEvent> {
    vec![
        event(9, "review_conference", "2025-09-25"),
        event(1, "strategy_discussion", "2024-12-13"),
        event(2, "s47_started", "2024-12-13"),
        event(3, "icpc", "2025-01-06"),
        event(5, "core_group", "2025-01-16"),
        event(4, "cp_visit", "2025-01-14"),
        event(6, "cp_visit", "2025-01-27"),
        // Later core groups meet nothing: only the first has a timescale.
        event(7, "core_group", "2025-02-13"),
        event(8, "review_conference", "2025-04-02"),
        event(10, "cp_plan_ended", "2025-10-01"),
    ]
}

#[test]
fn child_protection_chain_through_to_the_plan_ending() {
    assert_eq!(
        rows(&run(&cp_case(), "2025-11-03")),
        expect(&[
            ("icpc", "2025-01-08", Some("2025-01-06"), Met, 1),
            // Same due day: ordered by kind.
            ("cp_visit", "2025-01-20", Some("2025-01-14"), Met, 3),
            ("first_core_group", "2025-01-20", Some("2025-01-16"), Met, 3),
            ("cp_visit", "2025-01-28", Some("2025-01-27"), Met, 4),
            // First review within 3 months of the ICPC: 6 April is a Sunday, so it falls due
            // on Friday 4 April.
            (
                "review_conference",
                "2025-04-04",
                Some("2025-04-02"),
                Met,
                3
            ),
            // Then within 6 months of the last.
            (
                "review_conference",
                "2025-10-02",
                Some("2025-09-25"),
                Met,
                8
            ),
            // The plan ending cancelled the next review (due 2026-03-25) and the open visit.
        ])
    );
}

#[test]
fn the_same_chain_part_way_shows_open_clocks_and_ignores_the_future() {
    // On 12 February the April review and everything after it have not happened yet.
    assert_eq!(
        rows(&run(&cp_case(), "2025-02-12")),
        expect(&[
            ("icpc", "2025-01-08", Some("2025-01-06"), Met, 1),
            ("cp_visit", "2025-01-20", Some("2025-01-14"), Met, 3),
            ("first_core_group", "2025-01-20", Some("2025-01-16"), Met, 3),
            ("cp_visit", "2025-01-28", Some("2025-01-27"), Met, 4),
            ("cp_visit", "2025-02-10", None, Overdue, 6),
            ("review_conference", "2025-04-04", None, Due, 3),
        ])
    );
}

#[test]
fn child_protection_visits_repeat_every_ten_working_days() {
    let events = [
        // Friday before Christmas: 25, 26 Dec and 1 Jan do not count.
        event(1, "icpc", "2024-12-20"),
        event(2, "cp_visit", "2025-01-06"),
        event(3, "cp_visit", "2025-01-20"),
    ];
    let visits = |today: &str| -> Vec<Row> {
        rows(&run(&events, today))
            .into_iter()
            .filter(|r| r.0 == "cp_visit")
            .collect()
    };
    let met = [
        ("cp_visit", "2025-01-08", Some("2025-01-06"), Met, 1),
        ("cp_visit", "2025-01-20", Some("2025-01-20"), Met, 2),
    ];
    let with = |open: (
        &'static str,
        &'static str,
        Option<&'static str>,
        DeadlineStatus,
        i32,
    )| {
        let mut all = met.to_vec();
        all.push(open);
        expect(&all)
    };
    // Due on its day, overdue the day after.
    assert_eq!(
        visits("2025-02-03"),
        with(("cp_visit", "2025-02-03", None, Due, 3))
    );
    assert_eq!(
        visits("2025-02-04"),
        with(("cp_visit", "2025-02-03", None, Overdue, 3))
    );
    assert_eq!(
        visits("2025-01-21"),
        with(("cp_visit", "2025-02-03", None, Due, 3))
    );
}

#[test]
fn looked_after_visits_one_week_then_six_weeks_then_three_months() {
    let mut events = vec![
        event(1, "lac_placement_start", "2024-06-05"),
        event(2, "lac_visit", "2024-06-11"),
        event(3, "lac_visit", "2024-07-22"),
        // Met late: a meeting event meets the open clock whenever it comes.
        event(4, "lac_visit", "2025-05-20"),
        // On or after the placement's first anniversary: 3-monthly from here.
        event(5, "lac_visit", "2025-06-30"),
    ];
    let met = [
        ("lac_visit", "2024-06-12", Some("2024-06-11"), Met, 1),
        ("lac_visit", "2024-07-23", Some("2024-07-22"), Met, 2),
        ("lac_visit", "2024-09-02", Some("2025-05-20"), Met, 3),
        ("lac_visit", "2025-07-01", Some("2025-06-30"), Met, 4),
    ];
    let mut open = met.to_vec();
    open.push(("lac_visit", "2025-09-30", None, Due, 5));
    assert_eq!(rows(&run(&events, "2025-07-15")), expect(&open));

    // The visits stop when the case closes: only what was met stays listed.
    events.push(event(6, "case_closed", "2025-07-10"));
    assert_eq!(rows(&run(&events, "2025-07-15")), expect(&met));
}

#[test]
fn the_three_month_phase_begins_on_the_anniversary_of_the_placement() {
    // (day of the visit, next due): the phase starts one year after the placement started.
    let cases = [
        ("2025-06-04", "2025-07-16"),
        ("2025-06-05", "2025-09-05"),
        // 6 September 2025 is a Saturday: brought forward to Friday the 5th.
        ("2025-06-06", "2025-09-05"),
    ];
    for (visit, due) in cases {
        let events = [
            event(1, "lac_placement_start", "2024-06-05"),
            event(2, "lac_visit", "2024-06-11"),
            event(3, "lac_visit", visit),
        ];
        let open: Vec<_> = run(&events, visit)
            .into_iter()
            .filter(|d| d.status == Due)
            .collect();
        assert_eq!(
            rows(&open),
            expect(&[("lac_visit", due, None, Due, 3)]),
            "{visit}"
        );
    }
}

#[test]
fn a_new_placement_restarts_the_first_year() {
    let events = [
        event(1, "lac_placement_start", "2024-06-05"),
        event(2, "lac_visit", "2024-06-11"),
        event(3, "lac_placement_ended", "2025-07-01"),
        event(4, "lac_placement_start", "2025-08-01"),
        event(5, "lac_visit", "2025-08-07"),
    ];
    assert_eq!(
        rows(&run(&events, "2025-08-10")),
        expect(&[
            ("lac_visit", "2024-06-12", Some("2024-06-11"), Met, 1),
            // The clock open when the placement ended (due 2024-07-23) is not listed.
            ("lac_visit", "2025-08-08", Some("2025-08-07"), Met, 4),
            // Six weeks again, not three months: the new placement is in its first year.
            ("lac_visit", "2025-09-18", None, Due, 5),
        ])
    );
}

#[test]
fn closing_the_case_stops_every_open_clock() {
    let events = [
        event(1, "cin_visit", "2026-05-01"),
        event(2, "cin_visit", "2026-05-28"),
        event(3, "assessment_started", "2026-05-01"),
        custom(4, "2026-05-01", "Pathway plan", Some("2026-07-01")),
        event(5, "case_closed", "2026-06-10"),
    ];
    assert_eq!(
        rows(&run(&events, "2026-06-11")),
        expect(&[("cin_visit", "2026-06-02", Some("2026-05-28"), Met, 1)])
    );
    // Before it closed, the next visit, the assessment and the custom deadline were open.
    assert_eq!(
        rows(&run(&events, "2026-06-09")),
        expect(&[
            ("cin_visit", "2026-06-02", Some("2026-05-28"), Met, 1),
            ("cin_visit", "2026-06-25", None, Due, 2),
            ("custom", "2026-07-01", None, Due, 4),
            // 45 working days after 1 May 2026, skipping the 4 and 25 May bank holidays.
            ("assessment", "2026-07-07", None, Due, 3),
        ])
    );
    // A case reopened later starts afresh.
    let mut reopened = events.to_vec();
    reopened.push(event(6, "cin_visit", "2026-09-01"));
    let open: Vec<_> = run(&reopened, "2026-09-01")
        .into_iter()
        .filter(|d| d.status != Met)
        .collect();
    assert_eq!(
        rows(&open),
        expect(&[("cin_visit", "2026-09-29", None, Due, 6)])
    );
}

#[test]
fn the_plan_ending_stops_reviews_and_visits_but_not_the_assessment() {
    let events = [
        event(1, "icpc", "2025-09-01"),
        event(2, "assessment_started", "2025-09-01"),
        event(3, "cp_plan_ended", "2025-09-10"),
    ];
    let kinds: Vec<String> = run(&events, "2025-09-11")
        .into_iter()
        .map(|d| d.kind)
        .collect();
    assert_eq!(kinds, ["assessment"]);
}

#[test]
fn scheduled_events_work_no_clocks() {
    let events = [
        event(1, "strategy_discussion", "2025-03-03"),
        // Booked, not held: the ICPC is still due, and nothing it would start has started.
        event(2, "icpc", "2025-03-20"),
        // A future-dated close stops nothing yet.
        event(3, "case_closed", "2025-04-30"),
        // A future start starts nothing.
        event(4, "assessment_started", "2025-03-11"),
    ];
    assert_eq!(
        rows(&run(&events, "2025-03-10")),
        expect(&[("icpc", "2025-03-24", None, Due, 1)])
    );
    // Once the day has come, it counts.
    assert_eq!(
        rows(&run(&events, "2025-03-20"))[0],
        expect(&[("icpc", "2025-03-24", Some("2025-03-20"), Met, 1)])[0]
    );
}

#[test]
fn a_new_start_event_restarts_the_clock() {
    let events = [
        event(1, "strategy_discussion", "2025-03-03"),
        event(2, "strategy_discussion", "2025-03-10"),
    ];
    assert_eq!(
        rows(&run(&events, "2025-03-12")),
        expect(&[("icpc", "2025-03-31", None, Due, 2)])
    );
}

#[test]
fn same_day_events_are_replayed_by_id() {
    // The core group recorded after the ICPC the same day meets the first core group clock.
    let after = [
        event(1, "icpc", "2025-01-06"),
        event(2, "core_group", "2025-01-06"),
    ];
    let first = |events: &[CaseEvent]| -> Vec<Row> {
        rows(&run(events, "2025-01-07"))
            .into_iter()
            .filter(|r| r.0 == "first_core_group")
            .collect()
    };
    assert_eq!(
        first(&after),
        expect(&[("first_core_group", "2025-01-20", Some("2025-01-06"), Met, 1)])
    );
    // Recorded before it, there was no clock to meet yet.
    let before = [
        event(2, "icpc", "2025-01-06"),
        event(1, "core_group", "2025-01-06"),
    ];
    assert_eq!(
        first(&before),
        expect(&[("first_core_group", "2025-01-20", None, Due, 2)])
    );
}

#[test]
fn meeting_events_with_no_open_clock_and_unknown_kinds_are_harmless() {
    let events = [
        event(1, "core_group", "2025-01-06"),
        event(2, "care_proceedings_concluded", "2025-01-06"),
        event(3, "no_longer_a_kind", "2025-01-06"),
        event(4, "court_hearing", "2025-01-06"),
    ];
    assert!(run(&events, "2025-02-01").is_empty());
    assert!(run(&[], "2025-02-01").is_empty());
}

#[test]
fn custom_deadlines() {
    let events = [
        custom(1, "2025-03-03", "Section 7 report", Some("2025-03-20")),
        // Same label, any case and spacing, no due date: met.
        custom(2, "2025-03-18", " section 7 REPORT ", None),
        custom(3, "2025-03-03", "Pathway plan", Some("2025-03-10")),
        // A custom event with no due date and nothing to meet is only a note.
        custom(4, "2025-03-04", "Called the school", None),
        // Recorded again with a new date: rescheduled, not doubled.
        custom(5, "2025-03-05", "Letter to GP", Some("2025-03-07")),
        custom(6, "2025-03-06", "letter to gp", Some("2025-04-30")),
    ];
    let listed = run(&events, "2025-03-25");
    assert_eq!(
        rows(&listed),
        expect(&[
            ("custom", "2025-03-10", None, Overdue, 3),
            ("custom", "2025-03-20", Some("2025-03-18"), Met, 1),
            ("custom", "2025-04-30", None, Due, 6),
        ])
    );
    let titles: Vec<&str> = listed.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Pathway plan", "Section 7 report", "letter to gp"]);
    assert!(listed.iter().all(|d| d.rule == "Custom deadline"));
}

#[test]
fn custom_deadlines_are_met_only_by_later_events() {
    // Same day: the one recorded first (lower id) cannot meet the one recorded after it.
    let earlier = [
        custom(1, "2025-03-03", "Report", None),
        custom(2, "2025-03-03", "Report", Some("2025-03-20")),
    ];
    assert_eq!(
        rows(&run(&earlier, "2025-03-04")),
        expect(&[("custom", "2025-03-20", None, Due, 2)])
    );
    let later = [
        custom(1, "2025-03-03", "Report", Some("2025-03-20")),
        custom(2, "2025-03-03", "report", None),
    ];
    assert_eq!(
        rows(&run(&later, "2025-03-04")),
        expect(&[("custom", "2025-03-20", Some("2025-03-03"), Met, 1)])
    );
    // A different label meets nothing; a scheduled one meets nothing yet.
    let other = [
        custom(1, "2025-03-03", "Report", Some("2025-03-20")),
        custom(2, "2025-03-04", "Report to court", None),
        custom(3, "2025-03-10", "Report", None),
    ];
    assert_eq!(
        rows(&run(&other, "2025-03-05")),
        expect(&[("custom", "2025-03-20", None, Due, 1)])
    );
}

#[test]
fn local_overrides_change_the_deadlines() {
    let local = RuleBook::parse(
        r#"
[[event]]
kind = "s7_report_ordered"
title = "Section 7 report ordered"

[[event]]
kind = "s7_report_filed"
title = "Section 7 report filed"

[[rule]]
kind = "cp_visit"
title = "Child protection visit"
summary = "Child protection visits at least every 15 working days (local rule)."
starts = ["icpc"]
within = "15 working days"
met_by = ["cp_visit"]
stops = ["cp_plan_ended", "case_closed"]
repeat = true

[[rule]]
kind = "s7_report"
title = "Section 7 report"
summary = "Section 7 report filed within 8 weeks of the order (local rule)."
starts = ["s7_report_ordered"]
within = "8 weeks"
met_by = ["s7_report_filed"]
stops = ["case_closed"]
"#,
        "local.toml",
    )
    .unwrap();
    let book = RuleBook::shipped().with_overrides(local).unwrap();
    let events = [
        event(1, "icpc", "2024-12-20"),
        event(2, "cp_visit", "2025-01-06"),
        event(3, "s7_report_ordered", "2025-02-03"),
        event(4, "s7_report_filed", "2025-03-28"),
    ];
    let listed = run_with(&book, &events, "2025-04-01");
    let of =
        |kind: &str| -> Vec<Row> { rows(&listed).into_iter().filter(|r| r.0 == kind).collect() };
    assert_eq!(
        of("cp_visit"),
        expect(&[
            // 15 working days over Christmas, not 10.
            ("cp_visit", "2025-01-15", Some("2025-01-06"), Met, 1),
            ("cp_visit", "2025-01-27", None, Overdue, 2),
        ])
    );
    assert_eq!(
        of("s7_report"),
        expect(&[("s7_report", "2025-03-31", Some("2025-03-28"), Met, 3)])
    );
    let s7 = listed.iter().find(|d| d.kind == "s7_report").unwrap();
    assert_eq!(s7.title, "Section 7 report");
    assert_eq!(
        s7.rule,
        "Section 7 report filed within 8 weeks of the order (local rule)."
    );
}

#[test]
fn closures_from_the_configuration_move_working_day_deadlines() {
    // A Christmas shutdown on 27, 30 and 31 December 2024 pushes the ICPC three days on.
    let calendar = WorkingCalendar::england_and_wales()
        .with_closures(["2024-12-27", "2024-12-30", "2024-12-31"].map(day));
    let listed = deadlines(
        &RuleBook::shipped(),
        &calendar,
        &[event(1, "strategy_discussion", "2024-12-13")],
        day("2024-12-13"),
    );
    assert_eq!(
        rows(&listed),
        expect(&[("icpc", "2025-01-13", None, Due, 1)])
    );
}

#[test]
fn deadlines_serialise_as_the_api_shows_them() {
    let listed = run(
        &[event(7, "strategy_discussion", "2024-12-13")],
        "2025-01-09",
    );
    let json = serde_json::to_value(&listed).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "kind": "icpc",
            "title": "Initial child protection conference",
            "rule": "ICPC within 15 working days of the strategy discussion (Working Together 2023).",
            "due_on": "2025-01-08",
            "started_by": {
                "id": 7,
                "kind": "strategy_discussion",
                "occurred_on": "2024-12-13",
                "label": null,
                "due_on": null
            },
            "met_on": null,
            "status": "overdue"
        }])
    );
    let met = serde_json::to_value(DeadlineStatus::Met).unwrap();
    assert_eq!(met, "met");
}
