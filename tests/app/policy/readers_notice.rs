//! The "shared with" notice on an entry names exactly the people who can then open it: the
//! notice and the rule come from the same place in the policy.

use std::collections::BTreeSet;

use praxis::accounts::model::LinkKind;
use regex::Regex;
use rocket::http::Status;
use serde_json::json;

use crate::common::TestApp;

#[test]
fn the_shared_with_notice_names_exactly_who_can_open_the_entry() {
    let app = TestApp::new();
    let people = [
        ("sue", "supervisor"),
        ("otto", "supervisor"),
        ("dan", "supervisor"),
        ("bob", "practitioner"),
        ("root", "admin"),
    ];
    app.user("ann", "practitioner");
    let mut ids = Vec::new();
    for (name, role) in people {
        ids.push((name, app.user(name, role)));
    }
    app.link("sue", "ann", LinkKind::Line);
    app.link("dan", "ann", LinkKind::Line);
    app.link("otto", "bob", LinkKind::Line);
    let tokens: Vec<(&str, String)> = people
        .iter()
        .map(|(name, _)| (*name, app.token(name)))
        .collect();
    // Dan's account is disabled: he opens nothing, so the notice must leave him out.
    let root = app.signed_in("root");
    root.get("/admin").expect(Status::Ok);
    let dan = ids.iter().find(|(name, _)| *name == "dan").unwrap().1;
    root.post(&format!("/admin/users/{dan}/disable"), &[])
        .expect(Status::SeeOther);

    let entry = app
        .post_json(
            &app.token("ann"),
            "/api/v1/entries",
            json!({"kind": "diary", "title": "Shared note", "body": "Text.",
                   "visibility": "supervisor"}),
        )
        .expect(Status::Created)
        .json();
    let page = app
        .signed_in("ann")
        .get(&format!("/entries/{}", entry["id"]))
        .expect(Status::Ok)
        .body;
    let notice = Regex::new(r#"<span class="badge shared">Shared with ([^<]*)</span>"#)
        .unwrap()
        .captures(&page)
        .unwrap_or_else(|| panic!("a shared-with notice on {page}"))[1]
        .to_string();
    let named: BTreeSet<String> = notice.split(", ").map(str::to_lowercase).collect();
    let path = format!("/api/v1/entries/{}", entry["id"]);
    let can_open: BTreeSet<String> = tokens
        .iter()
        .filter(|(_, token)| app.get_json(token, &path).status == Status::Ok)
        .map(|(name, _)| name.to_string())
        .collect();
    assert_eq!(can_open, BTreeSet::from(["sue".to_string()]));
    assert_eq!(named, can_open);
}
