//! "Waiting for you" through its routes: for each role, what waits after each kind of event
//! (signatures asked for, comments and disagreements, evidence comments, supervision and
//! actions due, case deadlines), that an item goes once it is acted on, that people with no
//! part see nothing, and that the list names kinds, dates and references, never the text.
//! This module holds the shared helpers.

use rocket::http::Status;
use serde_json::Value;

use crate::common::TestApp;

mod deadlines;
mod pages;
mod placements;
mod supervision;

/// The caller's inbox through the API.
#[track_caller]
pub(crate) fn inbox(app: &TestApp, token: &str) -> Value {
    app.get_json(token, "/api/v1/inbox")
        .expect(Status::Ok)
        .json()
}

/// The caller's waiting items of `kind`.
#[track_caller]
pub(crate) fn of_kind(app: &TestApp, token: &str, kind: &str) -> Vec<Value> {
    items(&inbox(app, token))
        .into_iter()
        .filter(|item| item["kind"] == kind)
        .collect()
}

/// The items of an inbox.
pub(crate) fn items(inbox: &Value) -> Vec<Value> {
    inbox["items"]
        .as_array()
        .unwrap_or_else(|| panic!("items in {inbox}"))
        .clone()
}

/// The kinds of the caller's waiting items, in the order listed.
#[track_caller]
pub(crate) fn kinds(app: &TestApp, token: &str) -> Vec<String> {
    items(&inbox(app, token))
        .iter()
        .map(|item| item["kind"].as_str().unwrap().to_string())
        .collect()
}

/// Asserts nothing waits for the caller, through the API and on the page.
#[track_caller]
pub(crate) fn nothing_for(app: &TestApp, username: &str) {
    let token = app.token(username);
    let inbox = inbox(app, &token);
    assert_eq!(inbox["total"], 0, "{username}: {inbox}");
    assert_eq!(
        inbox["counts"],
        serde_json::json!({}),
        "{username}: {inbox}"
    );
    let page = app
        .signed_in(username)
        .get("/inbox")
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Nothing is waiting for you."), "{username}");
}

/// Follows an item's link as `username` in a browser: the page opens and holds the anchor.
#[track_caller]
pub(crate) fn follow(app: &TestApp, username: &str, item: &Value) -> String {
    let href = item["href"].as_str().unwrap();
    let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
    let page = app.signed_in(username).get(path).expect(Status::Ok).body;
    if !anchor.is_empty() {
        assert!(
            page.contains(&format!("id=\"{anchor}\"")),
            "{href} has no #{anchor}"
        );
    }
    page
}

/// Opens case FAM-017 for the holder of `token`, with a label no inbox or email may repeat
/// ("sibling group of three").
#[track_caller]
pub(crate) fn labelled_case(app: &TestApp, token: &str) {
    app.post_json(
        token,
        "/api/v1/cases",
        serde_json::json!({"reference": "FAM-017", "label": "sibling group of three",
               "category": "child_protection",
               "opened_on": crate::supervision::days_ago(800).to_string()}),
    )
    .expect(Status::Created);
}
