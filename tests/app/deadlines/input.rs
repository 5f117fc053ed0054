//! What may be recorded: bad input refused with nothing changed, events scheduled ahead,
//! custom events with their own deadline, and references that need encoding.

use praxis::deadlines::span::Span;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{
    after, days_ago, days_ahead, deadlines, events, open_kinds, problem_fields, record, record_on,
    stored_events, the, today, worker,
};
use crate::common::TestApp;

#[test]
fn bad_events_are_refused_by_field_and_change_nothing() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let alex = worker(&app, "alex", &[]);
    let theirs = app
        .post_json(&alex, "/api/v1/entries", json!({"body": "Alex's note"}))
        .expect(Status::Created)
        .json()["id"]
        .clone();
    let binned = app
        .post_json(&token, "/api/v1/entries", json!({"body": "Binned note"}))
        .expect(Status::Created)
        .json()["id"]
        .clone();
    app.api(
        Method::Delete,
        Some(&token),
        &format!("/api/v1/entries/{binned}"),
        None,
    )
    .expect(Status::NoContent);
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(5));
    let before_events = events(&app, &token, "FAM-1");
    let before_deadlines = deadlines(&app, &token, "FAM-1");
    let before = stored_events(&app);

    let tomorrow = days_ahead(1).to_string();
    let soon = days_ahead(5).to_string();
    let cases = [
        (json!({"kind": "home_visit"}), "kind"),
        (json!({"kind": ""}), "kind"),
        (json!({}), "kind"),
        (json!({"kind": "Strategy Discussion"}), "kind"),
        (
            json!({"kind": "strategy_discussion", "occurred_on": tomorrow}),
            "occurred_on",
        ),
        (
            json!({"kind": "case_closed", "occurred_on": soon}),
            "occurred_on",
        ),
        (
            json!({"kind": "lac_placement_start", "occurred_on": soon}),
            "occurred_on",
        ),
        (
            json!({"kind": "strategy_discussion", "occurred_on": "2026-02-30"}),
            "occurred_on",
        ),
        (
            json!({"kind": "icpc", "occurred_on": "yesterday"}),
            "occurred_on",
        ),
        (
            json!({"kind": "icpc", "occurred_on": "01/02/2026"}),
            "occurred_on",
        ),
        (
            json!({"kind": "icpc", "occurred_at": "25:61"}),
            "occurred_at",
        ),
        (json!({"kind": "icpc", "label": "Extra meeting"}), "label"),
        (json!({"kind": "icpc", "due_on": soon}), "due_on"),
        (json!({"kind": "custom"}), "label"),
        (json!({"kind": "custom", "due_on": soon}), "label"),
        (
            json!({"kind": "custom", "label": "   ", "due_on": soon}),
            "label",
        ),
        (
            json!({"kind": "custom", "label": "Report", "due_on": "2026-13-01"}),
            "due_on",
        ),
        (
            json!({"kind": "custom", "label": "Call gran.smith@example.com", "due_on": soon}),
            "label",
        ),
        (
            json!({"kind": "custom", "label": "Ring 07700 900123", "due_on": soon}),
            "label",
        ),
        (
            json!({"kind": "custom", "label": "x".repeat(121), "due_on": soon}),
            "label",
        ),
        (
            json!({"kind": "custom", "label": "Report", "due_on": soon, "occurred_on": tomorrow}),
            "occurred_on",
        ),
        (json!({"kind": "icpc", "entry_id": theirs}), "entry_id"),
        (json!({"kind": "icpc", "entry_id": binned}), "entry_id"),
        (json!({"kind": "icpc", "entry_id": 999_999}), "entry_id"),
    ];
    for (body, field) in cases {
        let reply = app
            .post_json(&token, "/api/v1/cases/FAM-1/events", body.clone())
            .expect(Status::UnprocessableEntity);
        assert!(
            problem_fields(&reply).contains(&field.to_string()),
            "{body}: {}",
            reply.body
        );
        assert_eq!(stored_events(&app), before, "{body} changed something");
    }

    // The messages say what is wrong.
    let unknown = app.post_json(
        &token,
        "/api/v1/cases/FAM-1/events",
        json!({"kind": "home_visit"}),
    );
    assert!(unknown.body.contains("home_visit"), "{}", unknown.body);
    let future = app.post_json(
        &token,
        "/api/v1/cases/FAM-1/events",
        json!({"kind": "strategy_discussion", "occurred_on": tomorrow}),
    );
    assert!(future.body.contains("future"), "{}", future.body);

    // Bodies that are not an event at all.
    let malformed = app.api_raw(
        Method::Post,
        &token,
        "/api/v1/cases/FAM-1/events",
        r#"{"kind": "#,
    );
    assert_eq!(malformed.status, Status::BadRequest, "{}", malformed.body);

    assert_eq!(stored_events(&app), before);
    assert_eq!(events(&app, &token, "FAM-1"), before_events);
    assert_eq!(deadlines(&app, &token, "FAM-1"), before_deadlines);
}

#[test]
fn events_that_may_be_scheduled_are_accepted_ahead_and_start_nothing() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let discussion = record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(2));
    let before = deadlines(&app, &token, "FAM-1");
    let icpc_due = after(
        Span::WorkingDays(15),
        discussion["occurred_on"].as_str().unwrap().parse().unwrap(),
    );

    let hearing = record(
        &app,
        &token,
        "FAM-1",
        json!({"kind": "court_hearing", "occurred_on": days_ahead(20).to_string(),
               "occurred_at": "10:30"}),
    );
    assert_eq!(hearing["occurred_on"], days_ahead(20).to_string());
    assert_eq!(hearing["occurred_at"], "10:30");
    assert_eq!(deadlines(&app, &token, "FAM-1"), before);

    // A scheduled ICPC has not happened: the ICPC is still due and its clocks have not started.
    let icpc = record_on(&app, &token, "FAM-1", "icpc", days_ahead(3));
    assert_eq!(deadlines(&app, &token, "FAM-1"), before);
    let icpc_deadline = the(&before, "icpc", "due");
    assert_eq!(icpc_deadline["due_on"], icpc_due.to_string());

    let listed = events(&app, &token, "FAM-1");
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[1], icpc);
    assert_eq!(listed[2], hearing);
}

#[test]
fn custom_events_carry_their_own_deadline_and_are_met_by_the_same_label() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1", "FAM-2"]);
    let report = record(
        &app,
        &token,
        "FAM-1",
        json!({"kind": "custom", "label": "Court report", "occurred_on": days_ago(1).to_string(),
               "due_on": days_ahead(10).to_string()}),
    );
    assert_eq!(report["kind"], "custom");
    assert_eq!(report["label"], "Court report");
    assert_eq!(report["due_on"], days_ahead(10).to_string());
    let late = record(
        &app,
        &token,
        "FAM-1",
        json!({"kind": "custom", "label": "Parenting assessment", "occurred_on": days_ago(20).to_string(),
               "due_on": days_ago(2).to_string()}),
    );
    // Due today is not yet overdue.
    let today_due = record(
        &app,
        &token,
        "FAM-2",
        json!({"kind": "custom", "label": "Chronology", "due_on": today().to_string()}),
    );
    // The same label on another case is another deadline.
    record(
        &app,
        &token,
        "FAM-2",
        json!({"kind": "custom", "label": "Court report", "due_on": days_ahead(4).to_string()}),
    );

    let listed = deadlines(&app, &token, "FAM-1");
    assert_eq!(listed.len(), 2, "{listed:#?}");
    let open = the(&listed, "custom", "due");
    assert_eq!(open["title"], "Court report");
    assert_eq!(open["due_on"], days_ahead(10).to_string());
    assert_eq!(open["started_by"]["id"], report["id"]);
    assert_eq!(open["started_by"]["label"], "Court report");
    assert_eq!(open["met_on"], Value::Null);
    let overdue = the(&listed, "custom", "overdue");
    assert_eq!(overdue["title"], "Parenting assessment");
    assert_eq!(overdue["due_on"], days_ago(2).to_string());
    assert_eq!(overdue["started_by"]["id"], late["id"]);

    // Recording the label again (in any case, with spaces) meets it.
    record(
        &app,
        &token,
        "FAM-1",
        json!({"kind": "custom", "label": " court REPORT "}),
    );
    let listed = deadlines(&app, &token, "FAM-1");
    let met = the(&listed, "custom", "met");
    assert_eq!(met["title"], "Court report");
    assert_eq!(met["met_on"], today().to_string());
    assert_eq!(met["started_by"]["id"], report["id"]);
    assert_eq!(
        the(&listed, "custom", "overdue")["started_by"]["id"],
        late["id"]
    );
    let other = deadlines(&app, &token, "FAM-2");
    assert_eq!(other.len(), 2);
    assert_eq!(other[0]["started_by"]["id"], today_due["id"]);
    assert_eq!(other[0]["status"], "due");
    assert_eq!(other[1]["title"], "Court report");
    assert_eq!(other[1]["status"], "due");

    // Across cases the custom deadlines are listed with their case.
    let all = app
        .get_json(&token, "/api/v1/deadlines")
        .expect(Status::Ok)
        .json();
    let summary: Vec<(&str, &str, &str)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["case"].as_str().unwrap(),
                d["kind"].as_str().unwrap(),
                d["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("FAM-1", "custom", "Parenting assessment"),
            ("FAM-2", "custom", "Chronology"),
            ("FAM-2", "custom", "Court report")
        ]
    );

    // Without a due date a custom event only meets an open deadline of its label: with nothing
    // to meet (a new label, or one already met) it would be a "custom event with its own
    // deadline" that has none, silently.
    let before = stored_events(&app);
    for label in ["Section 37 report", "Court report"] {
        let refused = app
            .post_json(
                &token,
                "/api/v1/cases/FAM-1/events",
                json!({"kind": "custom", "label": label}),
            )
            .expect(Status::UnprocessableEntity);
        assert_eq!(problem_fields(&refused), vec!["due_on"], "{label}");
    }
    assert_eq!(stored_events(&app), before);
}

#[test]
fn a_reference_with_spaces_and_slashes_works_through_the_api() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["Child B/2"]);
    let reply = app
        .post_json(
            &token,
            "/api/v1/cases/Child%20B%2F2/events",
            json!({"kind": "strategy_discussion", "occurred_on": days_ago(1).to_string()}),
        )
        .expect(Status::Created);
    let location = reply.location().unwrap().to_string();
    assert_eq!(
        location,
        format!("/api/v1/cases/Child%20B%2F2/events/{}", reply.json()["id"])
    );
    assert_eq!(
        open_kinds(&deadlines(&app, &token, "Child%20B%2F2")),
        vec!["icpc"]
    );
    let all = app.get_json(&token, "/api/v1/deadlines").json();
    assert_eq!(all[0]["case"], "Child B/2");
    app.api(Method::Delete, Some(&token), &location, None)
        .expect(Status::NoContent);
    assert!(events(&app, &token, "Child%20B%2F2").is_empty());
}
