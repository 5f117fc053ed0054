//! Comments on evidence: the practice educator's feedback (and the student's reply) appear
//! under the evidence on the placement page, oldest first, with who wrote them; the on-site
//! supervisor may not comment (403); anyone else gets the same 404 as a made-up id, and an
//! evidence id from another placement is not found on this one.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    api_path, cast, days_ago, entry, get, id, link, page_path, placement, same_not_found, section,
    text, today,
};
use crate::common::TestApp;

#[test]
fn the_educators_feedback_and_the_students_reply_appear_under_the_evidence() {
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
    let path = page_path(placement);

    let pe = app.signed_in("pe");
    pe.get(&path).expect(Status::Ok);
    let posted = pe
        .post(
            &format!("{path}/evidence/{evidence}/comments"),
            &[("body", "A clear example of anti-oppressive practice.")],
        )
        .expect(Status::SeeOther);
    assert_eq!(
        posted.location(),
        Some(format!("{path}#evidence-{evidence}").as_str())
    );
    let reply = app
        .post_json(
            &cast.stu,
            &format!("{}/evidence/{evidence}/comments", api_path(placement)),
            json!({"body": "Thank you; I will add the follow-up visit."}),
        )
        .expect(Status::Created)
        .json();
    let authors: Vec<&str> = reply["comments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["author"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["pe", "stu"]);

    for reader in ["stu", "pe", "lisa"] {
        let html = app.signed_in(reader).get(&path).expect(Status::Ok).body;
        let item = text(section_of(&html, evidence));
        let on = today().format("%-d %b %Y");
        let feedback = format!("pe, {on}: A clear example of anti-oppressive practice.");
        let answer = format!("stu, {on}: Thank you; I will add the follow-up visit.");
        let (at_feedback, at_answer) = (item.find(&feedback), item.find(&answer));
        assert!(
            at_feedback.is_some() && at_answer.is_some(),
            "{reader}: {item}"
        );
        assert!(at_feedback < at_answer, "{reader}: oldest first: {item}");
    }
    let evidence_json = get(&app, &cast.lisa, placement)["evidence"][0].clone();
    assert_eq!(evidence_json["comments"].as_array().unwrap().len(), 2);
}

/// The list item of one evidence link on the placement page.
fn section_of(html: &str, evidence: i64) -> &str {
    let coverage = section(html, "coverage-heading");
    let start = coverage
        .find(&format!("<li id=\"evidence-{evidence}\">"))
        .unwrap_or_else(|| panic!("no evidence {evidence} in {coverage}"));
    let rest = &coverage[start + 1..];
    &rest[..rest.find("<li id=\"evidence-").unwrap_or(rest.len())]
}

#[test]
fn only_the_student_and_the_educator_comment_and_others_find_nothing() {
    let app = TestApp::new();
    let cast = cast(&app);
    app.user("sam", "student");
    app.user("lou", "supervisor");
    app.user("root", "admin");
    app.link("lou", "stu", LinkKind::Line);
    let placement = placement(&app, &cast, "first", days_ago(30));
    let other = placement_two(&app, &cast);
    let visit = entry(
        &app,
        &cast.stu,
        "Home visit reflection",
        days_ago(3),
        "private",
    );
    let evidence = id(&link(&app, &cast.stu, placement, visit, &["PCF-3"], "Diversity.")[0]);
    let elsewhere = id(&link(&app, &cast.stu, other, visit, &["PCF-4"], "Rights.")[0]);
    let before = get(&app, &cast.stu, placement);
    let comment = json!({"body": "Seen."});
    let api = |placement: i64, evidence: i64| {
        format!("{}/evidence/{evidence}/comments", api_path(placement))
    };
    let page = |placement: i64, evidence: i64| {
        format!("{}/evidence/{evidence}/comments", page_path(placement))
    };

    // The on-site supervisor reads the evidence but may not comment.
    let lisa = app.post_json(&cast.lisa, &api(placement, evidence), comment.clone());
    assert_eq!(lisa.status, Status::Forbidden, "{}", lisa.body);
    let lisa = app
        .signed_in("lisa")
        .post(&page(placement, evidence), &[("body", "Seen.")]);
    assert_eq!(lisa.status, Status::Forbidden, "{}", lisa.body);

    // Anyone else: as if there were no such placement.
    for name in ["sam", "lou", "root"] {
        let token = app.token(name);
        let tried = app.post_json(&token, &api(placement, evidence), comment.clone());
        let missing = app.post_json(&token, &api(999_999, evidence), comment.clone());
        same_not_found(&tried, &missing, name);
        let browser = app.signed_in(name);
        let tried = browser.post(&page(placement, evidence), &[("body", "Seen.")]);
        let missing = browser.post(&page(999_999, evidence), &[("body", "Seen.")]);
        same_not_found(&tried, &missing, name);
    }
    // Evidence of another placement, or none at all, is not found on this one.
    for evidence in [elsewhere, 999_999] {
        let reply = app.post_json(&cast.pe, &api(placement, evidence), comment.clone());
        assert_eq!(reply.status, Status::NotFound, "{}", reply.body);
    }
    assert_eq!(get(&app, &cast.stu, placement), before);
    let comments: &Value = &get(&app, &cast.stu, other)["evidence"][0]["comments"];
    assert_eq!(comments, &json!([]));
}

/// A second placement of the same student.
fn placement_two(app: &TestApp, cast: &super::Cast) -> i64 {
    placement(app, cast, "final", days_ago(10))
}
