//! The access log beyond entries: each party opening or signing a supervision record appears
//! in the other's log, and a practice educator or on-site supervisor reading a student's
//! placement evidence (its page, the API, the portfolio) or documents in the student's;
//! nobody's own reads are in their own log.

use chrono::{Days, NaiveDate};
use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::placements::{cast, lock_agreement, placement};
use crate::supervision::{create, draft, id, sign};

fn accesses(app: &TestApp, token: &str) -> Vec<Value> {
    app.get_json(token, "/api/v1/account/access")
        .expect(Status::Ok)
        .json()["accesses"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn held_on() -> NaiveDate {
    praxis::platform::clock::today()
        .checked_sub_days(Days::new(3))
        .unwrap()
}

#[test]
fn opening_and_signing_a_supervision_record_is_in_the_other_partys_log() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("pat", "supervisor");
    app.link("pat", "ann", LinkKind::Line);
    let (ann, pat) = (app.token("ann"), app.token("pat"));
    let record = id(&create(&app, &ann, "pat", draft(held_on())));
    app.signed_in("ann")
        .get(&format!("/supervision/sessions/{record}"))
        .expect(Status::Ok);
    assert!(accesses(&app, &ann).is_empty(), "ann's own read");

    app.signed_in("pat")
        .get(&format!("/supervision/sessions/{record}"))
        .expect(Status::Ok);
    sign(&app, &pat, record);

    let log = accesses(&app, &ann);
    let acts: Vec<(&str, &str)> = log
        .iter()
        .map(|line| {
            (
                line["person"].as_str().unwrap(),
                line["act"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(acts, [("pat", "signed"), ("pat", "read")], "{log:?}");
    let title = format!("Supervision record, {}", held_on().format("%d %B %Y"));
    assert!(log.iter().all(|line| line["kind"] == "supervision_record"
        && line["record_id"] == record
        && line["title"] == title.as_str()));
    let page = app.signed_in("ann").get("/account/access").body;
    assert!(
        page.contains(&format!(
            "Signed your supervision record: <a href=\"/supervision/sessions/{record}\">{title}</a>"
        )),
        "{page}"
    );
    let pats = accesses(&app, &pat);
    assert_eq!(
        pats.len(),
        1,
        "only ann's read, not pat's own acts: {pats:?}"
    );
    assert_eq!(
        (&pats[0]["person"], &pats[0]["act"]),
        (&json!("ann"), &json!("read"))
    );
}

#[test]
fn an_educator_reading_placement_evidence_is_in_the_students_log() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", crate::placements::days_ago(20));
    app.signed_in("stu")
        .get(&format!("/placements/{placement}"))
        .expect(Status::Ok);
    assert!(
        accesses(&app, &cast.stu).is_empty(),
        "the student's own read"
    );

    app.get_json(
        &cast.pe,
        &format!("/api/v1/placements/{placement}/evidence"),
    )
    .expect(Status::Ok);
    let log = accesses(&app, &cast.stu);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["person"], "pe");
    assert_eq!(log[0]["act"], "read");
    assert_eq!(log[0]["kind"], "placement_evidence");
    assert_eq!(log[0]["title"], "Placement at Adult social care");

    // The portfolio shows the evidence too; the educator opening it again within the hour
    // adds nothing, the on-site supervisor opening it is a new line.
    app.signed_in("pe")
        .get(&format!("/placements/{placement}/portfolio"))
        .expect(Status::Ok);
    app.signed_in("lisa")
        .get(&format!("/placements/{placement}/portfolio"))
        .expect(Status::Ok);
    let people: Vec<Value> = accesses(&app, &cast.stu)
        .iter()
        .map(|line| line["person"].clone())
        .collect();
    assert_eq!(people, [json!("lisa"), json!("pe")]);
}

#[test]
fn an_educator_reading_and_signing_the_agreement_is_in_the_students_log() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", crate::placements::days_ago(20));
    let path = format!("/api/v1/placements/{placement}/agreement");
    app.get_json(&cast.pe, &path).expect(Status::NotFound);
    assert!(
        accesses(&app, &cast.stu).is_empty(),
        "a 404 for an agreement not yet drafted is not a read"
    );

    lock_agreement(&app, &cast, placement);
    let log = accesses(&app, &cast.stu);
    let acts: Vec<(&str, &str, &str)> = log
        .iter()
        .map(|line| {
            (
                line["person"].as_str().unwrap(),
                line["act"].as_str().unwrap(),
                line["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        acts,
        [
            ("pe", "signed", "placement_documents"),
            ("pe", "read", "placement_documents")
        ],
        "{log:?}"
    );
}
