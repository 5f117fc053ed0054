//! Input every page and API route refuses with a 422 naming the field, writing nothing:
//! control characters (other than tab and newline, and carriage return in form posts) and
//! dates outside 1990-01-01 to ten years ahead.

use chrono::{Days, Months, NaiveDate};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};
use crate::placements::{self, problem_fields};

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Rows in each table a refused request might have written to.
fn written(app: &TestApp) -> Vec<i64> {
    let mut conn = app.db().conn().unwrap();
    [
        "entries",
        "cases",
        "case_events",
        "supervision_sessions",
        "supervision_actions",
        "supervision_agreements",
        "placements",
    ]
    .iter()
    .map(|table| {
        diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
            .get_result::<Count>(&mut conn)
            .unwrap()
            .n
    })
    .collect()
}

#[track_caller]
fn refused_naming(reply: &Reply, field: &str, what: &str) {
    assert_eq!(
        reply.status,
        Status::UnprocessableEntity,
        "{what}: {}",
        reply.body
    );
    assert!(
        problem_fields(reply).contains(&field.to_string()),
        "{what} should name {field}: {}",
        reply.body
    );
}

fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

/// Sam (practitioner, case FAM-1) and sue supervising ann; returns sam's, sue's tokens.
fn people(app: &TestApp) -> (String, String) {
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    app.post_json(
        &sam,
        "/api/v1/cases",
        json!({"reference": "FAM-1", "category": "other", "opened_on": "2020-01-01"}),
    )
    .expect(Status::Created);
    let (sue, _ann) = crate::supervision::pair(app, "sue", "ann");
    (sam, sue)
}

fn record_with_action(description: &str, due_on: NaiveDate) -> Value {
    let mut body = crate::supervision::draft(today());
    body["actions"] =
        json!([{"description": description, "owner": "ann", "due_on": due_on.to_string()}]);
    body
}

#[test]
fn control_characters_are_refused_by_name_in_every_json_body() {
    let app = TestApp::new();
    let (sam, sue) = people(&app);
    let soon = today().checked_add_days(Days::new(5)).unwrap();
    let sessions = format!("{}/sessions", crate::supervision::pair_path("ann"));
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        (
            &sam,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "before\u{0}after"}),
            "body",
        ),
        (
            &sam,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "x", "title": "\u{1b}[2Jgone"}),
            "title",
        ),
        (
            &sam,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "line\r\nbreak"}),
            "body",
        ),
        (
            &sam,
            "/api/v1/entries",
            json!({"kind": "diary", "body": "x", "tags": ["ok", "b\u{7f}d"]}),
            "tags[1]",
        ),
        (
            &sam,
            "/api/v1/cases",
            json!({"reference": "FAM-\u{7}2", "category": "other"}),
            "reference",
        ),
        (
            &sam,
            "/api/v1/cases/FAM-1/events",
            json!({"kind": "custom", "label": "Ring\u{9b}back", "due_on": soon.to_string()}),
            "label",
        ),
        (
            &sue,
            &sessions,
            record_with_action("Book\u{0}it", soon),
            "actions[0].description",
        ),
    ];
    let before = written(&app);
    for (token, path, body, field) in cases {
        let reply = app.post_json(token, path, body.clone());
        refused_naming(&reply, field, &format!("POST {path} {body}"));
        assert_eq!(written(&app), before, "POST {path} {body} wrote something");
    }
    app.post_json(
        &sam,
        "/api/v1/entries",
        json!({"kind": "diary", "body": "a\ttabbed\nnote"}),
    )
    .expect(Status::Created);
}

#[test]
fn control_characters_are_refused_in_forms_and_line_breaks_kept() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let before = written(&app);
    for (field, value) in [
        ("body", "before\u{0}after"),
        ("title", "\u{1b}]0;owned\u{7}"),
        ("body", "bell\u{7}"),
    ] {
        let page = browser.post("/entries", &[("kind", "diary"), (field, value)]);
        assert_eq!(
            page.status,
            Status::UnprocessableEntity,
            "{value:?}: {}",
            page.body
        );
        let named = format!("{field}: This contains an invisible control character");
        assert!(
            page.body.contains(&named),
            "the page names {field}: {}",
            page.body
        );
        assert_eq!(written(&app), before, "{field} = {value:?} wrote something");
    }
    browser
        .post(
            "/entries",
            &[("kind", "diary"), ("body", "first line\r\nsecond\tline")],
        )
        .expect(Status::SeeOther);
}

#[test]
fn dates_are_kept_between_1990_and_ten_years_ahead() {
    let app = TestApp::new();
    let (sam, sue) = people(&app);
    let latest = today().checked_add_months(Months::new(120)).unwrap();
    let too_late = latest.checked_add_days(Days::new(1)).unwrap();
    let earliest = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    let too_early = earliest.pred_opt().unwrap();
    let event =
        |due: NaiveDate| json!({"kind": "custom", "label": "Report", "due_on": due.to_string()});
    let entry =
        |on: NaiveDate| json!({"kind": "diary", "body": "x", "occurred_on": on.to_string()});
    let case = |on: NaiveDate| json!({"reference": "FAM-9", "category": "other", "opened_on": on.to_string()});
    let sessions = format!("{}/sessions", crate::supervision::pair_path("ann"));

    let before = written(&app);
    let outside: Vec<(&str, String, Value, &str)> = vec![
        (
            &sam,
            "/api/v1/cases/FAM-1/events".into(),
            event(too_late),
            "due_on",
        ),
        (
            &sam,
            "/api/v1/cases/FAM-1/events".into(),
            event(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap()),
            "due_on",
        ),
        (
            &sam,
            "/api/v1/entries".into(),
            entry(too_early),
            "occurred_on",
        ),
        (&sam, "/api/v1/cases".into(), case(too_early), "opened_on"),
        (
            &sue,
            sessions.clone(),
            record_with_action("Book it", too_late),
            "actions[0].due_on",
        ),
    ];
    for (token, path, body, field) in outside {
        let reply = app.post_json(token, &path, body.clone());
        refused_naming(&reply, field, &format!("POST {path} {body}"));
        assert!(reply.body.contains("1 January 1990"), "{}", reply.body);
        assert_eq!(written(&app), before, "POST {path} {body} wrote something");
    }
    // The edges themselves are accepted.
    app.post_json(&sam, "/api/v1/cases/FAM-1/events", event(latest))
        .expect(Status::Created);
    app.post_json(&sam, "/api/v1/entries", entry(earliest))
        .expect(Status::Created);
    app.post_json(&sam, "/api/v1/cases", case(earliest))
        .expect(Status::Created);
    app.post_json(&sue, &sessions, record_with_action("Book it", latest))
        .expect(Status::Created);
}

#[test]
fn placement_dates_are_kept_in_the_window() {
    let app = TestApp::new();
    let cast = placements::cast(&app);
    let latest = today().checked_add_months(Months::new(120)).unwrap();
    let too_late = latest.checked_add_days(Days::new(1)).unwrap();
    let before = written(&app);
    let reply = app.post_json(
        &cast.stu,
        "/api/v1/placements",
        placements::body("first", today(), too_late),
    );
    placements::refused(&reply, &["expected_end_on"]);
    assert_eq!(written(&app), before);
    app.post_json(
        &cast.stu,
        "/api/v1/placements",
        placements::body("first", today(), latest),
    )
    .expect(Status::Created);
}
