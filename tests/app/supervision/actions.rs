//! Actions: agreed in a record, listed late first, done or dropped (with a reason); an owner
//! outside the session or an impossible due date is refused with the field named and nothing
//! changed. Reviews in the next record are in `reviews`.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    Planned, action_path, actions, create, days_ago, days_ahead, descriptions, get, id,
    overview_line, pair, pair_path, refused, session_path, sessions, the, today, with_actions,
};
use crate::common::TestApp;

#[test]
fn actions_are_listed_late_first_and_are_done_or_dropped_with_a_reason() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(20),
            &[
                ("Book the course", "ann", days_ahead(10).to_string()),
                ("Update the chronology", "ann", days_ago(5).to_string()),
                ("Send the report", "sue", days_ago(1).to_string()),
                ("Ask for a second worker", "sue", days_ahead(3).to_string()),
            ],
        ),
    );
    let listed = actions(&app, &ann, "sue");
    assert_eq!(
        descriptions(&listed),
        [
            "Update the chronology",
            "Send the report",
            "Ask for a second worker",
            "Book the course"
        ]
    );
    let overdue: Vec<bool> = listed
        .iter()
        .map(|action| action["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [true, true, false, false]);
    assert_eq!(the(&listed, "Send the report")["owner"], "sue");
    assert_eq!(actions(&app, &sue, "ann"), listed);
    let line = overview_line(&app, &sue, "ann");
    assert_eq!(
        (
            line["open_actions"].clone(),
            line["overdue_actions"].clone()
        ),
        (json!(4), json!(2))
    );

    // Done: completed today.
    let done = app
        .put_json(
            &ann,
            &action_path(the(&listed, "Ask for a second worker")),
            json!({"status": "done"}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(done["status"], "done");
    assert_eq!(done["completed_on"], today().to_string());
    assert_eq!(done["overdue"], false);

    // Dropped needs a reason; without one nothing changes.
    let report = action_path(the(&listed, "Send the report"));
    refused(
        &app.put_json(&sue, &report, json!({"status": "dropped"})),
        &["reason"],
    );
    refused(
        &app.put_json(&sue, &report, json!({"status": "dropped", "reason": "  "})),
        &["reason"],
    );
    refused(
        &app.put_json(&sue, &report, json!({"status": "finished"})),
        &["status"],
    );
    // A missing status is refused against the status field.
    let missing = app.put_json(&sue, &report, json!({"reason": "no status"}));
    refused(&missing, &["status"]);
    assert_eq!(
        the(&actions(&app, &sue, "ann"), "Send the report")["status"],
        "open"
    );
    let dropped = app
        .put_json(
            &sue,
            &report,
            json!({"status": "dropped", "reason": "The court no longer needs it"}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(dropped["status"], "dropped");
    assert_eq!(dropped["status_reason"], "The court no longer needs it");
    assert_eq!(dropped["completed_on"], Value::Null);

    // Late and open first, then the rest by due date; filters by status.
    let listed = actions(&app, &sue, "ann");
    assert_eq!(
        descriptions(&listed),
        [
            "Update the chronology",
            "Book the course",
            "Send the report",
            "Ask for a second worker"
        ]
    );
    let filtered = |status: &str| {
        descriptions(
            app.get_json(
                &ann,
                &format!("{}/actions?status={status}", pair_path("sue")),
            )
            .expect(Status::Ok)
            .json()
            .as_array()
            .unwrap(),
        )
    };
    assert_eq!(
        filtered("open"),
        ["Update the chronology", "Book the course"]
    );
    assert_eq!(filtered("done"), ["Ask for a second worker"]);
    assert_eq!(filtered("dropped"), ["Send the report"]);
    refused(
        &app.get_json(&ann, &format!("{}/actions?status=late", pair_path("sue"))),
        &["status"],
    );
    let line = overview_line(&app, &ann, "sue");
    assert_eq!(
        (
            line["open_actions"].clone(),
            line["overdue_actions"].clone()
        ),
        (json!(2), json!(1))
    );
}

#[test]
fn an_owner_outside_the_session_or_an_impossible_due_date_is_refused_and_nothing_changes() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let (otto, _) = pair(&app, "otto", "bob");
    let existing = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(10),
            &[("Existing action", "ann", days_ahead(4).to_string())],
        ),
    );
    let existing_id = id(&existing);
    let good = ("Fine", "ann", days_ahead(7).to_string());
    let cases: Vec<(Vec<Planned>, &str)> = vec![
        (
            vec![("Ring the school", "otto", days_ahead(7).to_string())],
            "actions[0].owner",
        ),
        (
            vec![("Ring the school", "bob", days_ahead(7).to_string())],
            "actions[0].owner",
        ),
        (
            vec![("Ring the school", "nobody", days_ahead(7).to_string())],
            "actions[0].owner",
        ),
        (
            vec![("Ring the school", "", days_ahead(7).to_string())],
            "actions[0].owner",
        ),
        (
            vec![("Ring the school", "ann", "2026-13-45".into())],
            "actions[0].due_on",
        ),
        (
            vec![("Ring the school", "ann", "next week".into())],
            "actions[0].due_on",
        ),
        (
            vec![("Ring the school", "ann", "2026-02-30".into())],
            "actions[0].due_on",
        ),
        (
            vec![
                good.clone(),
                ("Ring the school", "sue", "2026-13-45".into()),
            ],
            "actions[1].due_on",
        ),
        (
            vec![good, ("Ring the school", "otto", days_ahead(7).to_string())],
            "actions[1].owner",
        ),
    ];
    let counted = || {
        (
            sessions(&app, &sue, "ann").len(),
            actions(&app, &sue, "ann").len(),
            get(&app, &sue, existing_id),
            actions(&app, &otto, "bob").len(),
        )
    };
    let before = counted();
    assert_eq!((before.0, before.1, before.3), (1, 1, 0));
    for (list, field) in &cases {
        let body = with_actions(days_ago(2), list);
        let created = app.post_json(
            &ann,
            &format!("{}/sessions", pair_path("sue")),
            body.clone(),
        );
        refused(&created, &[field]);
        let updated = app.put_as_read(&sue, &session_path(existing_id), body);
        refused(&updated, &[field]);
        assert_eq!(counted(), before, "after {list:?}");
    }
    // The messages say what is wrong.
    let owner = app.post_json(
        &ann,
        &format!("{}/sessions", pair_path("sue")),
        with_actions(
            days_ago(2),
            &[("Ring the school", "otto", days_ahead(7).to_string())],
        ),
    );
    assert!(
        owner.body.contains("supervisor or the supervisee"),
        "{}",
        owner.body
    );
    // Both mistakes at once are both named.
    let both = app.post_json(
        &ann,
        &format!("{}/sessions", pair_path("sue")),
        with_actions(
            days_ago(2),
            &[("Ring the school", "otto", "next week".into())],
        ),
    );
    refused(&both, &["actions[0].owner", "actions[0].due_on"]);
    assert_eq!(counted(), before);
}
