//! What each party is offered and each outsider finds: the on-site supervisor reads the
//! placement without its reviews; the practice educator is offered nothing that is the
//! student's to change; each person lists only their own placements; and ids of another
//! placement's days, evidence and observations are not found through this one.

use rocket::http::Status;
use serde_json::json;

use super::world::{MISSING_ID, World};
use super::{api_path, days_ago, days_ahead, get, id, page_path, same_not_found, start};
use crate::common::TestApp;

#[test]
fn the_on_site_supervisor_reads_the_placement_without_its_reviews() {
    let app = TestApp::new();
    let world = World::new(&app);
    let placement = world.real.placement;
    let lisa = world.person("lisa");
    let review_text = "Steady progress across domains one to five";

    let json = get(&app, &lisa.token, placement);
    assert_eq!(json["role"], "onsite_supervisor");
    assert_eq!(json["reviews"], json!([]), "{json}");
    assert!(!json.to_string().contains(review_text), "{json}");
    // The agreement is not a review: it is there.
    assert_eq!(json["agreement"]["locked"], true);

    let page = lisa
        .browser
        .get(&page_path(placement))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Hospital discharge"));
    assert!(!page.contains("/reviews/midpoint"), "{page}");
    assert!(
        !page.contains("Add comment"),
        "a comment form offered to the on-site supervisor"
    );
    for path in ["portfolio", "portfolio.md"] {
        let copy = lisa
            .browser
            .get(&format!("{}/{path}", page_path(placement)))
            .expect(Status::Ok)
            .body;
        assert!(
            copy.contains("Lead an assessment from start to finish"),
            "{path}: {copy}"
        );
        assert!(
            !copy.contains(review_text),
            "{path} shows the review: {copy}"
        );
    }
    // The student and the educator do see the review in the same places.
    let pe = world.person("pe");
    assert!(
        get(&app, &pe.token, placement)
            .to_string()
            .contains(review_text)
    );
    assert!(
        pe.browser
            .get(&format!("{}/portfolio.md", page_path(placement)))
            .body
            .contains(review_text)
    );
    // The on-site supervisor reads what the student shares, as a line supervisor does.
    app.get_json(&lisa.token, &format!("/api/v1/entries/{}", world.entry))
        .expect(Status::Ok);
}

#[test]
fn the_practice_educator_is_offered_nothing_that_is_the_students_to_change() {
    let app = TestApp::new();
    let world = World::new(&app);
    let path = page_path(world.real.placement);
    let page = world
        .person("pe")
        .browser
        .get(&path)
        .expect(Status::Ok)
        .body;
    for student_only in [
        format!("href=\"{path}/edit\""),
        format!("href=\"{path}/evidence/new\""),
        format!("action=\"{path}/evidence/{}/delete\"", world.real.evidence),
    ] {
        assert!(
            !page.contains(&student_only),
            "{student_only} offered to the educator"
        );
    }
    // The educator's feedback form is there.
    assert!(page.contains(&format!(
        "action=\"{path}/evidence/{}/comments\"",
        world.real.evidence
    )));
    let days = world
        .person("pe")
        .browser
        .get(&format!("{path}/days"))
        .expect(Status::Ok)
        .body;
    assert!(!days.contains(&format!("action=\"{path}/days\"")), "{days}");
    // A review the educator may draft is the educator's only: the student sees no draft form.
    let stu = world.person("stu");
    let review = stu
        .browser
        .get(&format!("{path}/reviews/final"))
        .expect(Status::Ok)
        .body;
    assert!(
        !review.contains(&format!("action=\"{path}/reviews/final\"")),
        "{review}"
    );
}

#[test]
fn each_person_lists_only_their_own_placements() {
    let app = TestApp::new();
    let world = World::new(&app);
    let sam = world.person("sam");
    let sams = id(&start(
        &app,
        &sam.token,
        json!({"educator": "pat", "setting": "Fostering service", "team": "Recruitment",
               "level": "first", "starts_on": days_ago(20).to_string(),
               "expected_end_on": days_ahead(90).to_string()}),
    ));
    let stus = world.real.placement;
    for (name, listed) in [
        ("stu", vec![stus]),
        ("pe", vec![stus]),
        ("lisa", vec![stus]),
        ("sam", vec![sams]),
        ("pat", vec![sams]),
        ("lou", vec![]),
        ("root", vec![]),
        ("stranger", vec![]),
    ] {
        let person = world.person(name);
        let list = app
            .get_json(&person.token, "/api/v1/placements")
            .expect(Status::Ok)
            .json();
        let ids: Vec<i64> = list.as_array().unwrap().iter().map(id).collect();
        assert_eq!(ids, listed, "{name}: {list}");
        let page = person.browser.get("/placements").expect(Status::Ok).body;
        for (other, setting) in [(stus, "Hospital discharge"), (sams, "Recruitment")] {
            assert_eq!(
                page.contains(&format!("href=\"{}\"", page_path(other))),
                listed.contains(&other),
                "{name}'s list and placement {other}"
            );
            if !listed.contains(&other) {
                assert!(!page.contains(setting), "{name} sees {setting}");
            }
        }
        if !listed.contains(&sams) {
            let reply = app.get_json(&person.token, &api_path(sams));
            let missing = app.get_json(&person.token, &api_path(MISSING_ID));
            same_not_found(&reply, &missing, name);
        }
    }
}

#[test]
fn ids_of_another_placements_days_evidence_and_observations_are_not_found_through_this_one() {
    let app = TestApp::new();
    let world = World::new(&app);
    let (stu, sam) = (&world.person("stu").token, &world.person("sam").token);
    let sams = id(&start(
        &app,
        sam,
        json!({"educator": "pat", "setting": "Fostering service", "team": "Recruitment",
               "level": "first", "starts_on": days_ago(20).to_string(),
               "expected_end_on": days_ahead(90).to_string()}),
    ));
    let day = id(&super::log_day(&app, sam, sams, days_ago(2), "full"));
    let note = super::entry(&app, sam, "Recruitment evening", days_ago(2), "private");
    let evidence = id(&super::link(&app, sam, sams, note, &["PCF-8"], "Context.")[0]);
    let observation = id(&super::observe(
        &app,
        sam,
        sams,
        super::observation(days_ago(2), &["PCF-8"]),
    ));
    let before = get(&app, sam, sams);
    // Stu, through her own placement, names sam's records.
    let mine = api_path(world.real.placement);
    let day_body = json!({"day": days_ago(2).to_string(), "portion": "half", "hours": 3,
                          "activities": "Taken over."});
    let attempts = [
        app.get_json(stu, &format!("{mine}/days/{day}")),
        app.put_json(stu, &format!("{mine}/days/{day}"), day_body),
        app.api(
            rocket::http::Method::Delete,
            Some(stu),
            &format!("{mine}/days/{day}"),
            None,
        ),
        app.api(
            rocket::http::Method::Delete,
            Some(stu),
            &format!("{mine}/evidence/{evidence}"),
            None,
        ),
        app.post_json(
            stu,
            &format!("{mine}/evidence/{evidence}/comments"),
            json!({"body": "Mine now."}),
        ),
        app.get_json(stu, &format!("{mine}/observations/{observation}")),
        app.put_json(
            stu,
            &format!("{mine}/observations/{observation}"),
            super::observation(days_ago(2), &["PCF-1"]),
        ),
        app.api(
            rocket::http::Method::Delete,
            Some(stu),
            &format!("{mine}/observations/{observation}"),
            None,
        ),
    ];
    for reply in attempts {
        assert_eq!(reply.status, Status::NotFound, "{}", reply.body);
    }
    let browser = &world.person("stu").browser;
    let page = page_path(world.real.placement);
    for path in [
        format!("{page}/days/{day}/edit"),
        format!("{page}/observations/{observation}/edit"),
    ] {
        browser.get(&path).expect(Status::NotFound);
    }
    browser
        .post(&format!("{page}/days/{day}/delete"), &[])
        .expect(Status::NotFound);
    browser
        .post(&format!("{page}/evidence/{evidence}/delete"), &[])
        .expect(Status::NotFound);
    assert_eq!(get(&app, sam, sams), before);
}
