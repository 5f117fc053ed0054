//! Starting a placement: only a student may, naming a practice educator linked to them as
//! such and, optionally, one of their line supervisors as on-site supervisor; the level sets
//! the days (70 for a first placement, 100 for a final one, or a custom number of half days);
//! the expected end cannot come before the start. Through the API and the form.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    api_path, body, cast, date, days_ago, days_ahead, id, page_path, refused, start, text,
};
use crate::common::TestApp;

/// The caller's placements through the API.
fn listed(app: &TestApp, token: &str) -> Vec<Value> {
    app.get_json(token, "/api/v1/placements")
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list")
        .clone()
}

fn with(field: &str, value: Value) -> Value {
    let mut draft = body("first", days_ago(10), days_ahead(120));
    draft[field] = value;
    draft
}

#[test]
fn a_student_starts_a_placement_with_their_people_and_the_days_of_its_level() {
    let app = TestApp::new();
    let cast = cast(&app);
    let first = start(
        &app,
        &cast.stu,
        body("first", days_ago(10), days_ahead(120)),
    );
    assert_eq!(first["level"], "first");
    assert_eq!(first["required_days"], 70.0);
    assert_eq!(first["role"], "student");
    assert_eq!(first["student"]["username"], "stu");
    assert_eq!(first["educator"]["username"], "pe");
    assert_eq!(first["onsite_supervisor"]["username"], "lisa");
    assert_eq!(first["starts_on"], days_ago(10).to_string());
    assert_eq!(first["expected_end_on"], days_ahead(120).to_string());
    assert_eq!(first["days"]["done"], 0.0);
    assert_eq!(first["days"]["required"], 70.0);
    assert_eq!(first["observations_required"], 2);

    // A number of days sent with a first or final placement is the level's, not the number.
    let mut final_body = body("final", date(2026, 1, 5), date(2026, 7, 31));
    final_body["required_days"] = json!(42);
    let last = start(&app, &cast.stu, final_body);
    assert_eq!(last["required_days"], 100.0);
    assert_eq!(last["observations_required"], 3);

    // Custom: any number of half days; no on-site supervisor is fine.
    let mut custom = body("custom", days_ago(3), days_ahead(60));
    custom["required_days"] = json!(30.5);
    custom["onsite_supervisor"] = Value::Null;
    let other = start(&app, &cast.stu, custom);
    assert_eq!(other["required_days"], 30.5);
    assert_eq!(other["onsite_supervisor"], Value::Null);

    // Each is the student's, and the educator's and on-site supervisor's to read.
    assert_eq!(listed(&app, &cast.stu).len(), 3);
    assert_eq!(listed(&app, &cast.pe).len(), 3);
    assert_eq!(listed(&app, &cast.lisa).len(), 2);
    let page = app
        .signed_in("pe")
        .get(&page_path(id(&other)))
        .expect(Status::Ok)
        .body;
    assert!(text(&page).contains("Other length: 30.5 days"), "{page}");
}

#[test]
fn only_a_student_starts_a_placement() {
    let app = TestApp::new();
    let cast = cast(&app);
    app.user("sue", "supervisor");
    app.user("root", "admin");
    let sue = app.token("sue");
    for token in [&cast.pe, &cast.lisa, &sue, &app.token("root")] {
        let reply = app.post_json(
            token,
            "/api/v1/placements",
            body("first", days_ago(1), days_ahead(100)),
        );
        assert_eq!(reply.status, Status::Forbidden, "{}", reply.body);
    }
    let educator = app.signed_in("pe");
    educator.get("/placements/new").expect(Status::Forbidden);
    let posted = educator.post(
        "/placements",
        &[
            ("educator", "pe"),
            ("setting", "Adult social care"),
            ("team", "Hospital discharge"),
            ("level", "first"),
            ("starts_on", &days_ago(1).to_string()),
            ("expected_end_on", &days_ahead(100).to_string()),
        ],
    );
    assert_eq!(posted.status, Status::Forbidden, "{}", posted.body);
    assert!(listed(&app, &cast.stu).is_empty());
    assert!(listed(&app, &cast.pe).is_empty());
}

#[test]
fn the_educator_and_on_site_supervisor_must_be_the_students_by_the_right_link() {
    let app = TestApp::new();
    let cast = cast(&app);
    // Pat is a practice educator, but not stu's; sue a supervisor, but not stu's; otto
    // supervises sam, another student.
    app.user("pat", "practice_educator");
    app.user("sue", "supervisor");
    app.user("sam", "student");
    app.user("otto", "supervisor");
    app.link("otto", "sam", LinkKind::Line);
    app.link("pat", "sam", LinkKind::Educator);

    for (field, value, named) in [
        ("educator", json!("pat"), "educator"),
        // Stu's line supervisor is not her practice educator.
        ("educator", json!("lisa"), "educator"),
        ("educator", json!("nobody"), "educator"),
        ("onsite_supervisor", json!("sue"), "onsite_supervisor"),
        ("onsite_supervisor", json!("otto"), "onsite_supervisor"),
        // Her practice educator is not a line supervisor.
        ("onsite_supervisor", json!("pe"), "onsite_supervisor"),
        ("onsite_supervisor", json!("nobody"), "onsite_supervisor"),
    ] {
        let reply = app.post_json(&cast.stu, "/api/v1/placements", with(field, value.clone()));
        refused(&reply, &[named]);
        assert!(listed(&app, &cast.stu).is_empty(), "{field} = {value}");
    }
    // Both wrong: both named.
    let mut both = with("educator", json!("pat"));
    both["onsite_supervisor"] = json!("sue");
    refused(
        &app.post_json(&cast.stu, "/api/v1/placements", both),
        &["educator", "onsite_supervisor"],
    );

    // The same through a placement being changed.
    let placement = id(&start(
        &app,
        &cast.stu,
        with("team", json!("Hospital discharge")),
    ));
    let before = app.get_json(&cast.stu, &api_path(placement)).json();
    refused(
        &app.put_json(
            &cast.stu,
            &api_path(placement),
            with("educator", json!("pat")),
        ),
        &["educator"],
    );
    refused(
        &app.put_json(
            &cast.stu,
            &api_path(placement),
            with("onsite_supervisor", json!("sue")),
        ),
        &["onsite_supervisor"],
    );
    assert_eq!(app.get_json(&cast.stu, &api_path(placement)).json(), before);

    // Once pat is linked to stu as a practice educator, the change goes through.
    app.link("pat", "stu", LinkKind::Educator);
    let changed = app
        .put_json(
            &cast.stu,
            &api_path(placement),
            with("educator", json!("pat")),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(changed["educator"]["username"], "pat");
    // pe no longer reads it: as if it never existed.
    let reply = app.get_json(&cast.pe, &api_path(placement));
    assert_eq!(reply.status, Status::NotFound, "{}", reply.body);
}

#[test]
fn the_level_sets_the_days_and_the_dates_must_run_forwards() {
    let app = TestApp::new();
    let cast = cast(&app);
    let custom = |days: Value| {
        let mut draft = with("level", json!("custom"));
        draft["required_days"] = days;
        draft
    };
    for (draft, field) in [
        (custom(json!(30.25)), "required_days"),
        (custom(json!(0)), "required_days"),
        (custom(json!(-10)), "required_days"),
        (custom(json!(366)), "required_days"),
        (custom(Value::Null), "required_days"),
        (with("level", json!("second")), "level"),
        (
            with("expected_end_on", json!(days_ago(11).to_string())),
            "expected_end_on",
        ),
    ] {
        refused(
            &app.post_json(&cast.stu, "/api/v1/placements", draft),
            &[field],
        );
    }
    assert!(listed(&app, &cast.stu).is_empty());
    // A one-day placement may end the day it starts.
    let mut one = custom(json!(1));
    one["expected_end_on"] = one["starts_on"].clone();
    assert_eq!(start(&app, &cast.stu, one)["required_days"], 1.0);
}

#[test]
fn the_form_starts_a_placement_and_shows_mistakes_by_their_fields() {
    let app = TestApp::new();
    let cast = cast(&app);
    let browser = app.signed_in("stu");
    let form = browser.get("/placements/new").expect(Status::Ok).body;
    // The student chooses from their own people.
    assert!(form.contains("<option value=\"pe\""), "{form}");
    assert!(form.contains("<option value=\"lisa\""), "{form}");

    let start_on = days_ago(7).to_string();
    let fields = |level: &str, days: &str, end: &str| {
        vec![
            ("educator", "pe".to_string()),
            ("onsite_supervisor", "lisa".to_string()),
            ("setting", "Adult social care".to_string()),
            ("team", "Hospital discharge".to_string()),
            ("level", level.to_string()),
            ("required_days", days.to_string()),
            ("starts_on", start_on.clone()),
            ("expected_end_on", end.to_string()),
        ]
    };
    let post = |fields: Vec<(&str, String)>| {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        browser.post("/placements", &borrowed)
    };
    for (fields, field) in [
        (
            fields("custom", "ten", &days_ahead(90).to_string()),
            "required_days",
        ),
        (
            fields("custom", "12.3", &days_ahead(90).to_string()),
            "required_days",
        ),
        (
            fields("first", "", &days_ago(8).to_string()),
            "expected_end_on",
        ),
        (fields("first", "", "2026-02-30"), "expected_end_on"),
    ] {
        let shown = post(fields).expect(Status::UnprocessableEntity).body;
        assert!(
            shown.contains(&format!("id=\"{field}-error\"")),
            "{field}: {shown}"
        );
        // What was typed is kept.
        assert!(shown.contains("value=\"Hospital discharge\""), "{shown}");
    }
    assert!(listed(&app, &cast.stu).is_empty());

    let saved =
        post(fields("custom", "62.5", &days_ahead(90).to_string())).expect(Status::SeeOther);
    let list = listed(&app, &cast.stu);
    assert_eq!(list.len(), 1);
    let placement = id(&list[0]);
    assert_eq!(saved.location(), Some(page_path(placement).as_str()));
    assert_eq!(list[0]["required_days"], 62.5);
    let page = text(&browser.get(&page_path(placement)).expect(Status::Ok).body);
    assert!(page.contains("0 of 62.5 days done (0%)"), "{page}");
}
