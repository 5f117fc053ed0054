//! Related entries: more like this one, among what the reader may see, through
//! `GET /api/v1/entries/{id}/related` and on the entry page.

use std::collections::BTreeSet;

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::create;
use crate::common::TestApp;

/// Ids of a related list.
fn related_ids(list: &Value) -> BTreeSet<i64> {
    list.as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|entry| entry["id"].as_i64().unwrap())
        .collect()
}

fn entry(app: &TestApp, token: &str, title: &str, body: &str, visibility: &str) -> i64 {
    create(
        app,
        token,
        json!({"kind": "diary", "title": title, "body": body, "visibility": visibility}),
    )
}

#[test]
fn related_entries_are_like_this_one_and_readable() {
    let app = TestApp::new();
    for (name, role) in [
        ("ann", "practitioner"),
        ("sue", "supervisor"),
        ("stranger", "practitioner"),
    ] {
        app.user(name, role);
    }
    app.link("sue", "ann", LinkKind::Line);
    let (ann, sue, stranger) = (app.token("ann"), app.token("sue"), app.token("stranger"));
    let contact = "Contact centre: supervised contact with the grandmother went well.";
    let first = entry(&app, &ann, "Contact one", contact, "supervisor");
    let second = entry(
        &app,
        &ann,
        "Contact two",
        "Supervised contact at the contact centre; grandmother late again.",
        "supervisor",
    );
    let third = entry(
        &app,
        &ann,
        "Contact three",
        "The grandmother asked for more supervised contact at the centre.",
        "private",
    );
    let court = entry(
        &app,
        &ann,
        "Court",
        "Court bundle prepared, hearing listed.",
        "supervisor",
    );
    // Someone else's entries about the same thing, private and shared with nobody ann knows.
    let strangers = entry(&app, &stranger, "Contact", contact, "private");
    let strangers_shared = entry(&app, &stranger, "Contact", contact, "supervisor");

    let reply = app
        .get_json(&ann, &format!("/api/v1/entries/{first}/related"))
        .expect(Status::Ok);
    let list = reply.json();
    let found = related_ids(&list);
    assert!(found.contains(&second) && found.contains(&third), "{list}");
    assert!(!found.contains(&first), "not itself: {list}");
    assert!(!found.contains(&court), "{list}");
    assert!(
        !found.contains(&strangers) && !found.contains(&strangers_shared),
        "{list}"
    );
    let one = list
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == second)
        .unwrap();
    for key in ["id", "kind", "title", "occurred_on", "cases", "tags"] {
        assert!(one.get(key).is_some(), "{key} in {one}");
    }
    assert_eq!(one["title"], "Contact two");

    // The supervisor sees the shared ones only: never ann's private third entry.
    let seen = related_ids(
        &app.get_json(&sue, &format!("/api/v1/entries/{first}/related"))
            .expect(Status::Ok)
            .json(),
    );
    assert!(seen.contains(&second), "{seen:?}");
    assert!(!seen.contains(&third), "{seen:?}");
    assert!(!seen.contains(&strangers) && !seen.contains(&strangers_shared));

    // The stranger's own contact entry is related to the other one of theirs only.
    let theirs = related_ids(
        &app.get_json(&stranger, &format!("/api/v1/entries/{strangers}/related"))
            .expect(Status::Ok)
            .json(),
    );
    assert_eq!(theirs, BTreeSet::from([strangers_shared]));

    // Another user's entry answers as if it did not exist.
    for (token, id) in [
        (&stranger, first),
        (&stranger, third),
        (&sue, third),
        (&ann, strangers),
        (&ann, 999_999),
    ] {
        let refused = app.get_json(token, &format!("/api/v1/entries/{id}/related"));
        assert_eq!(refused.status, Status::NotFound, "{id}: {}", refused.body);
        assert!(!refused.body.contains("Contact"), "{}", refused.body);
    }
    // Binned entries are not related to anything.
    app.api(
        rocket::http::Method::Delete,
        Some(&ann),
        &format!("/api/v1/entries/{second}"),
        None,
    )
    .expect(Status::NoContent);
    let after = related_ids(
        &app.get_json(&ann, &format!("/api/v1/entries/{first}/related"))
            .expect(Status::Ok)
            .json(),
    );
    assert!(!after.contains(&second), "{after:?}");
    assert!(after.contains(&third), "{after:?}");
}

#[test]
fn the_entry_page_shows_related_entries() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    app.user("sue", "supervisor");
    app.link("sue", "ann", LinkKind::Line);
    let ann = app.token("ann");
    let first = entry(
        &app,
        &ann,
        "Contact one",
        "Supervised contact at the contact centre with grandmother.",
        "supervisor",
    );
    let second = entry(
        &app,
        &ann,
        "Contact two",
        "Grandmother at the contact centre for supervised contact.",
        "supervisor",
    );
    let private = entry(
        &app,
        &ann,
        "Private contact thoughts",
        "Supervised contact centre grandmother worries.",
        "private",
    );
    let lonely = entry(&app, &ann, "Court", "Court bundle.", "private");

    let browser = app.signed_in("ann");
    let page = browser
        .get(&format!("/entries/{first}"))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Related entries"), "{page}");
    assert!(
        page.contains(&format!(r#"<a href="/entries/{second}">Contact two</a>"#)),
        "{page}"
    );
    assert!(
        page.contains(&format!(r#"<a href="/entries/{private}">"#)),
        "{page}"
    );

    let supervisor = app.signed_in("sue");
    let seen = supervisor
        .get(&format!("/entries/{first}"))
        .expect(Status::Ok)
        .body;
    assert!(seen.contains("Related entries"), "{seen}");
    assert!(
        seen.contains(&format!(r#"<a href="/entries/{second}">"#)),
        "{seen}"
    );
    assert!(!seen.contains("Private contact thoughts"), "{seen}");
    assert!(
        !seen.contains(&format!(r#"<a href="/entries/{private}">"#)),
        "{seen}"
    );

    // Nothing like it: no section at all.
    let alone = browser
        .get(&format!("/entries/{lonely}"))
        .expect(Status::Ok)
        .body;
    assert!(!alone.contains("Related entries"), "{alone}");
}
