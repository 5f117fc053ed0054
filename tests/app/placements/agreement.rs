//! The learning agreement: either the student or the practice educator drafts it; it can be
//! signed only with all three sections written; saving it again means both sign again; once
//! both have signed it is locked (a further save is a 409 and changes nothing), signing twice
//! keeps the first time, and changes are amendments recording who, when, why and the text
//! they replace.

use std::thread::sleep;
use std::time::Duration;

use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    api_path, cast, days_ago, full_agreement, lock_agreement, page_path, placement, refused, text,
};
use crate::common::TestApp;

fn agreement_path(placement: i64) -> String {
    format!("{}/agreement", api_path(placement))
}

fn agreement(app: &TestApp, token: &str, placement: i64) -> Value {
    app.get_json(token, &agreement_path(placement))
        .expect(Status::Ok)
        .json()
}

fn sign(app: &TestApp, token: &str, placement: i64) -> Value {
    app.sign_as_read(token, &format!("{}/sign", agreement_path(placement)))
        .expect(Status::Ok)
        .json()
}

#[test]
fn either_drafts_signing_needs_every_section_and_both_signatures_lock_it() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(20));
    let path = agreement_path(placement);
    // Nothing to sign yet.
    let early = app.sign_as_read(&cast.stu, &format!("{path}/sign"));
    assert_eq!(early.status, Status::Conflict, "{}", early.body);
    assert_eq!(app.get_json(&cast.stu, &path).status, Status::NotFound);

    // The student drafts the goals only: it cannot be signed yet.
    let draft = app
        .put_json(&cast.stu, &path, json!({"goals": "Run a duty week."}))
        .expect(Status::Ok)
        .json();
    assert_eq!(draft["goals"], "Run a duty week.");
    assert_eq!(draft["support"], "");
    assert_eq!(draft["locked"], false);
    let unsigned = app.sign_as_read(&cast.pe, &format!("{path}/sign"));
    assert_eq!(unsigned.status, Status::Conflict, "{}", unsigned.body);
    assert!(
        unsigned.json()["detail"]
            .as_str()
            .unwrap()
            .contains("support and supervision arrangements and expectations"),
        "{}",
        unsigned.body
    );
    assert_eq!(
        agreement(&app, &cast.stu, placement)["educator_signed_at"],
        Value::Null
    );

    // The educator completes it; the student signs; the educator changes it again, so the
    // student's signature goes and both sign again.
    app.put_json(&cast.pe, &path, full_agreement())
        .expect(Status::Ok);
    assert_ne!(
        sign(&app, &cast.stu, placement)["student_signed_at"],
        Value::Null
    );
    let mut changed = full_agreement();
    changed["goals"] = json!("Lead an assessment and a review.");
    let redrafted = app
        .put_json(&cast.pe, &path, changed)
        .expect(Status::Ok)
        .json();
    assert_eq!(redrafted["student_signed_at"], Value::Null, "{redrafted}");
    assert_eq!(redrafted["educator_signed_at"], Value::Null);

    // Signing twice keeps the first time.
    let first = sign(&app, &cast.stu, placement)["student_signed_at"].clone();
    sleep(Duration::from_millis(1100));
    let again = sign(&app, &cast.stu, placement);
    assert_eq!(again["student_signed_at"], first);
    assert_eq!(again["locked"], false);
    let locked = sign(&app, &cast.pe, placement);
    assert_eq!(locked["locked"], true);
    assert_eq!(locked["student_signed_at"], first);
    assert_eq!(
        sign(&app, &cast.pe, placement)["educator_signed_at"],
        locked["educator_signed_at"]
    );

    // Locked: no more saves, through the API or the page, by either.
    for token in [&cast.stu, &cast.pe] {
        let reply = app.put_json(token, &path, full_agreement());
        assert_eq!(reply.status, Status::Conflict, "{}", reply.body);
    }
    let page = app.signed_in("pe").post(
        &format!("{}/agreement", page_path(placement)),
        &[
            ("goals", "Rewritten."),
            ("support", "Rewritten."),
            ("expectations", "Rewritten."),
        ],
    );
    assert_eq!(page.status, Status::Conflict, "{}", page.body);
    assert_eq!(agreement(&app, &cast.pe, placement), locked);

    // The page shows both signatures and offers no draft form.
    let shown = app
        .signed_in("stu")
        .get(&format!("{}/agreement", page_path(placement)))
        .expect(Status::Ok)
        .body;
    assert!(
        text(&shown).contains("Signed by both: the document is locked."),
        "{shown}"
    );
    assert!(!shown.contains("Save the agreement"), "{shown}");
    assert!(!text(&shown).contains("not signed"), "{shown}");
}

#[test]
fn amendments_after_the_lock_record_who_when_why_and_the_text_before() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(20));
    let amendments = format!("{}/amendments", api_path(placement));
    let amend = |token: &str, field: &str, text: &str, reason: &str| {
        app.post_json(
            token,
            &amendments,
            json!({"document": "agreement", "field": field, "text": text, "reason": reason}),
        )
    };
    // Not locked yet: changed directly, not amended.
    app.put_json(&cast.stu, &agreement_path(placement), full_agreement())
        .expect(Status::Ok);
    let early = amend(&cast.stu, "goals", "New goals.", "Too soon");
    assert_eq!(early.status, Status::Conflict, "{}", early.body);

    let locked = lock_agreement(&app, &cast, placement);
    for (reply, field) in [
        (amend(&cast.stu, "goals", "New goals.", " "), "reason"),
        (amend(&cast.stu, "mood", "New goals.", "Why"), "field"),
        (
            amend(
                &cast.stu,
                "goals",
                "Lead an assessment from start to finish.",
                "Same",
            ),
            "text",
        ),
        (
            app.post_json(
                &cast.stu,
                &amendments,
                json!({"document": "contract", "field": "goals", "text": "x", "reason": "y"}),
            ),
            "document",
        ),
    ] {
        refused(&reply, &[field]);
    }
    assert_eq!(agreement(&app, &cast.stu, placement), locked);

    let made = amend(
        &cast.stu,
        "goals",
        "Lead an assessment; write a court report.",
        "Court work came up",
    )
    .expect(Status::Created);
    assert_eq!(made.location(), Some(agreement_path(placement).as_str()));
    let made = made.json();
    assert_eq!(made["document"], "agreement");
    assert_eq!(made["field"], "goals");
    assert_eq!(made["field_label"], "Learning goals");
    assert_eq!(
        made["previous_text"],
        "Lead an assessment from start to finish."
    );
    assert_eq!(
        made["new_text"],
        "Lead an assessment; write a court report."
    );
    assert_eq!(made["reason"], "Court work came up");
    assert_eq!(made["author"], "stu");
    let second = amend(
        &cast.pe,
        "goals",
        "Lead two assessments.",
        "Agreed at supervision",
    )
    .expect(Status::Created)
    .json();
    assert_eq!(
        second["previous_text"],
        "Lead an assessment; write a court report."
    );
    assert_eq!(second["author"], "pe");

    let now = agreement(&app, &cast.lisa, placement);
    assert_eq!(now["goals"], "Lead two assessments.");
    assert_eq!(now["support"], locked["support"]);
    assert_eq!(now["locked"], true);
    assert_eq!(now["student_signed_at"], locked["student_signed_at"]);
    assert_eq!(now["educator_signed_at"], locked["educator_signed_at"]);
    let reasons: Vec<&str> = now["amendments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, ["Court work came up", "Agreed at supervision"]);

    // Through the page form too; the page lists each with who, when and why.
    app.signed_in("pe")
        .post(
            &format!("{}/amendments", page_path(placement)),
            &[
                ("document", "agreement"),
                ("field", "expectations"),
                ("text", "Reflections shared two days before supervision."),
                ("reason", "Time to read them"),
            ],
        )
        .expect(Status::SeeOther);
    let html = app
        .signed_in("stu")
        .get(&format!("{}/agreement", page_path(placement)))
        .expect(Status::Ok)
        .body;
    let shown = text(&html);
    let on = made["created_at"].as_str().unwrap()[..10].to_string();
    let on = chrono::NaiveDate::parse_from_str(&on, "%Y-%m-%d")
        .unwrap()
        .format("%-d %B %Y");
    assert!(
        shown.contains(&format!(
            "Learning goals, by stu on {on}. Reason: Court work came up"
        )),
        "{shown}"
    );
    assert!(
        shown.contains(&format!(
            "Expectations, by pe on {on}. Reason: Time to read them"
        )),
        "{shown}"
    );
    assert!(shown.contains("Lead two assessments."), "{shown}");
    assert!(shown.contains("Amended after signing"), "{shown}");
    // The signed text is still there to read.
    assert!(
        shown.contains("Lead an assessment from start to finish."),
        "{shown}"
    );
}
