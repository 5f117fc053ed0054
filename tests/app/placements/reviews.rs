//! The mid-point review and the final report: only the practice educator drafts them; a
//! recommendation belongs in the final report alone, which cannot be signed without one and
//! its reasons; the student comments; saving or commenting means both sign again; both
//! signatures lock it, and later changes are amendments.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{api_path, cast, days_ago, lock_review, midpoint, page_path, placement, refused, text};
use crate::common::TestApp;

fn review_path(placement: i64, stage: &str) -> String {
    format!("{}/reviews/{stage}", api_path(placement))
}

fn review(app: &TestApp, token: &str, placement: i64, stage: &str) -> Value {
    app.get_json(token, &review_path(placement, stage))
        .expect(Status::Ok)
        .json()
}

#[test]
fn only_the_educator_drafts_and_a_recommendation_is_for_the_final_report() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "final", days_ago(60));
    let path = review_path(placement, "midpoint");
    let student = app.put_json(&cast.stu, &path, midpoint());
    assert_eq!(student.status, Status::Forbidden, "{}", student.body);
    let page = app.signed_in("stu").post(
        &format!("{}/reviews/midpoint", page_path(placement)),
        &[("progress", "My own review."), ("plan", "Pass.")],
    );
    assert_eq!(page.status, Status::Forbidden, "{}", page.body);
    let mut recommending = midpoint();
    recommending["recommendation"] = json!("pass");
    refused(
        &app.put_json(&cast.pe, &path, recommending),
        &["recommendation"],
    );
    // Nothing drafted by any of that.
    assert_eq!(app.get_json(&cast.pe, &path).status, Status::NotFound);
    assert_eq!(app.get_json(&cast.stu, &path).status, Status::NotFound);
    // An unknown review is not found.
    let unknown = app.put_json(&cast.pe, &review_path(placement, "interim"), midpoint());
    assert_eq!(unknown.status, Status::NotFound, "{}", unknown.body);

    let mut drafted = app
        .put_json(&cast.pe, &path, midpoint())
        .expect(Status::Ok)
        .json();
    assert_eq!(drafted["privacy_warnings"], json!([]));
    drafted.as_object_mut().unwrap().remove("privacy_warnings");
    assert_eq!(drafted["stage"], "midpoint");
    assert_eq!(drafted["recommendation"], Value::Null);
    assert_eq!(drafted["plan"], "Two more observations and a court report.");
    assert_eq!(review(&app, &cast.stu, placement, "midpoint"), drafted);
}

#[test]
fn the_final_report_needs_a_recommendation_and_reasons_before_it_is_signed() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "final", days_ago(60));
    let path = review_path(placement, "final");
    let sign = |token: &str| app.sign_as_read(token, &format!("{path}/sign"));

    app.put_json(
        &cast.pe,
        &path,
        json!({"progress": "Capable across the PCF."}),
    )
    .expect(Status::Ok);
    let refused_sign = sign(&cast.pe);
    assert_eq!(
        refused_sign.status,
        Status::Conflict,
        "{}",
        refused_sign.body
    );
    let detail = refused_sign.json()["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("a recommendation"), "{detail}");
    assert!(
        detail.contains("the reasons for the recommendation"),
        "{detail}"
    );

    app.put_json(
        &cast.pe,
        &path,
        json!({"progress": "Capable across the PCF.", "recommendation": "pass"}),
    )
    .expect(Status::Ok);
    let refused_sign = sign(&cast.stu);
    assert_eq!(
        refused_sign.status,
        Status::Conflict,
        "{}",
        refused_sign.body
    );
    assert!(
        refused_sign
            .body
            .contains("the reasons for the recommendation")
    );
    assert_eq!(
        review(&app, &cast.stu, placement, "final")["student_signed_at"],
        Value::Null
    );

    refused(
        &app.put_json(
            &cast.pe,
            &path,
            json!({"progress": "Capable.", "recommendation": "distinction", "reasons": "x"}),
        ),
        &["recommendation"],
    );

    // Drafted through the page, with the recommendation and its reasons.
    app.signed_in("pe")
        .post(
            &format!("{}/reviews/final", page_path(placement)),
            &[
                ("progress", "Capable across the PCF."),
                ("concerns", ""),
                ("recommendation", "refer"),
                ("reasons", "Needs one more observed assessment."),
            ],
        )
        .expect(Status::SeeOther);
    let signed = sign(&cast.stu).expect(Status::Ok).json();
    assert_eq!(signed["recommendation"], "refer");
    assert_ne!(signed["student_signed_at"], Value::Null);
    let html = app
        .signed_in("stu")
        .get(&format!("{}/reviews/final", page_path(placement)))
        .expect(Status::Ok)
        .body;
    let shown = text(&html);
    assert!(shown.contains("Recommendation Refer"), "{shown}");
    assert!(
        shown.contains("Needs one more observed assessment."),
        "{shown}"
    );
}

#[test]
fn comments_and_saves_mean_signing_again_and_both_signatures_lock_the_review() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "final", days_ago(60));
    let path = review_path(placement, "midpoint");
    let comment = |token: &str, text: &str| {
        app.post_json(
            token,
            &format!("{path}/comment"),
            json!({"student_comment": text}),
        )
    };
    let sign = |token: &str| {
        app.sign_as_read(token, &format!("{path}/sign"))
            .expect(Status::Ok)
            .json()
    };
    // No review, nothing to comment on.
    assert_eq!(comment(&cast.stu, "Early.").status, Status::Conflict);
    app.put_json(&cast.pe, &path, midpoint()).expect(Status::Ok);
    // The educator does not write the student's comment.
    assert_eq!(
        comment(&cast.pe, "Written for her.").status,
        Status::Forbidden
    );
    refused(&comment(&cast.stu, "   "), &["student_comment"]);

    assert_ne!(sign(&cast.pe)["educator_signed_at"], Value::Null);
    let commented = comment(&cast.stu, "I agree; recording is improving.")
        .expect(Status::Ok)
        .json();
    assert_eq!(
        commented["student_comment"],
        "I agree; recording is improving."
    );
    assert_eq!(commented["educator_signed_at"], Value::Null, "{commented}");
    // The student signs, then the educator saves again: the signature goes.
    assert_ne!(sign(&cast.stu)["student_signed_at"], Value::Null);
    let mut redraft = midpoint();
    redraft["concerns"] = json!("Recording is sometimes late.");
    app.put_json(&cast.pe, &path, redraft).expect(Status::Ok);
    let cleared = review(&app, &cast.stu, placement, "midpoint");
    assert_eq!(cleared["student_signed_at"], Value::Null, "{cleared}");
    assert_eq!(cleared["educator_signed_at"], Value::Null);
    // The comment stays with the redrafted review.
    assert_eq!(
        cleared["student_comment"],
        "I agree; recording is improving."
    );

    let locked = lock_review(&app, &cast, placement, "midpoint", cleared_body(&cleared));
    // Locked: no more drafting or commenting, through the API or the pages.
    assert_eq!(
        app.put_json(&cast.pe, &path, midpoint()).status,
        Status::Conflict
    );
    assert_eq!(
        comment(&cast.stu, "Changed my mind.").status,
        Status::Conflict
    );
    let pages = format!("{}/reviews/midpoint", page_path(placement));
    let page = app.signed_in("pe").post(
        &pages,
        &[("progress", "Rewritten."), ("plan", "Rewritten.")],
    );
    assert_eq!(page.status, Status::Conflict, "{}", page.body);
    let page = app.signed_in("stu").post(
        &format!("{pages}/comment"),
        &[("student_comment", "Rewritten.")],
    );
    assert_eq!(page.status, Status::Conflict, "{}", page.body);
    assert_eq!(review(&app, &cast.pe, placement, "midpoint"), locked);

    // Amendments: the reasons by the educator, the comment by the student.
    let amendments = format!("{}/amendments", api_path(placement));
    let made = app
        .post_json(
            &cast.pe,
            &amendments,
            json!({"document": "midpoint", "field": "plan", "text": "Three more observations.",
                   "reason": "A third was agreed"}),
        )
        .expect(Status::Created);
    assert_eq!(made.location(), Some(path.as_str()));
    assert_eq!(
        made.json()["previous_text"],
        "Two more observations and a court report."
    );
    app.post_json(
        &cast.stu,
        &amendments,
        json!({"document": "midpoint", "field": "student_comment",
               "text": "I agree, and recording is now on time.", "reason": "An update"}),
    )
    .expect(Status::Created);
    let now = review(&app, &cast.stu, placement, "midpoint");
    assert_eq!(now["plan"], "Three more observations.");
    assert_eq!(
        now["student_comment"],
        "I agree, and recording is now on time."
    );
    assert_eq!(now["locked"], true);
    let authors: Vec<&str> = now["amendments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["pe", "stu"]);
    let shown = text(&app.signed_in("stu").get(&pages).expect(Status::Ok).body);
    assert!(shown.contains("Plan to the end, by pe on"), "{shown}");
    assert!(shown.contains("Reason: A third was agreed"), "{shown}");
}

/// The educator's part of a review as read, to save it unchanged.
fn cleared_body(review: &Value) -> Value {
    json!({"progress": review["progress"], "concerns": review["concerns"],
           "plan": review["plan"]})
}

#[test]
fn after_signing_each_amends_only_what_they_wrote_and_the_recommendation_can_be_amended() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "final", days_ago(60));
    lock_review(
        &app,
        &cast,
        placement,
        "final",
        json!({"progress": "Capable across the PCF.", "recommendation": "refer",
               "reasons": "One more observed assessment."}),
    );
    let amendments = format!("{}/amendments", api_path(placement));
    let amend = |token: &str, field: &str, text: &str| {
        app.post_json(
            token,
            &amendments,
            json!({"document": "final", "field": field, "text": text,
                   "reason": "The panel asked"}),
        )
    };
    let before = review(&app, &cast.pe, placement, "final");
    // The student cannot rewrite the educator's assessment or recommendation; the educator
    // cannot rewrite the student's comment; a plan is not a part of the final report; the
    // recommendation must be one of the three.
    for (token, field, text) in [
        (&cast.stu, "progress", "Excellent."),
        (&cast.stu, "recommendation", "pass"),
        (&cast.pe, "student_comment", "I agree."),
    ] {
        let reply = amend(token, field, text);
        assert_eq!(reply.status, Status::Forbidden, "{field}: {}", reply.body);
    }
    refused(&amend(&cast.pe, "plan", "More visits."), &["field"]);
    refused(&amend(&cast.pe, "recommendation", "distinction"), &["text"]);
    assert_eq!(review(&app, &cast.pe, placement, "final"), before);

    // The educator amends the recommendation after the further assessment.
    let made = amend(&cast.pe, "recommendation", "Pass")
        .expect(Status::Created)
        .json();
    assert_eq!(made["previous_text"], "refer");
    assert_eq!(made["new_text"], "pass");
    assert_eq!(made["field_label"], "Recommendation");
    let now = review(&app, &cast.stu, placement, "final");
    assert_eq!(now["recommendation"], "pass");
    let page = text(
        &app.signed_in("stu")
            .get(&format!("{}/reviews/final", page_path(placement)))
            .expect(Status::Ok)
            .body,
    );
    assert!(page.contains("Recommendation Pass"), "{page}");
    // The student's amendment form offers only their own comment.
    let form = app
        .signed_in("stu")
        .get(&format!("{}/reviews/final", page_path(placement)))
        .expect(Status::Ok)
        .body;
    assert!(form.contains("<option value=\"student_comment\""), "{form}");
    assert!(!form.contains("<option value=\"progress\""), "{form}");
    let download = app
        .signed_in("stu")
        .get_bytes(&format!("{}/portfolio.md", page_path(placement)));
    let portfolio = String::from_utf8(download.bytes).unwrap();
    assert!(
        portfolio.contains("#### Recommendation (amended)\n\nPass"),
        "{portfolio}"
    );
}
