//! A record's life: either party drafts it, both sign it, and then it is locked; changes after
//! that are amendments with who, when and why, the original staying readable; the supervisee
//! comments and notes disagreement; the Markdown download carries all of it.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    create, days_ago, days_ahead, draft, get, id, in_london, lock, open_case, pair, refused,
    session_path, sessions, sign, stamp,
};
use crate::common::TestApp;

/// A full record of a session between sue and ann, about ann's case FAM-1.
fn full_record() -> Value {
    json!({
        "held_on": days_ago(2).to_string(),
        "starts_at": "10:00",
        "duration_minutes": 75,
        "session_type": "individual",
        "attendees": "Team manager (first half)",
        "agenda": "Caseload review; the duty week.",
        "agenda_functions": ["management"],
        "workload": "Twenty-six cases, two in proceedings.",
        "workload_functions": ["management"],
        "wellbeing": "Tired after the duty week; taking leave on Friday.",
        "wellbeing_functions": ["support"],
        "development": "Booked onto the neglect course.",
        "development_functions": ["development"],
        "case_discussions": [{
            "case_reference": "FAM-1",
            "update": "Core group held.",
            "risks": "Missed health appointments.",
            "strengths": "Gran is engaged.",
            "decision": "Stay on the plan: progress is steady.",
            "functions": ["management", "development"]
        }],
        "actions": [{"description": "Update the chronology", "owner": "ann",
                     "due_on": days_ahead(14).to_string()}],
        "next_session_on": days_ahead(26).to_string()
    })
}

#[test]
fn either_party_drafts_and_when_both_have_signed_the_record_is_locked() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    let started = praxis::platform::clock::now();

    // The supervisee drafts, naming the pair from her side.
    let record = create(&app, &ann, "sue", full_record());
    let record_id = id(&record);
    assert_eq!(record["supervisor"], "sue");
    assert_eq!(record["supervisee"], "ann");
    assert_eq!(record["held_on"], days_ago(2).to_string());
    assert_eq!(record["starts_at"], "10:00");
    assert_eq!(record["duration_minutes"], 75);
    assert_eq!(record["session_type"], "individual");
    assert_eq!(record["attendees"], "Team manager (first half)");
    assert_eq!(record["about_placement"], false);
    assert_eq!(
        record["wellbeing"],
        json!({"text": "Tired after the duty week; taking leave on Friday.",
               "functions": ["support"]})
    );
    let case = &record["case_discussions"][0];
    assert_eq!(case["case_reference"], "FAM-1");
    assert_eq!(case["decision"], "Stay on the plan: progress is steady.");
    assert_eq!(case["functions"], json!(["management", "development"]));
    let action = &record["actions"][0];
    assert_eq!(action["description"], "Update the chronology");
    assert_eq!(action["owner"], "ann");
    assert_eq!(action["due_on"], days_ahead(14).to_string());
    assert_eq!(action["status"], "open");
    assert_eq!(record["next_session_on"], days_ahead(26).to_string());
    assert_eq!(record["supervisor_signed_at"], Value::Null);
    assert_eq!(record["supervisee_signed_at"], Value::Null);
    assert_eq!(record["locked"], false);
    assert_eq!(record["amendments"], json!([]));
    assert_eq!(record["comments"], json!([]));
    // Both read the same record.
    assert_eq!(get(&app, &sue, record_id), get(&app, &ann, record_id));

    // The supervisor drafts too.
    let other = create(&app, &sue, "ann", draft(days_ago(30)));
    assert_eq!(other["supervisor"], "sue");
    assert_eq!(sessions(&app, &sue, "ann").len(), 2);

    // One signature: timestamped, not yet locked, still editable.
    let once = sign(&app, &sue, record_id);
    let supervisor_signed = stamp(&once["supervisor_signed_at"]);
    assert!(supervisor_signed >= started, "{once}");
    assert_eq!(once["supervisee_signed_at"], Value::Null);
    assert_eq!(once["locked"], false);

    // Both: locked.
    let locked = sign(&app, &ann, record_id);
    assert_eq!(stamp(&locked["supervisor_signed_at"]), supervisor_signed);
    assert!(stamp(&locked["supervisee_signed_at"]) >= supervisor_signed);
    assert_eq!(locked["locked"], true);

    // Direct edits are refused by either party and change nothing.
    let before = get(&app, &sue, record_id);
    let mut changed = full_record();
    changed["wellbeing"] = json!("Rewritten after signing.");
    for token in [&sue, &ann] {
        let reply = app.put_as_read(token, &session_path(record_id), changed.clone());
        assert_eq!(reply.status, Status::Conflict, "{}", reply.body);
        assert!(reply.body.contains("amendment"), "{}", reply.body);
    }
    assert_eq!(get(&app, &sue, record_id), before);
}

#[test]
fn editing_after_one_signature_clears_it() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(3))));
    sign(&app, &ann, record_id);

    let mut changed = draft(days_ago(3));
    changed["wellbeing"] = json!("Corrected: leave is next week.");
    let edited = app
        .put_as_read(&sue, &session_path(record_id), changed)
        .expect(Status::Ok)
        .json();
    assert_eq!(
        edited["wellbeing"]["text"],
        "Corrected: leave is next week."
    );
    // Ann signed the earlier text, so her signature is gone.
    assert_eq!(edited["supervisee_signed_at"], Value::Null);
    assert_eq!(edited["supervisor_signed_at"], Value::Null);
    assert_eq!(edited["locked"], false);

    // Both sign the corrected text.
    let locked = lock(&app, &sue, &ann, record_id);
    assert_eq!(
        locked["wellbeing"]["text"],
        "Corrected: leave is next week."
    );
}

#[test]
fn amendments_after_the_lock_record_who_when_why_and_keep_the_original() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    let record_id = id(&create(&app, &sue, "ann", full_record()));
    let amend = |token: &str, body: Value| {
        app.post_json(
            token,
            &format!("{}/amendments", session_path(record_id)),
            body,
        )
    };

    // Before both have signed there is nothing to amend: edit it instead.
    sign(&app, &sue, record_id);
    let early = amend(
        &sue,
        json!({"field": "wellbeing", "text": "Early change.", "reason": "Why not"}),
    );
    assert_eq!(early.status, Status::Conflict, "{}", early.body);
    assert!(early.body.contains("directly"), "{}", early.body);
    assert_eq!(get(&app, &sue, record_id)["amendments"], json!([]));

    let signed = lock(&app, &sue, &ann, record_id);
    let case_id = id(&signed["case_discussions"][0]);
    let started = praxis::platform::clock::now();

    // Sue amends the wellbeing part.
    let reply = amend(
        &sue,
        json!({"field": "wellbeing", "text": "Tired after the duty week; leave moved to Monday.",
               "reason": "Leave date was wrong"}),
    )
    .expect(Status::Created);
    assert_eq!(
        reply.location(),
        Some(session_path(record_id).as_str()),
        "{}",
        reply.body
    );
    let amended = reply.json();
    assert_eq!(
        amended["wellbeing"]["text"],
        "Tired after the duty week; leave moved to Monday."
    );
    let first = &amended["amendments"][0];
    assert_eq!(first["field"], "wellbeing");
    assert_eq!(
        first["previous_text"],
        "Tired after the duty week; taking leave on Friday."
    );
    assert_eq!(
        first["new_text"],
        "Tired after the duty week; leave moved to Monday."
    );
    assert_eq!(first["reason"], "Leave date was wrong");
    assert_eq!(first["author"], "sue");
    assert_eq!(first["field_label"], "Wellbeing and support");
    assert!(stamp(&first["created_at"]) >= started, "{first}");
    // The record is still locked and the signatures are the ones given.
    assert_eq!(amended["locked"], true);
    assert_eq!(
        amended["supervisor_signed_at"],
        signed["supervisor_signed_at"]
    );
    assert_eq!(
        amended["supervisee_signed_at"],
        signed["supervisee_signed_at"]
    );

    // Ann amends a case decision; then sue amends the wellbeing part again.
    let field = format!("case:{case_id}:decision");
    amend(
        &ann,
        json!({"field": field, "text": "Stay on the plan; review at the core group.",
               "reason": "Decision left out the review"}),
    )
    .expect(Status::Created);
    let third = amend(
        &sue,
        json!({"field": "wellbeing", "text": "Leave moved to Tuesday.", "reason": "Moved again"}),
    )
    .expect(Status::Created)
    .json();
    let amendments = third["amendments"].as_array().unwrap();
    assert_eq!(amendments.len(), 3, "{third}");
    assert_eq!(amendments[1]["field"], field.as_str());
    assert_eq!(amendments[1]["author"], "ann");
    assert_eq!(
        amendments[1]["previous_text"],
        "Stay on the plan: progress is steady."
    );
    // Each amendment starts from the text as it then stood.
    assert_eq!(
        amendments[2]["previous_text"],
        "Tired after the duty week; leave moved to Monday."
    );
    assert_eq!(third["wellbeing"]["text"], "Leave moved to Tuesday.");
    assert_eq!(
        third["case_discussions"][0]["decision"],
        "Stay on the plan; review at the core group."
    );

    // Amendments that say nothing useful are refused and recorded nowhere.
    for (body, field) in [
        (
            json!({"field": "title", "text": "x", "reason": "Because"}),
            "field",
        ),
        (
            json!({"field": "case:999999:decision", "text": "x", "reason": "Because"}),
            "field",
        ),
        (
            json!({"field": "agenda", "text": "New agenda", "reason": "   "}),
            "reason",
        ),
        (
            json!({"field": "wellbeing", "text": "Leave moved to Tuesday.", "reason": "Same"}),
            "text",
        ),
    ] {
        refused(&amend(&sue, body), &[field]);
    }
    let bad_type = amend(&sue, json!({"field": "agenda", "text": 3, "reason": "x"}));
    refused(&bad_type, &["text"]);
    assert_eq!(get(&app, &ann, record_id), third);
}

#[test]
fn the_supervisee_comments_and_notes_disagreement_and_comments_stay_after_the_lock() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(3))));
    let comment = |token: &str, body: Value| {
        app.post_json(
            token,
            &format!("{}/comments", session_path(record_id)),
            body,
        )
    };

    let disagreed = comment(
        &ann,
        json!({"body": "The workload is understated.", "disagrees": true}),
    )
    .expect(Status::Created)
    .json();
    assert_eq!(
        disagreed["comments"][0]["body"],
        "The workload is understated."
    );
    assert_eq!(disagreed["comments"][0]["disagrees"], true);
    assert_eq!(disagreed["comments"][0]["author_name"], "ann");

    // The supervisor comments, but cannot mark disagreement.
    let refusal = comment(&sue, json!({"body": "I disagree too.", "disagrees": true}));
    refused(&refusal, &["disagrees"]);
    refused(&comment(&ann, json!({"body": "   "})), &["body"]);
    assert_eq!(
        get(&app, &sue, record_id)["comments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    comment(
        &sue,
        json!({"body": "Noted; we will revisit caseload weighting."}),
    )
    .expect(Status::Created);

    // Signing locks the text, not the conversation: comments stay and more can be added.
    lock(&app, &sue, &ann, record_id);
    let after = comment(
        &ann,
        json!({"body": "Still disagree after signing.", "disagrees": true}),
    )
    .expect(Status::Created)
    .json();
    let comments: Vec<(&str, bool, &str)> = after["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["author_name"].as_str().unwrap(),
                c["disagrees"].as_bool().unwrap(),
                c["body"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        comments,
        vec![
            ("ann", true, "The workload is understated."),
            ("sue", false, "Noted; we will revisit caseload weighting."),
            ("ann", true, "Still disagree after signing."),
        ]
    );
    assert_eq!(after["locked"], true);
}

#[test]
fn the_markdown_download_has_both_signatures_the_amendments_and_the_comments() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    let record_id = id(&create(&app, &sue, "ann", full_record()));
    app.post_json(
        &ann,
        &format!("{}/comments", session_path(record_id)),
        json!({"body": "I see the risks differently.", "disagrees": true}),
    )
    .expect(Status::Created);
    let locked = lock(&app, &sue, &ann, record_id);
    app.post_json(
        &sue,
        &format!("{}/amendments", session_path(record_id)),
        json!({"field": "development", "text": "Booked onto the neglect and DV courses.",
               "reason": "Second course confirmed"}),
    )
    .expect(Status::Created);

    let browser = app.signed_in("ann");
    let download = browser
        .get_bytes(&format!("/supervision/sessions/{record_id}/record.md"))
        .expect(Status::Ok);
    assert_eq!(download.header("Content-Type"), Some("text/markdown"));
    assert_eq!(
        download.header("Content-Disposition"),
        Some(format!("attachment; filename=\"supervision-{}.md\"", days_ago(2)).as_str())
    );
    let text = String::from_utf8(download.bytes).unwrap();
    let signed = |field: &str| in_london(stamp(&locked[field]), "%d %B %Y at %H:%M %Z");
    for expected in [
        format!(
            "# Supervision record, {}",
            days_ago(2).format("%A %d %B %Y")
        ),
        "- **Supervisor:** sue".to_string(),
        "- **Supervisee:** ann".to_string(),
        format!("- Signed by sue on {}", signed("supervisor_signed_at")),
        format!("- Signed by ann on {}", signed("supervisee_signed_at")),
        "## Amendments after sign-off".to_string(),
        "Reason: Second course confirmed".to_string(),
        "Was:\n\n> Booked onto the neglect course.".to_string(),
        "Now:\n\n> Booked onto the neglect and DV courses.".to_string(),
        "## Comments".to_string(),
        "- ann (disagrees with the record)".to_string(),
        "I see the risks differently.".to_string(),
        "## Case FAM-1".to_string(),
        "**Decision and reasons:** Stay on the plan: progress is steady.".to_string(),
        "| Update the chronology | ann |".to_string(),
    ] {
        assert!(text.contains(&expected), "{expected:?} in:\n{text}");
    }
    // The amended part is named by its field or its label.
    assert!(
        regex::Regex::new(r"### (development|Development and CPD) by sue on \d{2} \w+ \d{4} at")
            .unwrap()
            .is_match(&text),
        "{text}"
    );
    // The development part reads as it now stands.
    assert!(
        text.contains("## Development and CPD\n\nBooked onto the neglect and DV courses."),
        "{text}"
    );
}

#[test]
fn signing_again_after_the_lock_leaves_the_signatures_as_given() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(3))));
    let locked = lock(&app, &sue, &ann, record_id);
    // Timestamps are to the second: wait so that a new signature would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for token in [&sue, &ann] {
        let reply = app.sign_as_read(token, &format!("{}/sign", session_path(record_id)));
        assert!(
            [Status::Ok, Status::Conflict].contains(&reply.status),
            "{}",
            reply.body
        );
    }
    let now = get(&app, &sue, record_id);
    assert_eq!(
        now["supervisor_signed_at"], locked["supervisor_signed_at"],
        "a locked record's signature time changed"
    );
    assert_eq!(
        now["supervisee_signed_at"], locked["supervisee_signed_at"],
        "a locked record's signature time changed"
    );
}
