//! Bad input, through the API and the forms: impossible or vague dates, unknown levels,
//! portions, domains and recommendations, hours past a day, empty required parts and values of
//! the wrong JSON type are each refused with a 422 naming the field (malformed JSON with a
//! 400), and nothing changes.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{
    Cast, api_path, body, cast, days_ago, days_ahead, entry, full_agreement, get, id, link,
    log_day, midpoint, observation, observe, page_path, refused,
};
use crate::common::TestApp;

/// Everything a placement shows its student, and the lists.
fn snapshot(app: &TestApp, cast: &Cast, placement: i64) -> Vec<Value> {
    vec![
        get(app, &cast.stu, placement),
        app.get_json(&cast.stu, "/api/v1/placements").json(),
        app.get_json(&cast.pe, &format!("{}/reviews/final", api_path(placement)))
            .json(),
    ]
}

/// `base` with one field replaced.
fn with(base: &Value, field: &str, value: Value) -> Value {
    let mut body = base.clone();
    body[field] = value;
    body
}

struct Setup {
    placement: i64,
    day: i64,
    evidence: i64,
    observation: i64,
}

fn setup(app: &TestApp, cast: &Cast) -> Setup {
    let placement = id(&super::start(
        app,
        &cast.stu,
        body("first", days_ago(30), days_ahead(90)),
    ));
    let day = id(&log_day(app, &cast.stu, placement, days_ago(29), "full"));
    let visit = entry(
        app,
        &cast.stu,
        "Home visit reflection",
        days_ago(29),
        "private",
    );
    let evidence = id(&link(app, &cast.stu, placement, visit, &["PCF-1"], "Values.")[0]);
    let observation = id(&observe(
        app,
        &cast.stu,
        placement,
        observation(days_ago(20), &["PCF-2"]),
    ));
    app.put_json(
        &cast.stu,
        &format!("{}/agreement", api_path(placement)),
        full_agreement(),
    )
    .expect(Status::Ok);
    app.put_json(
        &cast.pe,
        &format!("{}/reviews/final", api_path(placement)),
        json!({"progress": "Capable.", "recommendation": "pass", "reasons": "Evidence."}),
    )
    .expect(Status::Ok);
    Setup {
        placement,
        day,
        evidence,
        observation,
    }
}

#[test]
fn bad_bodies_are_refused_by_field_and_nothing_changes() {
    let app = TestApp::new();
    let cast = cast(&app);
    let ids = setup(&app, &cast);
    let api = api_path(ids.placement);
    let before = snapshot(&app, &cast, ids.placement);

    let placement = body("first", days_ago(30), days_ahead(90));
    let custom = with(&placement, "level", json!("custom"));
    let day = json!({"day": days_ago(2).to_string(), "portion": "full", "hours": 7,
                     "activities": "Visits."});
    let seen = observation(days_ago(2), &["PCF-3"]);
    let evidence = json!({"entry_id": 1, "domains": ["PCF-1"], "note": "Values."});
    let final_report = json!({"progress": "Capable.", "recommendation": "pass",
                              "reasons": "Evidence."});
    let (stu, pe) = (cast.stu.as_str(), cast.pe.as_str());
    let placement_paths = [
        (Method::Post, "/api/v1/placements".to_string()),
        (Method::Put, api.clone()),
    ];
    let day_paths = [
        (Method::Post, format!("{api}/days")),
        (Method::Put, format!("{api}/days/{}", ids.day)),
    ];
    let observation_paths = [
        (Method::Post, format!("{api}/observations")),
        (
            Method::Put,
            format!("{api}/observations/{}", ids.observation),
        ),
    ];
    let mut cases: Vec<(&str, Method, String, Value, &str)> = Vec::new();
    for (method, path) in &placement_paths {
        for (body, field) in [
            (
                with(&placement, "starts_on", json!("2026-02-30")),
                "starts_on",
            ),
            (
                with(&placement, "starts_on", json!("next week")),
                "starts_on",
            ),
            (
                with(&placement, "expected_end_on", json!("31/12/2026")),
                "expected_end_on",
            ),
            (with(&placement, "level", json!("second")), "level"),
            (with(&placement, "setting", json!("")), "setting"),
            (with(&placement, "team", json!("   ")), "team"),
            (with(&placement, "educator", json!("")), "educator"),
            (
                with(&placement, "setting", json!("x".repeat(201))),
                "setting",
            ),
            (with(&custom, "required_days", json!(25.3)), "required_days"),
            // Wrong types.
            (
                with(&custom, "required_days", json!("ten")),
                "required_days",
            ),
            (with(&placement, "level", json!(1)), "level"),
            (
                with(&placement, "starts_on", json!(20_260_101)),
                "starts_on",
            ),
            (json!("a placement"), "body"),
        ] {
            cases.push((stu, *method, path.clone(), body, field));
        }
    }
    for (method, path) in &day_paths {
        for (body, field) in [
            (with(&day, "day", json!("2026-02-30")), "day"),
            (with(&day, "day", json!("next week")), "day"),
            (with(&day, "day", json!(days_ahead(1).to_string())), "day"),
            (with(&day, "portion", json!("quarter")), "portion"),
            (with(&day, "portion", json!("")), "portion"),
            (with(&day, "hours", json!(25)), "hours"),
            (with(&day, "hours", json!(-1)), "hours"),
            (with(&day, "activities", json!("")), "activities"),
            (with(&day, "hours", json!("seven")), "hours"),
            (with(&day, "entries", json!("5")), "entries"),
            (with(&day, "entries", json!(["x"])), "entries[0]"),
            (with(&day, "day", json!(true)), "day"),
        ] {
            cases.push((stu, *method, path.clone(), body, field));
        }
    }
    for (method, path) in &observation_paths {
        for token in [stu, pe] {
            for (body, field) in [
                (
                    with(&seen, "observed_on", json!("2026-02-30")),
                    "observed_on",
                ),
                (
                    with(&seen, "observed_on", json!(days_ahead(3).to_string())),
                    "observed_on",
                ),
                (with(&seen, "observer", json!("")), "observer"),
                (with(&seen, "observed", json!(" ")), "observed"),
                (with(&seen, "domains", json!(["PCF-10"])), "domains"),
                (with(&seen, "domains", json!(["Values"])), "domains"),
                (with(&seen, "domains", json!([])), "domains"),
                (with(&seen, "domains", json!("PCF-1")), "domains"),
                (with(&seen, "reflection", json!(["a list"])), "reflection"),
            ] {
                cases.push((token, *method, path.clone(), body, field));
            }
        }
    }
    for (body, field) in [
        (with(&evidence, "domains", json!(["PCF-10"])), "domains"),
        (with(&evidence, "domains", json!(["PCF-0"])), "domains"),
        (with(&evidence, "note", json!("")), "note"),
        (with(&evidence, "note", json!("x".repeat(1001))), "note"),
        (with(&evidence, "entry_id", json!("abc")), "entry_id"),
        (
            with(&evidence, "domains", json!({"PCF-1": true})),
            "domains",
        ),
    ] {
        cases.push((stu, Method::Post, format!("{api}/evidence"), body, field));
    }
    for (token, body, field) in [
        (stu, json!({}), "goals"),
        (
            pe,
            json!({"goals": "", "support": " ", "expectations": ""}),
            "goals",
        ),
        (stu, json!({"goals": 5}), "goals"),
        (stu, json!({"goals": "x".repeat(20_001)}), "goals"),
    ] {
        cases.push((token, Method::Put, format!("{api}/agreement"), body, field));
    }
    for (body, field) in [
        (
            with(&final_report, "recommendation", json!("distinction")),
            "recommendation",
        ),
        (
            with(&final_report, "recommendation", json!(true)),
            "recommendation",
        ),
        (with(&final_report, "progress", json!("")), "progress"),
    ] {
        cases.push((pe, Method::Put, format!("{api}/reviews/final"), body, field));
    }
    cases.push((
        pe,
        Method::Put,
        format!("{api}/reviews/midpoint"),
        with(&midpoint(), "recommendation", json!("pass")),
        "recommendation",
    ));
    let comments = format!("{api}/evidence/{}/comments", ids.evidence);
    cases.push((
        pe,
        Method::Post,
        comments.clone(),
        json!({"body": ""}),
        "body",
    ));
    cases.push((
        pe,
        Method::Post,
        comments.clone(),
        json!({"body": 3}),
        "body",
    ));
    cases.push((
        stu,
        Method::Post,
        format!("{api}/reviews/final/comment"),
        json!({"student_comment": ""}),
        "student_comment",
    ));
    cases.push((
        stu,
        Method::Post,
        format!("{api}/amendments"),
        json!({"document": "interim", "field": "goals", "text": "x", "reason": "y"}),
        "document",
    ));

    for (token, method, path, body, field) in &cases {
        let reply = app.api(*method, Some(token), path, Some(body.clone()));
        refused(&reply, &[field]);
        assert_eq!(
            snapshot(&app, &cast, ids.placement),
            before,
            "{method} {path} {body} changed something"
        );
    }

    // Malformed JSON is a bad request, wherever it is sent.
    for (method, path) in [
        (Method::Post, "/api/v1/placements".to_string()),
        (Method::Post, format!("{api}/days")),
        (Method::Put, format!("{api}/agreement")),
        (Method::Post, format!("{api}/evidence")),
        (Method::Post, format!("{api}/observations")),
    ] {
        for raw in [r#"{"day": "#, r#"{"goals": "x"} trailing"#, ""] {
            let reply = app.api_raw(method, &cast.stu, &path, raw);
            assert_eq!(
                reply.status,
                Status::BadRequest,
                "{method} {path} {raw}: {}",
                reply.body
            );
        }
    }
    assert_eq!(snapshot(&app, &cast, ids.placement), before);
}

#[test]
fn the_forms_show_each_refusal_by_its_field_and_keep_what_was_typed() {
    let app = TestApp::new();
    let cast = cast(&app);
    let ids = setup(&app, &cast);
    let before = snapshot(&app, &cast, ids.placement);
    let path = page_path(ids.placement);
    let pe = app.signed_in("pe");
    let stu = app.signed_in("stu");

    let shown = pe
        .post(
            &format!("{path}/observations"),
            &[
                ("observed_on", "2026-02-30"),
                ("observer", "Team manager"),
                ("observed", "A review meeting, chaired well."),
                ("domains", "PCF-10"),
            ],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    for field in ["observed_on", "domains"] {
        assert!(
            shown.contains(&format!("id=\"{field}-error\"")),
            "{field}: {shown}"
        );
    }
    assert!(shown.contains("A review meeting, chaired well."), "{shown}");
    assert!(shown.contains("PCF-10 is not a PCF domain"), "{shown}");

    let shown = stu
        .post(
            &format!("{path}/evidence"),
            &[("entry_id", "1"), ("note", "Values in practice.")],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(shown.contains("id=\"domains-error\""), "{shown}");
    assert!(shown.contains("Values in practice."), "{shown}");

    let shown = stu
        .post(
            &format!("{path}/agreement"),
            &[("goals", " "), ("support", ""), ("expectations", "")],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(shown.contains("id=\"goals-error\""), "{shown}");

    let shown = pe
        .post(
            &format!("{path}/reviews/final"),
            &[
                ("progress", "Capable."),
                ("recommendation", "distinction"),
                ("reasons", "Evidence."),
            ],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(shown.contains("id=\"recommendation-error\""), "{shown}");

    let shown = pe
        .post(
            &format!("{path}/evidence/{}/comments", ids.evidence),
            &[("body", "  ")],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(shown.contains("id=\"body-error\""), "{shown}");

    assert_eq!(snapshot(&app, &cast, ids.placement), before);
}

#[test]
fn a_json_array_is_not_a_placement() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = body("first", days_ago(30), days_ahead(90));
    // An array of the object is a body of the wrong type, named as such.
    refused(
        &app.post_json(&cast.stu, "/api/v1/placements", json!([placement])),
        &["body"],
    );
    // Nor are the fields taken by position.
    let positional = json!([
        "pe",
        "lisa",
        "Adult social care",
        "Hospital discharge",
        "first",
        null,
        days_ago(30).to_string(),
        days_ahead(90).to_string()
    ]);
    refused(
        &app.post_json(&cast.stu, "/api/v1/placements", positional),
        &["body"],
    );
    let listed = app.get_json(&cast.stu, "/api/v1/placements").json();
    assert_eq!(listed, json!([]));
}
