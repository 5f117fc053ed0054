//! Praxis to Praxis: an export imported into a fresh instance gives the same entries, cases
//! and topics (ids and sharing apart: imported entries are private), and the supervision
//! record comes back as a read-only copy with its signatures written out.

use praxis::legislation::service as tags;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{actor, import, written};
use crate::common::TestApp;
use crate::supervision::{create, days_ago, id, lock, pair};

/// The fields of an exported entry that must survive the trip.
const KEPT: &[&str] = &[
    "kind",
    "title",
    "occurred_on",
    "occurred_at",
    "body",
    "model",
    "sections",
    "cpd",
    "mood",
    "for_supervision",
    "cases",
    "tags",
];

fn source_export() -> Value {
    let app = TestApp::new();
    let (pat, sam) = pair(&app, "pat", "sam");
    {
        let person = actor(&app, "sam");
        let mut conn = app.db().conn().unwrap();
        tags::create_topic(
            &mut conn,
            &person,
            "Signs of Safety",
            "A practice framework.",
        )
        .unwrap();
    }
    crate::supervision::open_case(&app, &sam, "FAM-017");
    for body in [
        json!({"kind": "reflection", "title": "Core group", "model": "gibbs",
               "occurred_on": days_ago(20).to_string(), "occurred_at": "10:15",
               "sections": {"description": "Met the family.", "feelings": "Anxious."},
               "cases": ["FAM-017"], "tags": ["CA1989-s47", "signs-of-safety"], "mood": 3,
               "for_supervision": true, "visibility": "supervisor"}),
        json!({"kind": "cpd", "title": "Course on the PLO", "occurred_on": days_ago(10).to_string(),
               "cpd": {"activity_type": "course", "description": "Public law outline.",
                       "learning": "Letters before proceedings.", "impact": "Clearer letters.",
                       "peer_role": "Senior practitioner", "peer_reflection": "Discussed it.",
                       "hours": 3.5}}),
        json!({"title": "Duty day", "body": "Four referrals before 9am."}),
    ] {
        app.post_json(&sam, "/api/v1/entries", body)
            .expect(Status::Created);
    }
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

#[test]
fn an_export_imported_into_a_fresh_instance_comes_back_the_same() {
    let exported = source_export();
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let bytes = serde_json::to_vec(&exported).unwrap();
    let outcome = import(&app, &sam, "praxis-export.json", &bytes).expect("imported");
    assert_eq!(
        (outcome.created, outcome.read_only),
        (3, 1),
        "three entries and the record: {:?}",
        outcome.plan.skipped
    );

    let token = app.token("sam");
    let again = app
        .get_json(&token, "/api/v1/export")
        .expect(Status::Ok)
        .json();
    let originals = exported["entries"].as_array().unwrap();
    let copies: Vec<&Value> = again["entries"].as_array().unwrap().iter().collect();
    assert_eq!(copies.len(), originals.len());
    for (original, copy) in originals.iter().zip(&copies) {
        for field in KEPT {
            assert_eq!(
                original[field], copy[field],
                "{field} of {}",
                original["title"]
            );
        }
        assert_eq!(copy["visibility"], "private");
    }
    assert_eq!(again["topics"], exported["topics"]);
    for field in [
        "reference",
        "label",
        "category",
        "status",
        "opened_on",
        "closed_on",
    ] {
        assert_eq!(
            again["cases"][0][field], exported["cases"][0][field],
            "case {field}"
        );
    }
    let copies = again["imported_records"].as_array().unwrap();
    assert_eq!(
        copies.len(),
        1,
        "the record as a read-only copy: {copies:?}"
    );
    let record = &copies[0];
    assert_eq!(record["kind"], "supervision_record");
    assert_eq!(record["read_only"], true);
    assert_eq!(record["title"], "Supervision record between pat and sam");
    assert_eq!(
        record["occurred_on"],
        exported["supervision"][0]["records"][0]["held_on"]
    );
    assert_eq!(record["original"], exported["supervision"][0]["records"][0]);
    let text = record["body"].as_str().unwrap();
    assert!(
        text.contains("- Signed by the supervisor, pat, on ")
            && text.contains("- Signed by the supervisee, sam, on "),
        "who signed is kept as text: {text}"
    );
    assert!(text.contains("Caseload review."), "{text}");
    let before = written(&app, &sam);
    let twice = import(&app, &sam, "praxis-export.json", &bytes).expect("nothing new");
    assert_eq!(twice.created, 0);
    assert_eq!(written(&app, &sam), before);
}
