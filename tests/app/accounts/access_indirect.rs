//! Reads that do not open the record's own page still reach its owner's access log: an
//! extract seen among search results, and an entry brought in full into a supervision
//! preparation pack. Each is one line per reader and hour, and the reader's own records and
//! entries they may not read are never noted.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;

/// Ann (practitioner) supervised by Pat, with one shared entry flagged for supervision and
/// one private entry, both mentioning the same words; returns the shared entry's id.
fn ann_and_pat(app: &TestApp) -> i64 {
    app.user("ann", "practitioner");
    app.user("pat", "supervisor");
    app.link("pat", "ann", LinkKind::Line);
    let ann = app.token("ann");
    let create = |body: Value| {
        app.post_json(&ann, "/api/v1/entries", body)
            .expect(Status::Created)
            .json()["id"]
            .as_i64()
            .unwrap()
    };
    create(json!({"kind": "diary", "body": "Private thoughts on the strategy meeting."}));
    create(
        json!({"kind": "diary", "body": "Shared thoughts on the strategy meeting.",
                  "visibility": "supervisor", "for_supervision": true}),
    )
}

fn log_of(app: &TestApp, person: &str) -> Vec<Value> {
    app.get_json(&app.token(person), "/api/v1/account/access")
        .expect(Status::Ok)
        .json()["accesses"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn acts(log: &[Value]) -> Vec<(String, i64)> {
    log.iter()
        .map(|row| {
            (
                row["act"].as_str().unwrap_or_default().to_string(),
                row["record_id"].as_i64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn an_extract_seen_in_search_is_noted_once_for_the_author_only() {
    let app = TestApp::new();
    let shared = ann_and_pat(&app);
    app.index_settled();
    let pat = app.token("pat");
    for _ in 0..2 {
        let found = app
            .get_json(&pat, "/api/v1/search?q=strategy")
            .expect(Status::Ok)
            .json();
        assert_eq!(found["total"], 1, "{found}");
    }
    assert_eq!(
        acts(&log_of(&app, "ann")),
        vec![("search_extract".to_string(), shared)]
    );
    // Ann's own search notes nothing, and Pat's log stays empty.
    app.get_json(&app.token("ann"), "/api/v1/search?q=strategy")
        .expect(Status::Ok);
    assert_eq!(log_of(&app, "ann").len(), 1);
    assert!(log_of(&app, "pat").is_empty());
    let page = app
        .signed_in("ann")
        .get("/account/access")
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Saw an extract in search"), "{page}");
}

#[test]
fn an_entry_brought_into_a_preparation_pack_is_noted_for_its_author() {
    let app = TestApp::new();
    let shared = ann_and_pat(&app);
    let pack = app
        .get_json(&app.token("pat"), "/api/v1/supervision/pairs/ann/pack")
        .expect(Status::Ok)
        .json();
    assert_eq!(
        pack["flagged_entries"].as_array().map(Vec::len),
        Some(1),
        "{pack}"
    );
    app.signed_in("pat")
        .get("/supervision/with/ann/pack")
        .expect(Status::Ok);
    assert_eq!(
        acts(&log_of(&app, "ann")),
        vec![("preparation_pack".to_string(), shared)]
    );
    // The supervisee preparing from her own side notes nothing.
    app.get_json(&app.token("ann"), "/api/v1/supervision/pairs/pat/pack")
        .expect(Status::Ok);
    assert_eq!(log_of(&app, "ann").len(), 1);
}
