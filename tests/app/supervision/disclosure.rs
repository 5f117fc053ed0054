//! What a supervisor learns about a supervisee's private CPD and custom deadlines: counts and
//! "Custom deadline", never a record's words or a deadline's own label, on every page and in
//! every JSON document a supervisor is shown.

use rocket::http::Status;
use serde_json::json;

use super::{days_ago, days_ahead, entry, open_case, pack, pair};
use crate::common::TestApp;

/// Words planted in the supervisee's private text; none may reach the supervisor.
const PLANTED: &[&str] = &[
    "Quokkabundle",
    "Marmosetcourse",
    "Pangolinlearning",
    "Ocelotreflection",
];

#[test]
fn a_supervisor_sees_counts_and_kinds_never_private_cpd_or_custom_labels() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    open_case(&app, &ann, "FAM-2");
    app.post_json(
        &ann,
        "/api/v1/cases/FAM-1/events",
        json!({"kind": "custom", "label": "Quokkabundle for court",
               "due_on": days_ahead(5).to_string()}),
    )
    .expect(Status::Created);
    app.post_json(
        &ann,
        "/api/v1/cases/FAM-2/events",
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(1).to_string()}),
    )
    .expect(Status::Created);
    let mut ids = Vec::new();
    for (number, peer) in [(1, true), (2, false), (3, false), (4, true)] {
        let mut cpd = json!({"activity_type": "Course or training",
                             "description": "Pangolinlearning in depth.",
                             "learning": "Pangolinlearning applied.", "impact": "Chronologies.",
                             "hours": 2});
        if peer {
            cpd["peer_role"] = json!("senior practitioner");
            cpd["peer_reflection"] = json!("Ocelotreflection together.");
        }
        ids.push(entry(
            &app,
            &ann,
            json!({"kind": "cpd", "title": format!("Marmosetcourse {number}"), "body": "",
                   "visibility": "private", "cpd": cpd}),
        ));
    }
    // A record in the bin does not count.
    app.api_raw(
        rocket::http::Method::Delete,
        &ann,
        &format!("/api/v1/entries/{}", ids[3]),
        "",
    )
    .expect(Status::NoContent);

    // The supervisee's own pages hold the words, so their absence below means something.
    let own = app.signed_in("ann");
    assert!(own.get("/cases/FAM-1").body.contains("Quokkabundle"));
    assert!(own.get("/cpd").body.contains("Marmosetcourse"));

    let json_pack = pack(&app, &sue, "ann");
    assert_eq!(json_pack["cpd"], json!([3, 1]), "{json_pack}");
    let kinds: Vec<&str> = json_pack["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .filter_map(|deadline| deadline[1].as_str())
        .collect();
    assert!(kinds.contains(&"custom"), "{json_pack}");

    let supervisor = app.signed_in("sue");
    let pack_page = supervisor
        .get("/supervision/with/ann/pack")
        .expect(Status::Ok)
        .body;
    assert!(
        pack_page.contains("3 of 2 records, 1 with a peer reflection, 6 hours"),
        "{pack_page}"
    );
    assert!(pack_page.contains("Custom deadline"));
    let deadlines_page = supervisor
        .get("/deadlines/supervisees")
        .expect(Status::Ok)
        .body;
    assert!(deadlines_page.contains("FAM-1") && deadlines_page.contains("Custom deadline"));

    let seen = [
        ("pack JSON", json_pack.to_string()),
        ("pack page", pack_page),
        ("supervisees' deadlines", deadlines_page),
        (
            "new record form",
            supervisor
                .get("/supervision/with/ann/sessions/new")
                .expect(Status::Ok)
                .body,
        ),
        (
            "pair page",
            supervisor
                .get("/supervision/with/ann")
                .expect(Status::Ok)
                .body,
        ),
        (
            "own deadlines JSON",
            app.get_json(&sue, "/api/v1/deadlines").body,
        ),
    ];
    for (what, text) in &seen {
        for word in PLANTED {
            assert!(!text.contains(word), "{word} in the supervisor's {what}");
        }
    }
}
