//! Earlier actions reviewed in the next record (done, dropped with a reason, carried
//! forward), which updates them; a review that names an action twice is refused; and editing
//! a record that is not yet signed by both leaves its actions' progress and any later locked
//! record as they were, through the API and through the page's form.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    action_path, actions, create, days_ago, days_ahead, draft, get, id, lock, pair, pair_path,
    refused, session_path, sessions, sign, the, with_actions,
};
use crate::common::TestApp;

#[test]
fn the_next_record_reviews_earlier_actions_and_updates_their_status() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    app.user("bob", "practitioner");
    app.link("sue", "bob", LinkKind::Line);
    let bob = app.token("bob");
    let first = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(30),
            &[
                ("Chase the health visitor", "ann", days_ago(20).to_string()),
                ("Arrange a joint visit", "sue", days_ago(10).to_string()),
                ("Finish the assessment", "ann", days_ahead(5).to_string()),
            ],
        ),
    );
    let ids: Vec<i64> = first["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(id)
        .collect();
    let bob_action = id(&create(
        &app,
        &bob,
        "sue",
        with_actions(
            days_ago(9),
            &[("Bob's action", "bob", days_ahead(2).to_string())],
        ),
    )["actions"][0]);
    let before = (sessions(&app, &sue, "ann"), actions(&app, &sue, "ann"));

    let reviewing = |reviews: Value| {
        let mut body = draft(days_ago(3));
        body["action_reviews"] = reviews;
        body
    };
    let post = |body: Value| app.post_json(&ann, &format!("{}/sessions", pair_path("sue")), body);
    // Dropped without a reason, an unknown outcome, another pair's action: refused.
    refused(
        &post(reviewing(json!([
            {"action_id": ids[0], "outcome": "done"},
            {"action_id": ids[1], "outcome": "dropped"}
        ]))),
        &["action_reviews[1].reason"],
    );
    refused(
        &post(reviewing(
            json!([{"action_id": ids[0], "outcome": "finished"}]),
        )),
        &["action_reviews[0].outcome"],
    );
    refused(
        &post(reviewing(
            json!([{"action_id": bob_action, "outcome": "done"}]),
        )),
        &["action_reviews[0].action_id"],
    );
    assert_eq!(
        (sessions(&app, &sue, "ann"), actions(&app, &sue, "ann")),
        before
    );

    let second = create(
        &app,
        &ann,
        "sue",
        reviewing(json!([
            {"action_id": ids[0], "outcome": "done"},
            {"action_id": ids[1], "outcome": "dropped", "reason": "Police visited instead"},
            {"action_id": ids[2], "outcome": "carried_forward"}
        ])),
    );
    let reviews: Vec<(i64, &str, &str, &str)> = second["action_reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|review| {
            (
                review["action_id"].as_i64().unwrap(),
                review["description"].as_str().unwrap(),
                review["outcome"].as_str().unwrap(),
                review["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reviews,
        [
            (ids[0], "Chase the health visitor", "done", ""),
            (
                ids[1],
                "Arrange a joint visit",
                "dropped",
                "Police visited instead"
            ),
            (ids[2], "Finish the assessment", "carried_forward", ""),
        ]
    );
    let listed = actions(&app, &sue, "ann");
    let chased = the(&listed, "Chase the health visitor");
    assert_eq!(chased["status"], "done");
    assert_eq!(chased["completed_on"], days_ago(3).to_string());
    let visit = the(&listed, "Arrange a joint visit");
    assert_eq!(visit["status"], "dropped");
    assert_eq!(visit["status_reason"], "Police visited instead");
    assert_eq!(the(&listed, "Finish the assessment")["status"], "open");
    // The first record shows its actions as they now stand.
    let first_now = get(&app, &ann, id(&first));
    assert_eq!(first_now["actions"][0]["status"], "done");
    // Bob's action is untouched.
    assert_eq!(actions(&app, &bob, "sue")[0]["status"], "open");
}

#[test]
fn the_same_action_reviewed_twice_in_one_record_is_refused_by_field() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let first = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(30),
            &[("Chase the school", "ann", days_ago(20).to_string())],
        ),
    );
    let action = id(&first["actions"][0]);
    let before = (sessions(&app, &sue, "ann"), actions(&app, &sue, "ann"));
    let mut body = draft(days_ago(3));
    body["action_reviews"] = json!([
        {"action_id": action, "outcome": "done"},
        {"action_id": action, "outcome": "dropped", "reason": "Changed my mind"}
    ]);
    let created = app.post_json(
        &ann,
        &format!("{}/sessions", pair_path("sue")),
        body.clone(),
    );
    refused(&created, &["action_reviews[1].action_id"]);
    let second = id(&create(&app, &ann, "sue", draft(days_ago(3))));
    let updated = app.put_as_read(&ann, &session_path(second), body);
    refused(&updated, &["action_reviews[1].action_id"]);
    assert_eq!(actions(&app, &sue, "ann"), before.1);
    assert_eq!(sessions(&app, &sue, "ann").len(), before.0.len() + 1);
}

#[test]
fn editing_an_unsigned_record_keeps_its_actions_progress_and_later_records_reviews() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let body = with_actions(
        days_ago(30),
        &[
            ("Chase the health visitor", "ann", days_ago(20).to_string()),
            ("Book the course", "ann", days_ahead(20).to_string()),
        ],
    );
    let first = create(&app, &sue, "ann", body.clone());
    let first_id = id(&first);
    let chase = id(&first["actions"][0]);
    let course = &first["actions"][1];
    // Only the supervisor has signed the first record: it can still be edited.
    sign(&app, &sue, first_id);
    // The second record reviews the first's action and is signed by both.
    let mut later = draft(days_ago(5));
    later["action_reviews"] = json!([{"action_id": chase, "outcome": "done"}]);
    let second_id = id(&create(&app, &ann, "sue", later));
    lock(&app, &sue, &ann, second_id);
    // The other action is done between sessions.
    app.put_json(&ann, &action_path(course), json!({"status": "done"}))
        .expect(Status::Ok);
    let second_before = get(&app, &sue, second_id);
    let actions_before = actions(&app, &sue, "ann");

    // Ann corrects a typo in the first record's agenda: refused, since a later record has
    // already reviewed what it agreed.
    let mut corrected = body;
    corrected["agenda"] = json!("Caseload and wellbeing (corrected).");
    let reply = app.put_as_read(&ann, &session_path(first_id), corrected);
    assert_eq!(reply.status, Status::Conflict, "{}", reply.body);
    assert!(reply.body.contains("later record"), "{}", reply.body);

    // The locked second record is exactly as signed, review included.
    assert_eq!(
        get(&app, &sue, second_id),
        second_before,
        "editing the earlier draft changed the locked later record"
    );
    // The actions keep their ids and what has happened to them.
    assert_eq!(
        actions(&app, &sue, "ann"),
        actions_before,
        "editing the draft reset its actions"
    );
}

/// The record as the API gives it, as a body to send back: its actions carry their ids.
fn as_sent(record: &Value) -> Value {
    let mut body = with_actions(record["held_on"].as_str().unwrap().parse().unwrap(), &[]);
    body["agenda"] = record["agenda"]["text"].clone();
    body["actions"] = record["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| {
            json!({"id": action["id"], "description": action["description"],
                   "owner": action["owner"], "due_on": action["due_on"]})
        })
        .collect();
    body
}

#[test]
fn editing_a_draft_keeps_the_ids_and_progress_of_the_actions_it_still_lists() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let first = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(10),
            &[
                ("Book the course", "ann", days_ahead(20).to_string()),
                ("Call the school", "sue", days_ahead(5).to_string()),
            ],
        ),
    );
    let first_id = id(&first);
    let (course, school) = (id(&first["actions"][0]), id(&first["actions"][1]));
    app.put_json(
        &ann,
        &action_path(&first["actions"][0]),
        json!({"status": "done"}),
    )
    .expect(Status::Ok);

    // The course's due date is corrected, the school call removed and a new action added.
    let mut body = as_sent(&get(&app, &ann, first_id));
    body["actions"] = json!([
        {"id": course, "description": "Book the course", "owner": "ann",
         "due_on": days_ahead(30).to_string()},
        {"description": "Write to the IRO", "owner": "ann", "due_on": days_ahead(7).to_string()}
    ]);
    let saved = app
        .put_as_read(&ann, &session_path(first_id), body)
        .expect(Status::Ok)
        .json();
    let listed = saved["actions"].as_array().unwrap().clone();
    assert_eq!(listed.len(), 2, "{saved}");
    let booked = the(&listed, "Book the course");
    assert_eq!(id(booked), course);
    assert_eq!(booked["status"], "done", "the edit reopened a done action");
    assert_eq!(booked["due_on"], days_ahead(30).to_string());
    let iro = the(&listed, "Write to the IRO");
    assert!(id(iro) != school && id(iro) != course);
    assert_eq!(iro["status"], "open");
    let all = actions(&app, &sue, "ann");
    assert!(
        all.iter().all(|action| id(action) != school),
        "the removed action is still listed: {all:?}"
    );

    // An id that is not one of this record's actions is refused, and nothing changes.
    let other = id(&create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(2),
            &[("Other record's action", "sue", days_ahead(3).to_string())],
        ),
    )["actions"][0]);
    let before = (get(&app, &sue, first_id), actions(&app, &sue, "ann"));
    for stranger in [school, other] {
        let mut body = as_sent(&before.0);
        body["actions"][1]["id"] = json!(stranger);
        refused(
            &app.put_as_read(&ann, &session_path(first_id), body),
            &["actions[1].id"],
        );
    }
    assert_eq!(
        (get(&app, &sue, first_id), actions(&app, &sue, "ann")),
        before
    );
}

#[test]
fn the_edit_form_sent_back_unchanged_keeps_reviews_and_action_progress() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let first = create(
        &app,
        &sue,
        "ann",
        with_actions(
            days_ago(30),
            &[
                ("Chase the health visitor", "ann", days_ago(20).to_string()),
                ("Arrange a joint visit", "sue", days_ago(10).to_string()),
            ],
        ),
    );
    let (chase, visit) = (id(&first["actions"][0]), id(&first["actions"][1]));
    // The next record, still a draft, reviews both and agrees an action of its own, which
    // is then done between sessions.
    let mut body = with_actions(
        days_ago(3),
        &[("Send the minutes", "sue", days_ahead(4).to_string())],
    );
    body["action_reviews"] = json!([
        {"action_id": chase, "outcome": "done"},
        {"action_id": visit, "outcome": "dropped", "reason": "Police visited instead"}
    ]);
    let second = create(&app, &ann, "sue", body);
    let second_id = id(&second);
    app.put_json(
        &sue,
        &action_path(&second["actions"][0]),
        json!({"status": "done"}),
    )
    .expect(Status::Ok);
    let before = (get(&app, &sue, second_id), actions(&app, &sue, "ann"));

    let browser = app.signed_in("ann");
    let path = format!("/supervision/sessions/{second_id}");
    let form = browser.get(&format!("{path}/edit")).expect(Status::Ok).body;
    let fields = crate::forms::form_values(&form, &path);
    let reviewed: Vec<&str> = fields
        .iter()
        .filter(|(name, _)| name.ends_with(".action_id"))
        .map(|(_, value)| value.as_str())
        .collect();
    // Both reviewed actions are offered again with their outcomes; the record's own is not.
    assert_eq!(reviewed, [chase.to_string(), visit.to_string()], "{form}");
    assert!(fields.contains(&("action_reviews[1].outcome".into(), "dropped".into())));
    crate::forms::submit(&browser, &path, &fields).expect(Status::SeeOther);

    let (record, listed) = (get(&app, &sue, second_id), actions(&app, &sue, "ann"));
    assert_eq!(record["action_reviews"], before.0["action_reviews"]);
    assert_eq!(record["actions"], before.0["actions"]);
    assert_eq!(listed, before.1);
    assert_eq!(the(&listed, "Chase the health visitor")["status"], "done");
    assert_eq!(the(&listed, "Arrange a joint visit")["status"], "dropped");
    assert_eq!(the(&listed, "Send the minutes")["status"], "done");
}
