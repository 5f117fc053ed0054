//! Bad input, through the API: each mistake is refused with its field named, whether the record
//! is new or being changed, and nothing is stored; agreements likewise.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{
    agree, create, days_ago, days_ahead, draft, get, id, open_case, overview_line, pack, pair,
    pair_path, refused, session_path, sessions,
};
use crate::common::TestApp;

/// A small draft with one field replaced.
fn with(field: &str, value: Value) -> Value {
    let mut body = draft(days_ago(2));
    body[field] = value;
    body
}

#[test]
fn bad_records_are_refused_by_field_and_nothing_changes() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    // The supervisor's own case is not one the supervisee holds.
    open_case(&app, &sue, "SUE-1");
    app.post_json(
        &ann,
        &format!("{}/agenda", pair_path("sue")),
        json!({"body": "Leave plans"}),
    )
    .expect(Status::Created);
    let existing = id(&create(&app, &sue, "ann", draft(days_ago(9))));
    let snapshot = || {
        (
            sessions(&app, &sue, "ann"),
            super::actions(&app, &sue, "ann"),
            get(&app, &ann, existing),
            pack(&app, &ann, "sue")["agenda_items"].clone(),
            overview_line(&app, &sue, "ann"),
        )
    };
    let before = snapshot();
    assert_eq!(before.0.len(), 1);

    let case = |reference: &str| json!([{"case_reference": reference, "update": "Discussed."}]);
    let cases: Vec<(Value, &str)> = vec![
        (with("session_type", json!("supervision")), "session_type"),
        (with("duration_minutes", json!(0)), "duration_minutes"),
        (with("duration_minutes", json!(-30)), "duration_minutes"),
        (with("duration_minutes", json!(481)), "duration_minutes"),
        (
            with("case_discussions", case("NOPE-1")),
            "case_discussions[0].case_reference",
        ),
        (
            with("case_discussions", case("SUE-1")),
            "case_discussions[0].case_reference",
        ),
        (with("held_on", json!("yesterday")), "held_on"),
        (with("held_on", json!("2026-02-30")), "held_on"),
        (
            with("held_on", json!(days_ahead(61).to_string())),
            "held_on",
        ),
        (with("starts_at", json!("25:00")), "starts_at"),
        (
            with("agenda_functions", json!(["leadership"])),
            "agenda_functions",
        ),
        (
            with("next_session_on", json!(days_ago(3).to_string())),
            "next_session_on",
        ),
        (with("next_session_on", json!("soon")), "next_session_on"),
        (with("agenda", json!("x".repeat(20_001))), "agenda"),
        // Wrong types.
        (
            with("duration_minutes", json!("ninety")),
            "duration_minutes",
        ),
        (with("duration_minutes", json!(90.5)), "duration_minutes"),
        (with("about_placement", json!("yes")), "about_placement"),
        (with("agenda", json!(5)), "agenda"),
        (with("actions", json!({"description": "x"})), "actions"),
        (
            with("agenda_functions", json!("management")),
            "agenda_functions",
        ),
        (json!("not a record"), "body"),
    ];
    for (body, field) in &cases {
        let created = app.post_json(
            &ann,
            &format!("{}/sessions", pair_path("sue")),
            body.clone(),
        );
        refused(&created, &[field]);
        let updated = app.put_as_read(&sue, &session_path(existing), body.clone());
        refused(&updated, &[field]);
        assert_eq!(snapshot(), before, "after {body}");
    }
    // Malformed JSON is a bad request.
    for raw in [
        r#"{"held_on": "#,
        r#"{"held_on": "2026-01-01"} trailing"#,
        "",
    ] {
        let created = app.api_raw(
            Method::Post,
            &ann,
            &format!("{}/sessions", pair_path("sue")),
            raw,
        );
        assert_eq!(
            created.status,
            Status::BadRequest,
            "{raw}: {}",
            created.body
        );
        let updated = app.api_raw(Method::Put, &sue, &session_path(existing), raw);
        assert_eq!(
            updated.status,
            Status::BadRequest,
            "{raw}: {}",
            updated.body
        );
    }
    assert_eq!(snapshot(), before);

    // The messages say what is wrong.
    let reply = app.post_json(
        &ann,
        &format!("{}/sessions", pair_path("sue")),
        with("session_type", json!("supervision")),
    );
    assert!(reply.body.contains("individual"), "{}", reply.body);
    let reply = app.post_json(
        &ann,
        &format!("{}/sessions", pair_path("sue")),
        with("case_discussions", case("SUE-1")),
    );
    assert!(reply.body.contains("SUE-1"), "{}", reply.body);

    // The limits themselves are accepted; a reference in any case is the supervisee's own.
    let edge = create(
        &app,
        &ann,
        "sue",
        with("held_on", json!(days_ahead(60).to_string())),
    );
    assert_eq!(edge["held_on"], days_ahead(60).to_string());
    let mut lower = with("case_discussions", case("fam-1"));
    lower["duration_minutes"] = json!(480);
    let lower = create(&app, &ann, "sue", lower);
    assert_eq!(lower["case_discussions"][0]["case_reference"], "FAM-1");
    assert_eq!(lower["duration_minutes"], 480);
}

#[test]
fn bad_agreements_are_refused_by_field_and_the_agreement_stays_as_it_was() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let path = format!("{}/agreement", pair_path("ann"));
    // With no agreement yet, a bad one creates none.
    refused(
        &app.put_json(
            &sue,
            &path,
            json!({"frequency": "daily", "starts_on": "2026-01-05",
                                          "cancellation": "Rearranged."}),
        ),
        &["frequency"],
    );
    assert_eq!(app.get_json(&sue, &path).status, Status::NotFound);

    let agreed = agree(&app, &sue, "ann", "monthly", days_ago(30));
    let good = json!({"frequency": "weekly", "starts_on": days_ago(30).to_string(),
                      "usual_minutes": 60, "cancellation": "Rearranged."});
    let change = |field: &str, value: Value| {
        let mut body = good.clone();
        body[field] = value;
        body
    };
    for (body, field) in [
        (change("frequency", json!("daily")), "frequency"),
        (change("frequency", json!("")), "frequency"),
        (change("starts_on", json!("soon")), "starts_on"),
        (change("starts_on", json!("2026-13-45")), "starts_on"),
        (change("usual_minutes", json!(5)), "usual_minutes"),
        (change("usual_minutes", json!("an hour")), "usual_minutes"),
        (change("cancellation", json!("  ")), "cancellation"),
        (change("frequency", json!(7)), "frequency"),
    ] {
        let from_ann = format!("{}/agreement", pair_path("sue"));
        refused(&app.put_json(&ann, &from_ann, body.clone()), &[field]);
        refused(&app.put_json(&sue, &path, body.clone()), &[field]);
        assert_eq!(
            app.get_json(&ann, &from_ann).json()["frequency"],
            "monthly",
            "after {body}"
        );
    }
    assert_eq!(app.get_json(&sue, &path).expect(Status::Ok).json(), agreed);
    let malformed = app.api_raw(Method::Put, &sue, &path, "{");
    assert_eq!(malformed.status, Status::BadRequest, "{}", malformed.body);
    assert_eq!(app.get_json(&sue, &path).json(), agreed);
}
