//! Praxis to Praxis: an export imported into a fresh instance gives the same entries with
//! their earlier versions, cases with their events and deadlines, and topics (ids and
//! sharing apart: imported entries are private), and the supervision record comes back as a
//! read-only copy with its signatures written out.

use praxis::legislation::service as tags;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{actor, import, preview, written};
use crate::common::TestApp;
use crate::placements::days_ahead;
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
    "revisit_on",
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
    // The duty day is edited twice (two earlier versions) and events are recorded on the
    // case, one of them from the duty day's entry.
    let duty = app
        .get_json(&sam, "/api/v1/entries")
        .expect(Status::Ok)
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["title"] == "Duty day")
        .map(id)
        .expect("the duty day");
    for body in ["Four referrals before 10am.", "Five referrals before 10am."] {
        app.put_json(
            &sam,
            &format!("/api/v1/entries/{duty}"),
            json!({"title": "Duty day", "body": body, "cases": ["FAM-017"]}),
        )
        .expect(Status::Ok);
    }
    for event in [
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(30).to_string(),
               "entry_id": duty}),
        json!({"kind": "custom", "label": "Court report", "occurred_on": days_ago(4).to_string(),
               "due_on": days_ahead(10).to_string()}),
        json!({"kind": "court_hearing", "occurred_on": days_ahead(20).to_string(),
               "occurred_at": "10:00"}),
    ] {
        app.post_json(&sam, "/api/v1/cases/FAM-017/events", event)
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
    let planned = preview(&app, &sam, "praxis-export.json", &bytes).expect("a preview");
    assert_eq!((planned.revisions, planned.events.len()), (2, 3));
    let outcome = import(&app, &sam, "praxis-export.json", &bytes).expect("imported");
    assert_eq!(outcome.plan, planned, "the preview is what is imported");
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
    assert!(
        originals[0]["revisit_on"].is_string(),
        "the Gibbs reflection carries a revisit date: {}",
        originals[0]
    );
    for (original, copy) in originals.iter().zip(&copies) {
        for field in KEPT {
            assert_eq!(
                original[field], copy[field],
                "{field} of {}",
                original["title"]
            );
        }
        assert_eq!(copy["visibility"], "private");
        let (was, now) = (
            original["revisions"].as_array().unwrap(),
            copy["revisions"].as_array().unwrap(),
        );
        assert_eq!(was.len(), now.len(), "versions of {}", original["title"]);
        for (was, now) in was.iter().zip(now) {
            assert_eq!(was["number"], now["number"]);
            assert_eq!(was["replaced_at"], now["replaced_at"]);
            for field in KEPT.iter().filter(|field| **field != "occurred_at") {
                assert_eq!(
                    was["entry"][field], now["entry"][field],
                    "version's {field}"
                );
            }
        }
    }
    let duty = |export: &Value| {
        export["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["title"] == "Duty day")
            .map(|entry| entry["id"].clone())
            .unwrap()
    };
    assert_eq!(
        exported["entries"][2]["revisions"].as_array().map(Vec::len),
        Some(2)
    );
    let (was, now) = (&exported["cases"][0], &again["cases"][0]);
    let (events_was, events_now) = (
        was["events"].as_array().unwrap(),
        now["events"].as_array().unwrap(),
    );
    assert_eq!(events_was.len(), 3);
    assert_eq!(events_was.len(), events_now.len());
    for (event_was, event_now) in events_was.iter().zip(events_now) {
        for field in ["kind", "label", "occurred_on", "occurred_at", "due_on"] {
            assert_eq!(event_was[field], event_now[field], "event {field}");
        }
        let from_duty = |event: &Value, export: &Value| event["entry_id"] == duty(export);
        assert_eq!(
            from_duty(event_was, &exported),
            from_duty(event_now, &again),
            "the event's entry"
        );
    }
    let deadlines = |case: &Value| {
        case["deadlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|deadline| {
                let fields = ["title", "due_on", "status", "met_on"];
                fields.map(|field| deadline[field].clone())
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        deadlines(was),
        deadlines(now),
        "the deadlines the events set"
    );
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

#[test]
fn an_event_of_a_kind_this_praxis_does_not_know_is_refused_by_name_and_nothing_is_written() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let export = json!({"format_version": 1, "generator": "praxis",
        "entries": [{"id": 7, "kind": "diary", "title": "Visit", "body": "Saw them.",
                     "occurred_on": days_ago(3).to_string(), "cases": ["FAM-9"],
                     "revisions": [{"number": 1, "replaced_at": "2026-11-01T09:00:00Z",
                                    "entry": {"title": "Visit", "body": "Draft."}}]}],
        "cases": [{"reference": "FAM-9", "category": "other",
                   "opened_on": days_ago(40).to_string(),
                   "events": [{"kind": "home_visit", "occurred_on": days_ago(3).to_string()}]}]});
    let refused = import(
        &app,
        &sam,
        "old.json",
        &serde_json::to_vec(&export).unwrap(),
    )
    .expect_err("refused");
    assert!(
        refused.contains("old.json, cases[0].events[0] (FAM-9): kind"),
        "{refused}"
    );
    assert_eq!(written(&app, &sam), (0, 0));
    let mut bad_time = export.clone();
    bad_time["cases"][0]["events"] = json!([]);
    bad_time["entries"][0]["revisions"][0]["replaced_at"] = json!("yesterday");
    let refused = import(
        &app,
        &sam,
        "old.json",
        &serde_json::to_vec(&bad_time).unwrap(),
    )
    .expect_err("refused");
    assert!(
        refused.contains("old.json: entries[0].revisions[0].replaced_at"),
        "{refused}"
    );
    assert_eq!(written(&app, &sam), (0, 0));
}
