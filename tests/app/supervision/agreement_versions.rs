//! A signed agreement changes only by a new version: either party starts one through the API
//! or the page, the signed text stays readable as both signed it, and the new version is
//! changed and signed by both again. Nobody else may start one or read the earlier versions.

use rocket::http::Status;
use serde_json::json;

use super::{agree, days_ago, pair, pair_path};
use crate::common::TestApp;

#[test]
fn a_new_version_keeps_the_signed_one_and_is_signed_again_by_both() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let path = format!("{}/agreement", pair_path("ann"));
    let from_ann = format!("{}/agreement", pair_path("sue"));
    agree(&app, &sue, "ann", "monthly", days_ago(60));

    // Before both have signed there is nothing to keep: change it directly.
    let early = app.post_json(&sue, &format!("{path}/new-version"), json!({}));
    assert_eq!(early.status, Status::Conflict, "{}", early.body);
    app.sign_as_read(&sue, &format!("{path}/sign"))
        .expect(Status::Ok);
    let signed = app
        .sign_as_read(&ann, &format!("{from_ann}/sign"))
        .expect(Status::Ok)
        .json();
    assert_eq!(signed["earlier_versions"], json!([]));

    // Ann starts a new version: the agreement is a draft again, the signed one kept.
    let started = app.post_json(&ann, &format!("{from_ann}/new-version"), json!({}));
    assert_eq!(started.status, Status::Created, "{}", started.body);
    let draft = started.json();
    assert_eq!(draft["supervisor_signed_at"], json!(null));
    assert_eq!(draft["supervisee_signed_at"], json!(null));
    assert_eq!(draft["frequency"], "monthly");
    let kept = &draft["earlier_versions"][0];
    assert_eq!(kept["version"], signed["version"]);
    assert_eq!(kept["supervisor_signed_at"], signed["supervisor_signed_at"]);
    assert_eq!(kept["supervisee_signed_at"], signed["supervisee_signed_at"]);
    assert_eq!(kept["cancellation"], "Rearranged within the week.");

    // Now it can be changed and signed again; the earlier version is still there.
    let changed = agree(&app, &sue, "ann", "fortnightly", days_ago(1));
    assert_eq!(changed["frequency"], "fortnightly");
    app.sign_as_read(&sue, &format!("{path}/sign"))
        .expect(Status::Ok);
    let again = app
        .sign_as_read(&ann, &format!("{from_ann}/sign"))
        .expect(Status::Ok)
        .json();
    assert!(again["supervisee_signed_at"].is_string(), "{again}");
    assert_eq!(again["earlier_versions"].as_array().map(Vec::len), Some(1));
    assert_eq!(again["earlier_versions"][0]["frequency"], "monthly");

    // The page shows the earlier version and offers a new one once locked.
    let page = app
        .signed_in("ann")
        .get("/supervision/with/sue/agreement")
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Earlier versions, as signed"), "{page}");
    assert!(page.contains("Start a new version"), "{page}");
}

#[test]
fn the_page_starts_a_new_version_and_outsiders_cannot() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let path = format!("{}/agreement", pair_path("ann"));
    agree(&app, &sue, "ann", "weekly", days_ago(30));
    app.sign_as_read(&sue, &format!("{path}/sign"))
        .expect(Status::Ok);
    app.sign_as_read(&ann, &format!("{}/agreement/sign", pair_path("sue")))
        .expect(Status::Ok);
    let signed = app.get_json(&sue, &path).json();

    // Someone outside the pair is told there is no such pair, and nothing changes.
    let (_, stranger) = pair(&app, "tom", "una");
    let refused = app.post_json(&stranger, &format!("{path}/new-version"), json!({}));
    assert_eq!(refused.status, Status::NotFound, "{}", refused.body);
    assert_eq!(app.get_json(&sue, &path).json(), signed);

    let browser = app.signed_in("sue");
    browser
        .get("/supervision/with/ann/agreement")
        .expect(Status::Ok);
    let started = browser.post("/supervision/with/ann/agreement/new-version", &[]);
    assert_eq!(started.status, Status::SeeOther, "{}", started.body);
    let now = app.get_json(&sue, &path).json();
    assert_eq!(now["supervisor_signed_at"], json!(null));
    assert_eq!(now["earlier_versions"][0]["version"], signed["version"]);
}
