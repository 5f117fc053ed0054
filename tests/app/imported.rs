//! Read-only copies: documents signed elsewhere (supervision agreements and records, a
//! placement, its learning agreement and reviews) come back from a Praxis export as copies
//! labelled as imported, with who signed them and when as text; only their importer reads
//! them, through pages and the API; they go with the person's next export and into the
//! subject access export, and moving them on again keeps them whole and creates nothing twice.

use praxis::imported::ImportedKind;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::import::{actor, import, preview};
use crate::placements::{cast, lock_agreement, lock_review, midpoint, placement};
use crate::supervision::{agree, create, days_ago, id, lock, pair};

/// sam's export from a first Praxis: a signed agreement with pat and a signed record.
fn supervision_export() -> Value {
    let app = TestApp::new();
    let (pat, sam) = pair(&app, "pat", "sam");
    agree(&app, &sam, "pat", "monthly", days_ago(60));
    let record = id(&create(
        &app,
        &pat,
        "sam",
        json!({"held_on": days_ago(5).to_string(), "duration_minutes": 90,
               "session_type": "individual", "agenda": "Caseload review.", "wellbeing": "Fine."}),
    ));
    lock(&app, &pat, &sam, record);
    app.get_json(&sam, "/api/v1/export")
        .expect(Status::Ok)
        .json()
}

/// A fresh Praxis holding sam, kim (another practitioner) and root (an administrator).
fn fresh() -> TestApp {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("kim", "practitioner");
    app.user("root", "admin");
    app
}

fn copies(app: &TestApp, token: &str) -> Vec<Value> {
    app.get_json(token, "/api/v1/imported")
        .expect(Status::Ok)
        .json()
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// A copy without what is this instance's own (its id and when it came in).
fn portable(copy: &Value) -> Value {
    let mut copy = copy.clone();
    let fields = copy.as_object_mut().unwrap();
    fields.remove("id");
    fields.remove("imported_at");
    copy
}

#[test]
fn signed_documents_come_back_as_read_only_copies_with_their_signatures_as_text() {
    let exported = supervision_export();
    let bytes = serde_json::to_vec(&exported).unwrap();
    let app = fresh();
    let sam = actor(&app, "sam");

    let plan = preview(&app, &sam, "export.json", &bytes).expect("a preview");
    assert_eq!(
        plan.read_only_counts(),
        vec![
            (ImportedKind::SupervisionAgreement, 1),
            (ImportedKind::SupervisionRecord, 1)
        ]
    );
    let outcome = import(&app, &sam, "export.json", &bytes).expect("imported");
    assert_eq!(outcome.read_only, 2);

    let token = app.token("sam");
    let kept = copies(&app, &token);
    let titles: Vec<&str> = kept
        .iter()
        .map(|copy| copy["title"].as_str().unwrap())
        .collect();
    let planned: Vec<&str> = plan
        .read_only
        .iter()
        .map(|copy| copy.title.as_str())
        .collect();
    assert_eq!(titles, planned, "the preview names what is kept");
    let record = kept
        .iter()
        .find(|copy| copy["kind"] == "supervision_record")
        .expect("the record");
    let original = &exported["supervision"][0]["records"][0];
    assert_eq!(&record["original"], original);
    assert_eq!(record["occurred_on"], original["held_on"]);
    assert_eq!(record["read_only"], true);
    let body = record["body"].as_str().unwrap();
    assert!(
        body.contains("- Signed by the supervisor, pat, on "),
        "{body}"
    );
    assert!(
        body.contains("- Signed by the supervisee, sam, on "),
        "{body}"
    );
    assert!(body.contains("Caseload review."), "{body}");

    let browser = app.signed_in("sam");
    let list = browser.get("/imported").expect(Status::Ok);
    assert!(list.body.contains("Supervision record between pat and sam"));
    let page = browser
        .get(&format!("/imported/{}", record["id"]))
        .expect(Status::Ok);
    assert!(
        page.body.contains("Imported from another Praxis on"),
        "{}",
        page.body
    );
    assert!(page.body.contains("read-only"));
    assert!(page.body.contains("Signed by the supervisor, pat, on"));
    assert!(
        !page.body.contains("action=\"/imported"),
        "nothing on the page changes a copy"
    );
    for method in [Method::Post, Method::Put, Method::Delete] {
        let path = format!("/api/v1/imported/{}", record["id"]);
        let reply = app.api(
            method,
            Some(&token),
            &path,
            Some(json!({"title": "Changed"})),
        );
        assert_eq!(reply.status, Status::NotFound, "{method} {path}");
    }
    assert_eq!(copies(&app, &token), kept, "unchanged");
}

#[test]
fn only_the_importer_reads_a_copy_and_others_get_the_answer_of_a_missing_id() {
    let bytes = serde_json::to_vec(&supervision_export()).unwrap();
    let app = fresh();
    import(&app, &actor(&app, "sam"), "export.json", &bytes).expect("imported");
    let sam = app.token("sam");
    let copy = copies(&app, &sam)[0]["id"].as_i64().unwrap();

    let kim = app.token("kim");
    assert!(
        copies(&app, &kim).is_empty(),
        "kim's list holds none of sam's"
    );
    for token in [&kim, &app.token("root")] {
        let theirs = app.get_json(token, &format!("/api/v1/imported/{copy}"));
        let missing = app.get_json(token, "/api/v1/imported/999999");
        assert_eq!(theirs.status, Status::NotFound);
        assert_eq!(theirs.body, missing.body);
    }
    for name in ["kim", "root"] {
        let browser = app.signed_in(name);
        let theirs = browser.get(&format!("/imported/{copy}"));
        let missing = browser.get("/imported/999999");
        assert_eq!(theirs.status, Status::NotFound);
        assert_eq!(theirs.body, missing.body);
        assert!(!browser.get("/imported").body.contains("pat and sam"));
    }
}

#[test]
fn copies_go_with_the_next_export_and_into_the_subject_access_export() {
    let bytes = serde_json::to_vec(&supervision_export()).unwrap();
    let second = fresh();
    let sam_id = {
        import(&second, &actor(&second, "sam"), "export.json", &bytes).expect("imported");
        actor(&second, "sam").user_id
    };
    let token = second.token("sam");
    let moved_on = second
        .get_json(&token, "/api/v1/export")
        .expect(Status::Ok)
        .json();
    let held: Vec<Value> = moved_on["imported_records"]
        .as_array()
        .unwrap()
        .iter()
        .map(portable)
        .collect();
    assert_eq!(held.len(), 2);

    let admin = second.signed_in("root");
    admin.get("/admin").expect(Status::Ok);
    let subject = admin
        .post(
            &format!("/admin/users/{sam_id}/export"),
            &[("format", "json")],
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(subject["imported_records"], moved_on["imported_records"]);
    let kim_id = actor(&second, "kim").user_id;
    let kims = admin
        .post(
            &format!("/admin/users/{kim_id}/export"),
            &[("format", "json")],
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(kims["imported_records"], json!([]), "nothing of sam's");

    // A third Praxis: the copies arrive as they were, and a second import adds nothing.
    let third = fresh();
    let sam = actor(&third, "sam");
    let again = serde_json::to_vec(&moved_on).unwrap();
    assert_eq!(
        import(&third, &sam, "moved.json", &again)
            .unwrap()
            .read_only,
        2
    );
    let token = third.token("sam");
    let arrived: Vec<Value> = copies(&third, &token).iter().map(portable).collect();
    assert_eq!(arrived, held);
    let twice = import(&third, &sam, "moved.json", &again).unwrap();
    assert_eq!((twice.read_only, twice.created), (0, 0));
    assert_eq!(copies(&third, &token).len(), 2);
    let zip = third.get_bytes(&token, "/api/v1/export?format=markdown");
    let names = String::from_utf8_lossy(&zip.bytes).to_string();
    assert!(
        names.contains("praxis-export/imported/"),
        "the Markdown export has a folder of copies"
    );
}

#[test]
fn a_placement_comes_back_as_its_outline_learning_agreement_and_reviews() {
    let source = TestApp::new();
    let people = cast(&source);
    let placed = placement(&source, &people, "first", days_ago(60));
    lock_agreement(&source, &people, placed);
    lock_review(&source, &people, placed, "midpoint", midpoint());
    let exported = source
        .get_json(&people.stu, "/api/v1/export")
        .expect(Status::Ok)
        .json();

    let app = TestApp::new();
    app.user("stu", "student");
    let stu = actor(&app, "stu");
    let bytes = serde_json::to_vec(&exported).unwrap();
    let plan = preview(&app, &stu, "export.json", &bytes).expect("a preview");
    assert_eq!(
        plan.read_only_counts(),
        vec![
            (ImportedKind::Placement, 1),
            (ImportedKind::LearningAgreement, 1),
            (ImportedKind::PlacementReview, 1)
        ]
    );
    import(&app, &stu, "export.json", &bytes).expect("imported");
    let token = app.token("stu");
    let kept = copies(&app, &token);
    let agreement = kept
        .iter()
        .find(|copy| copy["kind"] == "learning_agreement")
        .expect("the learning agreement");
    let body = agreement["body"].as_str().unwrap();
    assert!(body.contains("- Signed by the student, "), "{body}");
    assert!(
        body.contains("- Signed by the practice educator, "),
        "{body}"
    );
    assert!(body.contains("Lead an assessment from start to finish."));
    let review = kept
        .iter()
        .find(|copy| copy["kind"] == "placement_review")
        .expect("the review");
    assert_eq!(
        review["title"],
        "Midpoint review, placement at Adult social care"
    );
}

#[test]
fn a_copy_with_a_control_character_is_refused_by_name_and_nothing_is_written() {
    let app = fresh();
    let sam = actor(&app, "sam");
    let export = json!({"format_version": 1, "generator": "praxis", "entries": [
            {"id": 1, "kind": "diary", "title": "Fine", "occurred_on": days_ago(3).to_string(),
             "body": "A day."}],
        "imported_records": [{"kind": "supervision_record", "title": "Record\u{7}",
            "occurred_on": days_ago(9).to_string(), "body": "Text.", "source_key": "k1",
            "original": {}}]});
    let refused = import(
        &app,
        &sam,
        "bad.json",
        &serde_json::to_vec(&export).unwrap(),
    )
    .expect_err("refused");
    assert!(refused.contains("bad.json, Record"), "{refused}");
    assert!(refused.contains("title"), "{refused}");
    let token = app.token("sam");
    assert!(copies(&app, &token).is_empty());
    assert_eq!(crate::import::written(&app, &sam), (0, 0));
}
