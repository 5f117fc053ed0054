//! Cases are held per worker: another's reference answers as missing, cannot be linked,
//! and two workers may each use the same reference.

use diesel::prelude::*;
use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;

#[test]
fn cases_belong_to_one_worker() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("sue", "supervisor");
    app.user("bob", "practitioner");
    app.link("sue", "ann", LinkKind::Line);
    let (ann, bob, sue) = (app.token("ann"), app.token("bob"), app.token("sue"));
    for (token, reference, label) in [
        (&ann, "ANN-7", "Ann's sibling group"),
        (&ann, "FAM-001", "Ann's family"),
        (&bob, "FAM-001", "Bob's family"),
    ] {
        app.post_json(
            token,
            "/api/v1/cases",
            json!({"reference": reference, "label": label, "category": "child_in_need"}),
        )
        .expect(Status::Created);
    }
    // Two workers each have a FAM-001 and each sees their own.
    let own = |token: &str| {
        app.get_json(token, "/api/v1/cases/FAM-001")
            .expect(Status::Ok)
            .json()
    };
    assert_eq!(own(&ann)["label"], "Ann's family");
    assert_eq!(own(&bob)["label"], "Bob's family");

    // Someone else's reference answers exactly like one that does not exist, to anyone,
    // including the worker's own supervisor.
    let bob_browser = app.signed_in("bob");
    let sue_browser = app.signed_in("sue");
    for (token, browser) in [(&bob, &bob_browser), (&sue, &sue_browser)] {
        let guessed = app
            .get_json(token, "/api/v1/cases/ANN-7")
            .expect(Status::NotFound);
        let made_up = app
            .get_json(token, "/api/v1/cases/NONE-1")
            .expect(Status::NotFound);
        assert_eq!(guessed.body, made_up.body);
        let put = app
            .put_json(
                token,
                "/api/v1/cases/ANN-7",
                json!({"reference": "ANN-7", "category": "other"}),
            )
            .expect(Status::NotFound);
        assert_eq!(put.body, made_up.body);
        let page = browser.get("/cases/ANN-7").expect(Status::NotFound);
        assert_eq!(page.body, browser.get("/cases/NONE-1").body);
        assert!(!page.body.contains("sibling group"));
        browser.get("/cases/ANN-7/edit").expect(Status::NotFound);
        browser
            .post(
                "/cases/ANN-7",
                &[("reference", "ANN-7"), ("category", "other")],
            )
            .expect(Status::NotFound);
        let listed = app.get_json(token, "/api/v1/cases").expect(Status::Ok).body;
        assert!(!listed.contains("ANN-7"), "{listed}");
        assert!(!browser.get("/cases").body.contains("ANN-7"));
    }
    let untouched = app
        .get_json(&ann, "/api/v1/cases/ANN-7")
        .expect(Status::Ok)
        .json();
    assert_eq!(untouched["category"], "child_in_need");

    // Linking another worker's case to your own entry is refused, by API and by page.
    let before = entry_count(&app);
    let refused = app.post_json(
        &bob,
        "/api/v1/entries",
        json!({"kind": "diary", "body": "Visit", "cases": ["ANN-7"]}),
    );
    assert_eq!(refused.status, Status::UnprocessableEntity);
    assert_eq!(
        refused.header("Content-Type"),
        Some("application/problem+json")
    );
    assert!(names_field(&refused.json(), "cases"), "{}", refused.body);
    let page = bob_browser.post(
        "/entries",
        &[("kind", "diary"), ("body", "Visit"), ("cases", "ANN-7")],
    );
    assert_eq!(page.status, Status::UnprocessableEntity);
    assert_eq!(entry_count(&app), before, "nothing was written");

    // Bob's entry on his FAM-001 is never Ann's, and shows on his case page only.
    app.post_json(
        &bob,
        "/api/v1/entries",
        json!({"kind": "diary", "title": "Bob visited FAM-001", "body": "Visit", "cases": ["FAM-001"]}),
    )
    .expect(Status::Created);
    assert!(
        bob_browser
            .get("/cases/FAM-001")
            .body
            .contains("Bob visited FAM-001")
    );
    let ann_browser = app.signed_in("ann");
    assert!(
        !ann_browser
            .get("/cases/FAM-001")
            .expect(Status::Ok)
            .body
            .contains("Bob visited")
    );
}

fn entry_count(app: &TestApp) -> i64 {
    use praxis::platform::db::schema::entries;
    let mut conn = app.db().conn().unwrap();
    entries::table.count().get_result(&mut conn).unwrap()
}

/// Whether a problem document names `field` among its errors.
fn names_field(problem: &Value, field: &str) -> bool {
    problem["errors"]
        .as_array()
        .is_some_and(|errors| errors.iter().any(|error| error["field"] == field))
}
