//! Deadlines a worker can act on: met late and saying by how much, kept in a "recently met"
//! list for 30 days; weeks and months ending on a day off brought forward, with the page
//! saying so; and each open deadline one link from the form that records its meeting event.

use chrono::{Days, Months, NaiveDate};
use praxis::deadlines::span::Span;
use rocket::http::Status;
use serde_json::Value;

use crate::common::TestApp;
use crate::deadlines::{
    after, calendar, days_ago, open_case, record_on, today, worker, working_days_ago,
};

/// The case's deadline of `kind` through the API.
#[track_caller]
fn deadline(app: &TestApp, token: &str, reference: &str, kind: &str) -> Value {
    let all = app
        .get_json(token, &format!("/api/v1/cases/{reference}/deadlines"))
        .expect(Status::Ok)
        .json();
    let found: Vec<&Value> = all
        .as_array()
        .expect("a list")
        .iter()
        .filter(|deadline| deadline["kind"] == kind)
        .collect();
    assert_eq!(found.len(), 1, "{all:#?}");
    found[0].clone()
}

/// Sam's "recently met" section of the deadlines page.
fn recently_met(app: &TestApp) -> String {
    let page = app
        .signed_in("sam")
        .get("/deadlines")
        .expect(Status::Ok)
        .body;
    section(&page, "deadlines-met").to_string()
}

/// The part of the deadlines page after a heading.
fn section<'a>(page: &'a str, heading_id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{heading_id}\""))
        .unwrap_or_else(|| panic!("no {heading_id} in {page}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn a_deadline_met_late_says_by_how_much_and_stays_listed_for_30_days() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1", "FAM-2"]);
    let calendar = calendar();
    // The ICPC falls due 15 working days after the discussion and is held 3 working days
    // after that.
    let discussion = working_days_ago(25);
    record_on(&app, &token, "FAM-1", "strategy_discussion", discussion);
    let due = after(Span::WorkingDays(15), discussion);
    let held = calendar.add_working_days(due, 3);
    assert!(held <= today());
    record_on(&app, &token, "FAM-1", "icpc", held);
    let icpc = deadline(&app, &token, "FAM-1", "icpc");
    assert_eq!(icpc["status"], "met");
    assert_eq!(icpc["met_late_by_working_days"], 3);

    // On another case, an ICPC held in time, and long ago: neither late nor recent.
    let long_ago = working_days_ago(60);
    record_on(&app, &token, "FAM-2", "strategy_discussion", long_ago);
    record_on(
        &app,
        &token,
        "FAM-2",
        "icpc",
        calendar.add_working_days(long_ago, 2),
    );
    let in_time = deadline(&app, &token, "FAM-2", "icpc");
    assert!(
        in_time.get("met_late_by_working_days").is_none(),
        "{in_time}"
    );

    let met = recently_met(&app);
    assert!(met.contains("FAM-1"), "{met}");
    assert!(met.contains("3 working days late"), "{met}");
    assert!(
        met.contains(&held.format("Met %a %d %b").to_string()),
        "{met}"
    );
    assert!(!met.contains("FAM-2"), "met more than 30 days ago: {met}");
}

#[test]
fn a_met_deadline_leaves_the_recent_list_after_30_days() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    // Held 31 days ago, late: listed nowhere on the page any more.
    let held = days_ago(31);
    let discussion = held.checked_sub_days(Days::new(40)).expect("a date");
    record_on(&app, &token, "FAM-1", "strategy_discussion", discussion);
    record_on(&app, &token, "FAM-1", "icpc", held);
    assert!(deadline(&app, &token, "FAM-1", "icpc")["met_late_by_working_days"].is_u64());
    let page = app
        .signed_in("sam")
        .get("/deadlines")
        .expect(Status::Ok)
        .body;
    assert!(!page.contains("Recently met"), "{page}");

    // Held 30 days ago: still listed.
    open_case(&app, &token, "FAM-2");
    let held = days_ago(30);
    record_on(&app, &token, "FAM-2", "strategy_discussion", held);
    record_on(&app, &token, "FAM-2", "icpc", held);
    let met = recently_met(&app);
    assert!(met.contains("FAM-2") && !met.contains("FAM-1"), "{met}");
    assert!(!met.contains(" late<"), "met in time: {met}");
}

/// A day in the last two months whose date three months on is not a working day.
fn icpc_day_with_review_on_a_day_off() -> (NaiveDate, NaiveDate) {
    let calendar = calendar();
    (0..62)
        .map(days_ago)
        .map(|day| (day, day.checked_add_months(Months::new(3)).expect("a date")))
        .find(|(_, review)| !calendar.is_working_day(*review))
        .expect("weekends come round within two months")
}

#[test]
fn a_review_due_on_a_day_off_is_brought_forward_and_one_link_from_being_recorded() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let (held, span_end) = icpc_day_with_review_on_a_day_off();
    record_on(&app, &token, "FAM-1", "icpc", held);

    // Walking back by hand: the last working day before the span's end.
    let calendar = calendar();
    let mut expected = span_end.pred_opt().expect("a date");
    while !calendar.is_working_day(expected) {
        expected = expected.pred_opt().expect("a date");
    }
    let review = deadline(&app, &token, "FAM-1", "review_conference");
    assert_eq!(review["due_on"], expected.to_string());
    assert_eq!(review["brought_forward_from"], span_end.to_string());

    let browser = app.signed_in("sam");
    let page = browser.get("/deadlines").expect(Status::Ok).body;
    assert!(
        page.contains(&format!(
            "brought forward from {}, not a working day",
            span_end.format("%a %d %b")
        )),
        "{page}"
    );
    let link = "/cases/FAM-1?record=review_conference#record-event";
    assert!(page.contains(&format!("href=\"{link}\"")), "{page}");

    // The link opens the case's event form with the meeting event chosen.
    let case = browser
        .get(link.trim_end_matches("#record-event"))
        .expect(Status::Ok)
        .body;
    assert!(case.contains("<details id=\"record-event\" class=\"no-print\" open>"));
    assert!(
        case.contains("<option value=\"review_conference\" selected>"),
        "{case}"
    );
    let plain = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    assert!(plain.contains("<details id=\"record-event\" class=\"no-print\">"));

    // Recording it from there meets the deadline.
    browser
        .post(
            "/cases/FAM-1/events",
            &[
                ("kind", "review_conference"),
                ("occurred_on", &today().to_string()),
            ],
        )
        .expect(Status::SeeOther);
    let met = deadline_met(&app, &token);
    assert_eq!(met["due_on"], expected.to_string());
}

/// The met first review conference.
fn deadline_met(app: &TestApp, token: &str) -> Value {
    let all = app
        .get_json(token, "/api/v1/cases/FAM-1/deadlines")
        .expect(Status::Ok)
        .json();
    all.as_array()
        .expect("a list")
        .iter()
        .find(|deadline| deadline["kind"] == "review_conference" && deadline["status"] == "met")
        .cloned()
        .unwrap_or_else(|| panic!("no met review in {all:#?}"))
}
