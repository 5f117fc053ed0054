//! Topic tags belong to their creator: nobody else lists, browses, filters, searches or tags
//! with them, though a supervisor sees a topic's name on an entry shared with them; and the
//! confidentiality guard reads tag names and case labels.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::names_field;
use crate::common::TestApp;
use crate::search::{facet, search, search_reply};

const TOPIC: &str = "smith-family-worries";

fn codes(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    app.get_json(token, &format!("/api/v1/tags{query}"))
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of tags")
        .iter()
        .map(|tag| tag["code"].as_str().unwrap().to_string())
        .collect()
}

fn entry(app: &TestApp, token: &str, body: Value) -> i64 {
    app.post_json(token, "/api/v1/entries", body)
        .expect(Status::Created)
        .json()["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_topic_is_seen_and_used_only_by_the_person_who_made_it() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("bob", "practitioner");
    let (ann, bob) = (app.token("ann"), app.token("bob"));
    let (ann_pages, bob_pages) = (app.signed_in("ann"), app.signed_in("bob"));
    ann_pages
        .post("/tags", &[("title", "Smith family worries")])
        .expect(Status::SeeOther);
    entry(
        &app,
        &ann,
        json!({"kind": "diary", "body": "Home visit.", "tags": [TOPIC]}),
    );
    assert_eq!(codes(&app, &ann, "?kind=topic"), [TOPIC]);

    // Bob: not in the catalogue page, the API's list or search, nor the entry form's choices.
    for path in [
        "/tags",
        "/tags?kind=topic",
        "/tags?q=smith",
        "/entries/new",
        "/entries",
    ] {
        let page = bob_pages.get(path).expect(Status::Ok).body;
        assert!(!page.contains(TOPIC), "{path} shows ann's topic");
        assert!(
            !page.contains("Smith family worries"),
            "{path} shows ann's topic"
        );
    }
    assert!(codes(&app, &bob, "?kind=topic").is_empty());
    assert!(!codes(&app, &bob, "").contains(&TOPIC.to_string()));
    assert!(codes(&app, &bob, "?q=smith").is_empty());

    // Asked for by code, it is a tag that does not exist, to the byte.
    let missing = bob_pages.get("/tags/no-such-topic");
    let asked = bob_pages.get(&format!("/tags/{TOPIC}"));
    assert_eq!(asked.status, Status::NotFound);
    assert_eq!((asked.status, &asked.body), (missing.status, &missing.body));

    // Nor can Bob tag with it or filter by it.
    let tagged = app.post_json(
        &bob,
        "/api/v1/entries",
        json!({"kind": "diary", "body": "x", "tags": [TOPIC]}),
    );
    assert_eq!(tagged.status, Status::UnprocessableEntity);
    assert!(names_field(&tagged, "tags"), "{}", tagged.body);
    let filtered = app.get_json(&bob, &format!("/api/v1/entries?tag={TOPIC}"));
    assert_eq!(filtered.status, Status::UnprocessableEntity);

    // Bob makes his own of the same name: his, separate, and Ann's stays hers.
    let added = bob_pages
        .post("/tags", &[("title", "Smith family worries")])
        .expect(Status::SeeOther);
    assert_eq!(added.location(), Some("/tags/smith-family-worries"));
    let mine = entry(
        &app,
        &bob,
        json!({"kind": "diary", "body": "Planning meeting.", "tags": [TOPIC]}),
    );
    let listed = app
        .get_json(&bob, &format!("/api/v1/entries?tag={TOPIC}"))
        .expect(Status::Ok)
        .json();
    let ids: Vec<i64> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [mine]);
    let bob_tag_page = bob_pages
        .get(&format!("/tags/{TOPIC}"))
        .expect(Status::Ok)
        .body;
    assert!(bob_tag_page.contains("Planning meeting"), "{bob_tag_page}");
    assert!(!bob_tag_page.contains("Home visit"));
    assert_eq!(codes(&app, &ann, "?kind=topic"), [TOPIC]);
    let ann_tag_page = ann_pages
        .get(&format!("/tags/{TOPIC}"))
        .expect(Status::Ok)
        .body;
    assert!(ann_tag_page.contains("Home visit"));
    assert!(!ann_tag_page.contains("Planning meeting"));
    // Making the same topic twice is refused to its own maker only.
    let again = ann_pages.post("/tags", &[("title", "Smith Family Worries!")]);
    assert_eq!(again.status, Status::UnprocessableEntity);
    assert!(again.body.contains("already have a tag"), "{}", again.body);
}

#[test]
fn a_supervisor_sees_the_topic_on_a_shared_entry_but_cannot_browse_filter_or_search_by_it() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("sue", "supervisor");
    app.link("sue", "ann", LinkKind::Line);
    let (ann, sue) = (app.token("ann"), app.token("sue"));
    app.signed_in("ann")
        .post("/tags", &[("title", "Smith family worries")])
        .expect(Status::SeeOther);
    let id = entry(
        &app,
        &ann,
        json!({"kind": "diary", "body": "Shared fieldwork note.", "visibility": "supervisor",
               "tags": [TOPIC, "PCF-6"]}),
    );
    let sue_pages = app.signed_in("sue");

    // Part of what was shared: the name on the entry, without a link into Ann's topic.
    let page = sue_pages
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(page.contains(TOPIC), "{page}");
    assert!(!page.contains(&format!("href=\"/tags/{TOPIC}\"")), "{page}");
    assert!(
        page.contains("href=\"/tags/PCF-6\""),
        "catalogue tags stay linked"
    );
    let read = app
        .get_json(&sue, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok)
        .json();
    assert_eq!(read["tags"], json!(["PCF-6", TOPIC]));

    // Not listed, browsed, filtered by or offered as a search facet.
    assert!(!codes(&app, &sue, "").contains(&TOPIC.to_string()));
    assert!(!sue_pages.get("/tags").body.contains(TOPIC));
    assert_eq!(
        sue_pages.get(&format!("/tags/{TOPIC}")).status,
        Status::NotFound
    );
    let filtered = app.get_json(&sue, &format!("/api/v1/entries?shared=true&tag={TOPIC}"));
    assert_eq!(filtered.status, Status::UnprocessableEntity);
    app.index_settled();
    let found = search(&app, &sue, &[("q", "fieldwork")]);
    assert_eq!(found["total"], 1, "{found}");
    let tags = facet(&found, "tag");
    assert!(tags.contains_key("PCF-6"), "{found}");
    assert!(!tags.contains_key(TOPIC), "{found}");
    let by_topic = search_reply(&app, &sue, &[("q", "fieldwork"), ("tag", TOPIC)]);
    assert_eq!(by_topic.status, Status::UnprocessableEntity);
    // Ann herself still filters her search by it.
    let own = search(&app, &ann, &[("q", "fieldwork"), ("tag", TOPIC)]);
    assert_eq!(own["total"], 1, "{own}");
}

#[test]
fn two_peoples_topics_with_the_same_code_never_count_or_filter_as_one() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("sue", "supervisor");
    app.link("sue", "ann", LinkKind::Line);
    let (ann, sue) = (app.token("ann"), app.token("sue"));
    for person in ["ann", "sue"] {
        app.signed_in(person)
            .post("/tags", &[("title", "Resilience")])
            .expect(Status::SeeOther);
    }
    entry(
        &app,
        &ann,
        json!({"kind": "diary", "body": "Shared note on resilience work.",
               "visibility": "supervisor", "tags": ["resilience"]}),
    );
    let own = entry(
        &app,
        &sue,
        json!({"kind": "diary", "body": "My own note on resilience work.", "tags": ["resilience"]}),
    );
    app.index_settled();

    // Sue reads both entries, but only her own carries her topic.
    let everything = search(&app, &sue, &[("q", "resilience")]);
    assert_eq!(everything["total"], 2, "{everything}");
    assert_eq!(
        facet(&everything, "tag").get("resilience"),
        Some(&1),
        "{everything}"
    );
    let filtered = search(&app, &sue, &[("q", "resilience"), ("tag", "resilience")]);
    assert_eq!(filtered["total"], 1, "{filtered}");
    assert_eq!(filtered["hits"][0]["id"], own, "{filtered}");

    // Ann's filter finds only hers, although Sue's is of the same code.
    let hers = search(&app, &ann, &[("tag", "resilience")]);
    assert_eq!(hers["total"], 1, "{hers}");
    assert_ne!(hers["hits"][0]["id"], own, "{hers}");
}

#[test]
fn the_confidentiality_guard_reads_topic_names_and_case_labels() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    for (title, summary, found) in [
        ("Mum on 07700 900123", "", "07700 900123"),
        ("NHS 943 476 5919", "", "943 476 5919"),
        ("Family work", "child's NHS number 9434765919", "9434765919"),
    ] {
        let refused = browser.post("/tags", &[("title", title), ("summary", summary)]);
        assert_eq!(refused.status, Status::UnprocessableEntity, "{title}");
        assert!(refused.body.contains(found), "{title}: {}", refused.body);
        assert!(
            refused
                .body
                .contains("Topic names show on entries you share")
        );
    }
    assert!(
        codes(&app, &token, "?kind=topic").is_empty(),
        "nothing saved"
    );

    // A case label with an NHS number is held for review on the page, reported by the API.
    let fields = [
        ("reference", "FAM-030"),
        ("label", "baby 943 476 5919"),
        ("category", "other"),
    ];
    let review = browser.post("/cases", &fields);
    assert_eq!(review.status, Status::UnprocessableEntity);
    assert!(review.body.contains("an NHS number"), "{}", review.body);
    app.get_json(&token, "/api/v1/cases/FAM-030")
        .expect(Status::NotFound);
    let saved = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-031", "label": "tel 07700 900123", "category": "other"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(saved["privacy_warnings"][0]["field"], "label");
    assert_eq!(saved["privacy_warnings"][0]["kind"], "phone_number");
}
