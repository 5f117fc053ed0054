//! Direct observations: the number required follows the level (2 for a first placement, 3 for
//! a final one) and the page shows it as progress; the student writes the reflection and the
//! practice educator the feedback, and neither can overwrite the other's part.

use rocket::http::Status;
use serde_json::json;

use super::{api_path, cast, days_ago, get, id, observation, observe, page_path, placement, text};
use crate::common::TestApp;

/// The observation progress line on the placement page.
fn progress(app: &TestApp, user: &str, placement: i64) -> String {
    let html = app
        .signed_in(user)
        .get(&page_path(placement))
        .expect(Status::Ok)
        .body;
    let shown = text(super::section(&html, "observations-heading"));
    let start = shown.find(" of ").expect("a count") - 1;
    shown[start..]
        .split(" observations")
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_observations_required_follow_the_level() {
    let app = TestApp::new();
    let cast = cast(&app);
    let first = placement(&app, &cast, "first", days_ago(40));
    let last = placement(&app, &cast, "final", days_ago(40));
    assert_eq!(get(&app, &cast.stu, first)["observations_required"], 2);
    assert_eq!(get(&app, &cast.stu, last)["observations_required"], 3);
    assert_eq!(progress(&app, "pe", first), "0 of 2 required");
    assert_eq!(progress(&app, "pe", last), "0 of 3 required");
    // A custom-length placement: 3 from 100 days, 2 below.
    for (days, required) in [(99.5, 2), (100.0, 3), (120.0, 3)] {
        let mut custom = super::body("custom", days_ago(40), super::days_ahead(200));
        custom["required_days"] = serde_json::json!(days);
        let placement = super::id(&super::start(&app, &cast.stu, custom));
        assert_eq!(
            get(&app, &cast.stu, placement)["observations_required"],
            required,
            "{days} days"
        );
    }

    observe(
        &app,
        &cast.stu,
        first,
        observation(days_ago(20), &["PCF-1"]),
    );
    observe(&app, &cast.pe, last, observation(days_ago(20), &["PCF-1"]));
    observe(&app, &cast.pe, last, observation(days_ago(10), &["PCF-2"]));
    assert_eq!(progress(&app, "stu", first), "1 of 2 required");
    assert_eq!(progress(&app, "stu", last), "2 of 3 required");
    let html = app.signed_in("stu").get(&page_path(last)).body;
    assert!(
        html.contains("<progress id=\"observations-progress\" max=\"100\" value=\"66\">"),
        "{html}"
    );
    // The portfolio's front sheet says the same.
    let md = app
        .signed_in("stu")
        .get(&format!("{}/portfolio.md", page_path(last)))
        .expect(Status::Ok)
        .body;
    assert!(
        md.contains("- **Direct observations:** 2 of 3 required"),
        "{md}"
    );
}

#[test]
fn the_student_reflects_the_educator_gives_feedback_and_each_keeps_the_others_part() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(40));
    // The student cannot write the feedback, even on a new observation.
    let mut draft = observation(days_ago(7), &["PCF-6", "PCF-7"]);
    draft["reflection"] = json!("I explained the plan too quickly.");
    draft["feedback"] = json!("Excellent work, no notes.");
    let made = observe(&app, &cast.stu, placement, draft.clone());
    assert_eq!(made["reflection"], "I explained the plan too quickly.");
    assert_eq!(made["feedback"], "");
    assert_eq!(made["domains"], json!(["PCF-6", "PCF-7"]));
    let path = format!("{}/observations/{}", api_path(placement), id(&made));

    // The educator's feedback; what the educator sends as the reflection is ignored.
    draft["reflection"] = json!("Overwritten by the educator.");
    draft["feedback"] = json!("Warm and clear; check understanding at the end.");
    let fed_back = app
        .put_json(&cast.pe, &path, draft.clone())
        .expect(Status::Ok)
        .json();
    assert_eq!(fed_back["reflection"], "I explained the plan too quickly.");
    assert_eq!(
        fed_back["feedback"],
        "Warm and clear; check understanding at the end."
    );

    // The student's new reflection keeps the feedback.
    draft["reflection"] = json!("Next time I will pause and check.");
    draft["feedback"] = json!("");
    let reflected = app
        .put_json(&cast.stu, &path, draft)
        .expect(Status::Ok)
        .json();
    assert_eq!(reflected["reflection"], "Next time I will pause and check.");
    assert_eq!(
        reflected["feedback"],
        "Warm and clear; check understanding at the end."
    );

    // The same through the form: the educator's page save keeps the reflection.
    let browser = app.signed_in("pe");
    let form_path = format!("{}/observations/{}", page_path(placement), id(&made));
    let form = browser
        .get(&format!("{form_path}/edit"))
        .expect(Status::Ok)
        .body;
    assert!(form.contains("Warm and clear"), "{form}");
    browser
        .post(
            &form_path,
            &[
                ("observed_on", &days_ago(7).to_string()),
                ("observer", "Practice educator"),
                ("observed", "A first home visit with a duty worker."),
                ("domains", "PCF-6"),
                ("feedback", "Warm and clear."),
                ("reflection", "Overwritten through the page."),
            ],
        )
        .expect(Status::SeeOther);
    let now = app.get_json(&cast.stu, &path).expect(Status::Ok).json();
    assert_eq!(now["reflection"], "Next time I will pause and check.");
    assert_eq!(now["feedback"], "Warm and clear.");
    assert_eq!(now["domains"], json!(["PCF-6"]));
    let shown = text(&app.signed_in("lisa").get(&page_path(placement)).body);
    assert!(
        shown.contains("Student's reflection Next time I will pause and check."),
        "{shown}"
    );
    assert!(
        shown.contains("Observer's feedback Warm and clear."),
        "{shown}"
    );
}
