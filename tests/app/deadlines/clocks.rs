//! The clocks through `GET /api/v1/cases/{reference}/deadlines` and `GET /api/v1/deadlines`:
//! the child protection chain, repeats, what stops them, and each shipped rule.

use chrono::NaiveDate;
use praxis::deadlines::span::Span;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    after, days_ago, deadlines, open_kinds, open_status, problem_fields, record_on, the, today,
    worker, working_days_ago,
};
use crate::common::TestApp;

fn date_of(event: &Value) -> NaiveDate {
    event["occurred_on"].as_str().unwrap().parse().unwrap()
}

/// Checks an open deadline: due date, status relative to today, and what started it.
#[track_caller]
fn assert_open(deadline: &Value, due_on: NaiveDate, started_by: &Value) {
    assert_eq!(deadline["due_on"], due_on.to_string(), "{deadline:#}");
    assert_eq!(deadline["status"], open_status(due_on), "{deadline:#}");
    assert_eq!(deadline["met_on"], Value::Null, "{deadline:#}");
    assert_eq!(
        deadline["started_by"]["id"], started_by["id"],
        "{deadline:#}"
    );
    assert_eq!(deadline["started_by"]["kind"], started_by["kind"]);
    assert_eq!(
        deadline["started_by"]["occurred_on"],
        started_by["occurred_on"]
    );
}

/// Checks a met deadline.
#[track_caller]
fn assert_met(deadline: &Value, due_on: NaiveDate, met_on: NaiveDate, started_by: &Value) {
    assert_eq!(deadline["status"], "met", "{deadline:#}");
    assert_eq!(deadline["due_on"], due_on.to_string(), "{deadline:#}");
    assert_eq!(deadline["met_on"], met_on.to_string(), "{deadline:#}");
    assert_eq!(
        deadline["started_by"]["id"], started_by["id"],
        "{deadline:#}"
    );
}

#[test]
fn a_strategy_discussion_starts_the_icpc_clock_due_or_overdue_by_today() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["LATE-1", "NEW-1"]);
    let late = record_on(
        &app,
        &token,
        "LATE-1",
        "strategy_discussion",
        working_days_ago(20),
    );
    let recent = record_on(&app, &token, "NEW-1", "strategy_discussion", days_ago(1));

    let listed = deadlines(&app, &token, "LATE-1");
    assert_eq!(listed.len(), 1, "{listed:#?}");
    let icpc = &listed[0];
    let due = after(Span::WorkingDays(15), date_of(&late));
    assert!(due < today());
    assert_open(icpc, due, &late);
    assert_eq!(icpc["kind"], "icpc");
    assert_eq!(icpc["status"], "overdue");
    assert_eq!(icpc["title"], "Initial child protection conference");
    assert!(
        icpc["rule"].as_str().unwrap().contains("15 working days"),
        "{icpc:#}"
    );
    assert_eq!(icpc["started_by"]["kind"], "strategy_discussion");
    assert_eq!(
        icpc.get("case"),
        None,
        "a case's own list does not repeat it"
    );

    let listed = deadlines(&app, &token, "NEW-1");
    let icpc = the(&listed, "icpc", "due");
    assert_open(icpc, after(Span::WorkingDays(15), days_ago(1)), &recent);

    // A second strategy discussion restarts the clock from its own date.
    let again = record_on(&app, &token, "LATE-1", "strategy_discussion", days_ago(1));
    let listed = deadlines(&app, &token, "LATE-1");
    assert_eq!(listed.len(), 1, "the superseded clock is not listed");
    assert_open(
        &listed[0],
        after(Span::WorkingDays(15), days_ago(1)),
        &again,
    );
}

#[test]
fn the_child_protection_chain_runs_from_strategy_discussion_to_reviews() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let discussion = record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(60));
    let icpc_due = after(Span::WorkingDays(15), date_of(&discussion));

    let icpc = record_on(&app, &token, "FAM-1", "icpc", days_ago(50));
    let listed = deadlines(&app, &token, "FAM-1");
    assert_met(
        the(&listed, "icpc", "met"),
        icpc_due,
        days_ago(50),
        &discussion,
    );
    let core_due = after(Span::WorkingDays(10), date_of(&icpc));
    let review_due = after(Span::Months(3), date_of(&icpc));
    let visit_due = after(Span::WorkingDays(10), date_of(&icpc));
    assert_open(the(&listed, "first_core_group", "open"), core_due, &icpc);
    assert_open(the(&listed, "review_conference", "open"), review_due, &icpc);
    assert_open(the(&listed, "cp_visit", "open"), visit_due, &icpc);
    let mut kinds = open_kinds(&listed);
    kinds.sort();
    assert_eq!(
        kinds,
        vec!["cp_visit", "first_core_group", "review_conference"]
    );

    // The first core group meets its deadline; later ones are not a deadline of their own.
    record_on(&app, &token, "FAM-1", "core_group", days_ago(45));
    let listed = deadlines(&app, &token, "FAM-1");
    assert_met(
        the(&listed, "first_core_group", "met"),
        core_due,
        days_ago(45),
        &icpc,
    );
    record_on(&app, &token, "FAM-1", "core_group", days_ago(20));
    let listed = deadlines(&app, &token, "FAM-1");
    let mut kinds = open_kinds(&listed);
    kinds.sort();
    assert_eq!(kinds, vec!["cp_visit", "review_conference"]);

    // Each visit meets the visit deadline and starts the next.
    let visit = record_on(&app, &token, "FAM-1", "cp_visit", days_ago(40));
    let listed = deadlines(&app, &token, "FAM-1");
    assert_met(
        the(&listed, "cp_visit", "met"),
        visit_due,
        days_ago(40),
        &icpc,
    );
    assert_open(
        the(&listed, "cp_visit", "open"),
        after(Span::WorkingDays(10), date_of(&visit)),
        &visit,
    );

    // The first review conference meets the three-month deadline; the next is due six months on.
    let review = record_on(&app, &token, "FAM-1", "review_conference", days_ago(5));
    let listed = deadlines(&app, &token, "FAM-1");
    assert_met(
        the(&listed, "review_conference", "met"),
        review_due,
        days_ago(5),
        &icpc,
    );
    let next_review = the(&listed, "review_conference", "open");
    assert_open(
        next_review,
        after(Span::Months(6), date_of(&review)),
        &review,
    );
    assert_eq!(next_review["status"], "due");

    // The plan ending stops the review and visit clocks; what was met stays met.
    record_on(&app, &token, "FAM-1", "cp_plan_ended", today());
    let listed = deadlines(&app, &token, "FAM-1");
    assert_eq!(open_kinds(&listed), Vec::<String>::new(), "{listed:#?}");
    let met: Vec<&str> = listed
        .iter()
        .map(|deadline| {
            assert_eq!(deadline["status"], "met");
            deadline["kind"].as_str().unwrap()
        })
        .collect();
    assert_eq!(met.len(), 4, "{met:?}");
    for kind in ["icpc", "first_core_group", "cp_visit", "review_conference"] {
        assert!(met.contains(&kind), "{kind} in {met:?}");
    }
}

#[test]
fn closing_the_case_stops_repeating_visits() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["VIA-EVENT", "VIA-STATUS"]);
    for reference in ["VIA-EVENT", "VIA-STATUS"] {
        let visit = record_on(&app, &token, reference, "cin_visit", days_ago(10));
        let listed = deadlines(&app, &token, reference);
        assert_open(
            the(&listed, "cin_visit", "open"),
            after(Span::WorkingDays(20), days_ago(10)),
            &visit,
        );
        // A second visit meets the first deadline and starts the next.
        let next = record_on(&app, &token, reference, "cin_visit", days_ago(3));
        let listed = deadlines(&app, &token, reference);
        the(&listed, "cin_visit", "met");
        assert_open(
            the(&listed, "cin_visit", "open"),
            after(Span::WorkingDays(20), days_ago(3)),
            &next,
        );
    }

    record_on(&app, &token, "VIA-EVENT", "case_closed", today());
    assert_eq!(
        open_kinds(&deadlines(&app, &token, "VIA-EVENT")),
        Vec::<String>::new()
    );

    app.put_json(
        &token,
        "/api/v1/cases/VIA-STATUS",
        json!({"reference": "VIA-STATUS", "category": "child_protection", "status": "closed",
               "opened_on": days_ago(800).to_string(), "closed_on": days_ago(1).to_string()}),
    )
    .expect(Status::Ok);
    let listed = deadlines(&app, &token, "VIA-STATUS");
    assert_eq!(open_kinds(&listed), Vec::<String>::new(), "{listed:#?}");
    assert_eq!(listed.len(), 1, "the met visit is still listed");

    let all = app
        .get_json(&token, "/api/v1/deadlines")
        .expect(Status::Ok)
        .json();
    assert_eq!(all, json!([]));
}

#[test]
fn each_shipped_rule_gives_its_first_deadline_through_the_api() {
    let app = TestApp::new();
    let start = days_ago(30);
    let cases = [
        (
            "ASSESS",
            "assessment_started",
            "assessment",
            Span::WorkingDays(45),
        ),
        ("LAC", "lac_placement_start", "lac_visit", Span::Weeks(1)),
        (
            "COURT",
            "care_proceedings_issued",
            "care_proceedings",
            Span::Weeks(26),
        ),
        ("CIN", "cin_visit", "cin_visit", Span::WorkingDays(20)),
        ("S47", "strategy_discussion", "icpc", Span::WorkingDays(15)),
    ];
    let references: Vec<&str> = cases.iter().map(|(reference, ..)| *reference).collect();
    let token = worker(&app, "sam", &references);
    for (reference, event_kind, deadline_kind, span) in cases {
        let event = record_on(&app, &token, reference, event_kind, start);
        let listed = deadlines(&app, &token, reference);
        assert_eq!(listed.len(), 1, "{reference}: {listed:#?}");
        assert_eq!(listed[0]["kind"], deadline_kind);
        assert_open(&listed[0], after(span, start), &event);
    }
    // Events that start nothing.
    let token_other = worker(&app, "alex", &["QUIET"]);
    for kind in ["s47_started", "court_hearing", "lac_review", "core_group"] {
        record_on(&app, &token_other, "QUIET", kind, start);
    }
    assert_eq!(deadlines(&app, &token_other, "QUIET"), Vec::<Value>::new());

    // Meeting events close the one-off clocks.
    record_on(&app, &token, "ASSESS", "assessment_completed", days_ago(2));
    record_on(
        &app,
        &token,
        "COURT",
        "care_proceedings_concluded",
        days_ago(2),
    );
    for (reference, kind) in [("ASSESS", "assessment"), ("COURT", "care_proceedings")] {
        let listed = deadlines(&app, &token, reference);
        assert_eq!(the(&listed, kind, "met")["met_on"], days_ago(2).to_string());
        assert_eq!(open_kinds(&listed), Vec::<String>::new());
    }
}

#[test]
fn looked_after_visits_are_six_weekly_in_the_first_year_then_three_monthly() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["LAC-1"]);
    let placed = days_ago(420);
    record_on(&app, &token, "LAC-1", "lac_placement_start", placed);
    let first = record_on(&app, &token, "LAC-1", "lac_visit", days_ago(415));
    let listed = deadlines(&app, &token, "LAC-1");
    assert_open(
        the(&listed, "lac_visit", "open"),
        after(Span::Weeks(6), date_of(&first)),
        &first,
    );
    // More than a year after the placement started, visits are three-monthly.
    let later = record_on(&app, &token, "LAC-1", "lac_visit", days_ago(20));
    let listed = deadlines(&app, &token, "LAC-1");
    assert_open(
        the(&listed, "lac_visit", "open"),
        after(Span::Months(3), date_of(&later)),
        &later,
    );
    // The placement ending stops them.
    record_on(&app, &token, "LAC-1", "lac_placement_ended", days_ago(1));
    assert_eq!(
        open_kinds(&deadlines(&app, &token, "LAC-1")),
        Vec::<String>::new()
    );
}

#[test]
fn all_deadlines_lists_open_ones_across_cases_and_all_with_met_ones() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1", "FAM-2", "FAM-3"]);
    let alex = worker(&app, "alex", &["ALX-1"]);
    record_on(&app, &alex, "ALX-1", "strategy_discussion", days_ago(1));
    let late = record_on(
        &app,
        &token,
        "FAM-2",
        "strategy_discussion",
        working_days_ago(20),
    );
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(30));
    let icpc = record_on(&app, &token, "FAM-1", "icpc", days_ago(20));
    record_on(&app, &token, "FAM-3", "assessment_started", days_ago(2));

    let open = app
        .get_json(&token, "/api/v1/deadlines")
        .expect(Status::Ok)
        .json();
    let open = open.as_array().unwrap();
    let mut expected = vec![
        (
            "FAM-2",
            "icpc",
            after(Span::WorkingDays(15), date_of(&late)),
        ),
        (
            "FAM-1",
            "first_core_group",
            after(Span::WorkingDays(10), date_of(&icpc)),
        ),
        (
            "FAM-1",
            "review_conference",
            after(Span::Months(3), date_of(&icpc)),
        ),
        (
            "FAM-1",
            "cp_visit",
            after(Span::WorkingDays(10), date_of(&icpc)),
        ),
        (
            "FAM-3",
            "assessment",
            after(Span::WorkingDays(45), days_ago(2)),
        ),
    ];
    // By due date, then case, then kind.
    expected.sort_by(|a, b| (a.2, a.0, a.1).cmp(&(b.2, b.0, b.1)));
    let listed: Vec<(&str, &str, NaiveDate)> = open
        .iter()
        .map(|d| {
            (
                d["case"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["due_on"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, expected);
    for deadline in open {
        let due: NaiveDate = deadline["due_on"].as_str().unwrap().parse().unwrap();
        assert_eq!(deadline["status"], open_status(due));
        assert!(deadline["started_by"]["id"].is_i64());
    }

    let all = app
        .get_json(&token, "/api/v1/deadlines?status=all")
        .expect(Status::Ok)
        .json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), open.len() + 1);
    let met: Vec<&Value> = all.iter().filter(|d| d["status"] == "met").collect();
    assert_eq!(met.len(), 1);
    assert_eq!(met[0]["case"], "FAM-1");
    assert_eq!(met[0]["kind"], "icpc");
    assert_eq!(met[0]["met_on"], days_ago(20).to_string());
    assert!(all.iter().all(|d| d["case"] != "ALX-1"));
    assert_eq!(
        app.get_json(&token, "/api/v1/deadlines?status=open").json(),
        json!(open)
    );

    for status in ["met", "overdue", "ALL", ""] {
        let refused = app
            .get_json(&token, &format!("/api/v1/deadlines?status={status}"))
            .expect(Status::UnprocessableEntity);
        assert_eq!(problem_fields(&refused), vec!["status"], "{status:?}");
    }
}

#[test]
fn a_closed_case_runs_no_clocks_even_after_an_earlier_closure_event() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    // Closed once, then re-referred: visits start again.
    record_on(&app, &token, "FAM-1", "cin_visit", days_ago(200));
    record_on(&app, &token, "FAM-1", "case_closed", days_ago(150));
    let visit = record_on(&app, &token, "FAM-1", "cin_visit", days_ago(10));
    let listed = deadlines(&app, &token, "FAM-1");
    assert_open(
        the(&listed, "cin_visit", "open"),
        after(Span::WorkingDays(20), days_ago(10)),
        &visit,
    );

    // Now the case is closed again, by its status.
    app.put_json(
        &token,
        "/api/v1/cases/FAM-1",
        json!({"reference": "FAM-1", "category": "child_protection", "status": "closed",
               "opened_on": days_ago(800).to_string(), "closed_on": days_ago(1).to_string()}),
    )
    .expect(Status::Ok);
    let listed = deadlines(&app, &token, "FAM-1");
    assert_eq!(open_kinds(&listed), Vec::<String>::new(), "{listed:#?}");
    assert_eq!(
        app.get_json(&token, "/api/v1/deadlines").json(),
        json!([]),
        "nothing due on a closed case"
    );
}
