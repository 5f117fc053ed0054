//! Placements in the inbox: the learning agreement and reviews to sign, comments on the
//! student's evidence; the on-site supervisor and strangers see none of it.

use rocket::http::Status;
use serde_json::json;

use super::{follow, inbox, nothing_for, of_kind};
use crate::common::TestApp;
use crate::placements::{
    api_path, cast, days_ago, entry, full_agreement, id, link, midpoint, placement,
};

#[test]
fn the_learning_agreement_waits_for_each_party_until_they_sign() {
    let app = TestApp::new();
    let cast = cast(&app);
    app.user("stranger", "practitioner");
    let placement = placement(&app, &cast, "first", days_ago(30));
    let path = format!("{}/agreement", api_path(placement));
    app.put_json(&cast.stu, &path, full_agreement())
        .expect(Status::Ok);
    for token in [&cast.stu, &cast.pe] {
        assert_eq!(of_kind(&app, token, "learning_agreement_to_sign").len(), 1);
    }
    let item = &of_kind(&app, &cast.stu, "learning_agreement_to_sign")[0];
    assert_eq!(item["other_party"], "pe");
    follow(&app, "stu", item);

    app.sign_as_read(&cast.stu, &format!("{path}/sign"))
        .expect(Status::Ok);
    assert!(of_kind(&app, &cast.stu, "learning_agreement_to_sign").is_empty());
    assert_eq!(
        of_kind(&app, &cast.pe, "learning_agreement_to_sign").len(),
        1
    );
    app.sign_as_read(&cast.pe, &format!("{path}/sign"))
        .expect(Status::Ok);
    assert!(of_kind(&app, &cast.pe, "learning_agreement_to_sign").is_empty());
    // lisa is on site: her part has no signatures, so nothing of the placement waits for her.
    assert!(
        !inbox(&app, &cast.lisa)
            .to_string()
            .contains(&format!("/placements/{placement}"))
    );
    nothing_for(&app, "stranger");
}

#[test]
fn a_review_waits_for_both_until_each_signs() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(30));
    let path = format!("{}/reviews/midpoint", api_path(placement));
    app.put_json(&cast.pe, &path, midpoint()).expect(Status::Ok);
    for token in [&cast.stu, &cast.pe] {
        let waiting = of_kind(&app, token, "review_to_sign");
        assert_eq!(waiting.len(), 1);
        assert_eq!(
            waiting[0]["href"],
            format!("/placements/{placement}/reviews/midpoint#signatures-heading")
        );
    }
    assert!(
        !inbox(&app, &cast.stu)
            .to_string()
            .contains("Recording is often late")
    );
    follow(&app, "pe", &of_kind(&app, &cast.pe, "review_to_sign")[0]);
    assert!(of_kind(&app, &cast.lisa, "review_to_sign").is_empty());

    app.sign_as_read(&cast.pe, &format!("{path}/sign"))
        .expect(Status::Ok);
    assert!(of_kind(&app, &cast.pe, "review_to_sign").is_empty());
    app.sign_as_read(&cast.stu, &format!("{path}/sign"))
        .expect(Status::Ok);
    assert!(of_kind(&app, &cast.stu, "review_to_sign").is_empty());
}

#[test]
fn a_comment_on_evidence_waits_for_the_student_until_they_reply() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(30));
    let visit = entry(
        &app,
        &cast.stu,
        "Home visit reflection",
        days_ago(3),
        "private",
    );
    let evidence = id(&link(&app, &cast.stu, placement, visit, &["PCF-3"], "Diversity.")[0]);
    let comments = format!("{}/evidence/{evidence}/comments", api_path(placement));
    assert!(of_kind(&app, &cast.stu, "evidence_comment").is_empty());

    app.post_json(
        &cast.pe,
        &comments,
        json!({"body": "A clear example of anti-oppressive practice."}),
    )
    .expect(Status::Created);
    let waiting = of_kind(&app, &cast.stu, "evidence_comment");
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        waiting[0]["href"],
        format!("/placements/{placement}#evidence-{evidence}")
    );
    let everything = inbox(&app, &cast.stu).to_string();
    assert!(!everything.contains("anti-oppressive") && !everything.contains("Home visit"));
    follow(&app, "stu", &waiting[0]);
    for other in [&cast.pe, &cast.lisa] {
        assert!(of_kind(&app, other, "evidence_comment").is_empty());
    }

    app.post_json(&cast.stu, &comments, json!({"body": "Thank you."}))
        .expect(Status::Created);
    assert!(of_kind(&app, &cast.stu, "evidence_comment").is_empty());
}
