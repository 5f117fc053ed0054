//! The supervision and placement schemas list exactly the fields their responses carry:
//! every required field is sent, and nothing is sent that the schema does not describe.

use std::collections::BTreeSet;

use rocket::http::Status;
use serde_json::{Value, json};

use super::keys;
use crate::common::TestApp;
use crate::placements::{
    self, cast, days_ago, entry, link, lock_agreement, lock_review, log_day, midpoint, observation,
    observe,
};
use crate::supervision::{agree, create, pair_path, with_actions};

/// A schema's own object, following one `$ref` or the object part of an `allOf`.
fn fields(document: &Value, schema: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut required = BTreeSet::new();
    let mut described = BTreeSet::new();
    let mut pending = vec![document["components"]["schemas"][schema].clone()];
    while let Some(part) = pending.pop() {
        if let Some(reference) = part["$ref"].as_str() {
            let name = reference.rsplit('/').next().unwrap();
            pending.push(document["components"]["schemas"][name].clone());
        }
        if let Some(parts) = part["allOf"].as_array() {
            pending.extend(parts.iter().cloned());
        }
        if let Some(list) = part["required"].as_array() {
            required.extend(list.iter().map(|field| field.as_str().unwrap().to_string()));
        }
        if let Some(properties) = part["properties"].as_object() {
            described.extend(properties.keys().cloned());
        }
    }
    assert!(!described.is_empty(), "{schema} describes no fields");
    (required, described)
}

#[track_caller]
fn conforms(document: &Value, schema: &str, sent: &Value) {
    let sent_keys = keys(sent);
    let (required, described) = fields(document, schema);
    let missing: Vec<_> = required.difference(&sent_keys).collect();
    let undescribed: Vec<_> = sent_keys.difference(&described).collect();
    assert!(
        missing.is_empty() && undescribed.is_empty(),
        "{schema}: required but not sent {missing:?}; sent but not described {undescribed:?}"
    );
}

#[test]
fn supervision_responses_match_their_schemas() {
    let document: Value = serde_json::from_str(praxis::openapi::DOCUMENT).unwrap();
    let app = TestApp::new();
    let (sue, ann) = crate::supervision::pair(&app, "sue", "ann");
    let agreement = agree(&app, &sue, "ann", "monthly", days_ago(40));
    conforms(&document, "SupervisionAgreement", &agreement);
    let record = create(
        &app,
        &ann,
        "sue",
        with_actions(
            days_ago(3),
            &[("Book the course", "ann", days_ago(1).to_string())],
        ),
    );
    conforms(&document, "SupervisionRecord", &record);
    conforms(&document, "SupervisionAction", &record["actions"][0]);
    let overview = app
        .get_json(&sue, "/api/v1/supervision")
        .expect(Status::Ok)
        .json();
    conforms(&document, "SupervisionOverview", &overview[0]);
    let pack = app
        .get_json(&sue, &format!("{}/pack", pair_path("ann")))
        .expect(Status::Ok)
        .json();
    conforms(&document, "PreparationPack", &pack);
}

#[test]
fn placement_responses_match_their_schemas() {
    let document: Value = serde_json::from_str(praxis::openapi::DOCUMENT).unwrap();
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placements::placement(&app, &cast, "first", days_ago(90));
    let day = log_day(&app, &cast.stu, placement, days_ago(80), "full");
    conforms(&document, "SavedPlacementDay", &day);
    let reflection = entry(&app, &cast.stu, "Core group", days_ago(79), "private");
    let links = link(
        &app,
        &cast.stu,
        placement,
        reflection,
        &["PCF-1"],
        "Values.",
    );
    conforms(&document, "PlacementEvidence", &links[0]);
    let observed = observe(
        &app,
        &cast.stu,
        placement,
        observation(days_ago(78), &["PCF-2"]),
    );
    conforms(&document, "SavedPlacementObservation", &observed);
    lock_agreement(&app, &cast, placement);
    let review = lock_review(&app, &cast, placement, "midpoint", midpoint());
    conforms(&document, "PlacementReview", &review);
    let amendment = app
        .post_json(
            &cast.pe,
            &format!("{}/amendments", placements::api_path(placement)),
            json!({"document": "midpoint", "field": "plan", "text": "Three observations.",
                   "reason": "Agreed with the student"}),
        )
        .expect(Status::Created)
        .json();
    conforms(&document, "SavedPlacementAmendment", &amendment);
    let whole = placements::get(&app, &cast.stu, placement);
    conforms(&document, "Placement", &whole);
    conforms(&document, "PlacementDayCount", &whole["days"]);
    let list = app
        .get_json(&cast.pe, "/api/v1/placements")
        .expect(Status::Ok)
        .json();
    conforms(&document, "PlacementSummary", &list[0]);
}

#[test]
fn every_search_hit_type_sent_is_documented() {
    let document: Value = serde_json::from_str(praxis::openapi::DOCUMENT).unwrap();
    let documented: BTreeSet<String> = document["components"]["schemas"]["SearchHit"]["properties"]
        ["type"]["enum"]
        .as_array()
        .expect("SearchHit.type lists its values")
        .iter()
        .map(|value| value.as_str().unwrap().to_string())
        .collect();
    let app = TestApp::new();
    let (sue, ann) = crate::supervision::pair(&app, "sue", "ann");
    let mut body = crate::supervision::draft(days_ago(3));
    body["wellbeing"] = json!("Talked about the okapi rota.");
    create(&app, &sue, "ann", body);
    app.post_json(
        &ann,
        "/api/v1/entries",
        json!({"kind": "diary", "body": "Thinking about the okapi rota."}),
    )
    .expect(Status::Created);
    // Sue wrote the record; Ann's search waits only for her own.
    app.index_settled();
    let found = app
        .get_json(&ann, "/api/v1/search?q=okapi")
        .expect(Status::Ok)
        .json();
    let sent: BTreeSet<String> = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|hit| hit["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sent.len(), 2, "an entry and a supervision record: {found}");
    assert!(
        sent.is_subset(&documented),
        "sent {sent:?}, documented {documented:?}"
    );
}
