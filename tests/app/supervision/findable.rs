//! Supervision records in search: found by the words in them, by the two parties only (and a
//! student's practice educator for records about the placement); an amendment's new text is
//! findable at once.

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{create, days_ago, draft, id, lock, session_path};
use crate::common::TestApp;

fn find(app: &TestApp, token: &str, words: &str) -> Value {
    app.get_json(token, &format!("/api/v1/search?q={words}&limit=100"))
        .expect(Status::Ok)
        .json()
}

/// (type, id) of each hit.
fn hits(result: &Value) -> Vec<(String, i64)> {
    result["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("hits in {result}"))
        .iter()
        .map(|hit| {
            (
                hit["type"].as_str().unwrap().to_string(),
                hit["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_record_is_found_by_its_words_by_the_two_parties_only() {
    let app = TestApp::new();
    for (name, role) in [
        ("sue", "supervisor"),
        ("ann", "practitioner"),
        ("bob", "practitioner"),
        ("otto", "supervisor"),
        ("root", "admin"),
        ("stranger", "practitioner"),
        ("lisa", "supervisor"),
        ("stu", "student"),
        ("pe", "practice_educator"),
    ] {
        app.user(name, role);
    }
    app.link("sue", "ann", LinkKind::Line);
    app.link("sue", "bob", LinkKind::Line);
    app.link("otto", "bob", LinkKind::Line);
    app.link("lisa", "stu", LinkKind::Line);
    app.link("pe", "stu", LinkKind::Educator);
    let token = |name: &str| app.token(name);
    let (sue, ann) = (token("sue"), token("ann"));

    let mut body = draft(days_ago(3));
    body["wellbeing"] = json!("Vicarious trauma after the quokka sanctuary visit.");
    body["actions"] = json!([{"description": "Book the marmoset counselling session",
                              "owner": "ann", "due_on": days_ago(1).to_string()}]);
    let record = id(&create(&app, &sue, "ann", body));
    let lisa = token("lisa");
    let mut placement = draft(days_ago(4));
    placement["about_placement"] = json!(true);
    placement["development"] = json!("Placement learning about capybara enclosures.");
    let placement = id(&create(&app, &lisa, "stu", placement));
    let mut other = draft(days_ago(5));
    other["development"] = json!("Not about the placement: pangolin rota.");
    let other = id(&create(&app, &lisa, "stu", other));
    // The other parties search next: a new record is waited for by its author only.
    app.index_settled();

    let readers = [
        ("sue", true),
        ("ann", true),
        ("bob", false),
        ("otto", false),
        ("root", false),
        ("stranger", false),
        ("pe", false),
    ];
    let tokens: Vec<(&str, String, bool)> = readers
        .iter()
        .map(|(name, reads)| (*name, token(name), *reads))
        .collect();
    for words in ["quokka", "marmoset"] {
        for (name, token, reads) in &tokens {
            let result = find(&app, token, words);
            if *reads {
                assert_eq!(
                    hits(&result),
                    [("supervision".to_string(), record)],
                    "{name} {words}"
                );
            } else {
                assert_eq!(result["total"], 0, "{name} finds {words}: {result}");
                assert_eq!(result["hits"], json!([]), "{name}");
            }
        }
    }
    let hit = &find(&app, &ann, "quokka")["hits"][0];
    assert_eq!(hit["kind"], "supervision");
    assert_eq!(hit["occurred_on"], days_ago(3).to_string());
    assert!(
        hit["title"].as_str().unwrap().contains("sue and ann"),
        "{hit}"
    );
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<mark>quokka</mark>"),
        "{hit}"
    );

    // A student's practice educator finds the record about the placement, not the other one.
    let (pe, stu) = (token("pe"), token("stu"));
    assert_eq!(
        hits(&find(&app, &pe, "capybara")),
        [("supervision".to_string(), placement)]
    );
    assert_eq!(find(&app, &pe, "pangolin")["total"], 0);
    assert_eq!(
        hits(&find(&app, &stu, "pangolin")),
        [("supervision".to_string(), other)]
    );
    assert_eq!(find(&app, &sue, "capybara")["total"], 0);

    // An amendment's new text is found at once, by the parties only.
    lock(&app, &sue, &ann, record);
    app.post_json(
        &ann,
        &format!("{}/amendments", session_path(record)),
        json!({"field": "wellbeing", "text": "Vicarious trauma after the wombat sanctuary visit.",
               "reason": "Wrong sanctuary"}),
    )
    .expect(Status::Created);
    for (name, token, reads) in &tokens {
        let result = find(&app, token, "wombat");
        if *reads {
            assert_eq!(
                hits(&result),
                [("supervision".to_string(), record)],
                "{name}"
            );
        } else {
            assert_eq!(result["total"], 0, "{name} finds the amendment: {result}");
        }
    }
}

#[test]
fn a_practice_educator_linked_later_finds_the_placement_records_and_one_unlinked_does_not() {
    let app = TestApp::new();
    for (name, role) in [
        ("lisa", "supervisor"),
        ("stu", "student"),
        ("pe", "practice_educator"),
    ] {
        app.user(name, role);
    }
    app.link("lisa", "stu", LinkKind::Line);
    let mut placement = draft(days_ago(4));
    placement["about_placement"] = json!(true);
    placement["development"] = json!("Placement learning about axolotl husbandry.");
    let record = id(&create(&app, &app.token("lisa"), "stu", placement));
    let pe = app.token("pe");
    assert!(hits(&find(&app, &pe, "axolotl")).is_empty());

    // The student's practice educator is linked after the record was written.
    app.link("pe", "stu", LinkKind::Educator);
    assert_eq!(
        hits(&find(&app, &pe, "axolotl")),
        [("supervision".to_string(), record)]
    );
    // Unlinked again: the record drops out of their results.
    let mut conn = app.db().conn().unwrap();
    let link_id: i32 = {
        use diesel::prelude::*;
        use praxis::platform::db::schema::{supervision_links, users};
        supervision_links::table
            .inner_join(users::table.on(users::id.eq(supervision_links::supervisor_id)))
            .filter(users::username.eq("pe"))
            .select(supervision_links::id)
            .first(&mut conn)
            .unwrap()
    };
    app.user("root", "admin");
    let root = praxis::accounts::directory::find_by_username(&mut conn, "root")
        .unwrap()
        .unwrap()
        .actor()
        .unwrap();
    praxis::accounts::admin::unlink(
        &mut conn,
        &root,
        link_id,
        None,
        praxis::platform::clock::now(),
    )
    .unwrap();
    assert!(hits(&find(&app, &pe, "axolotl")).is_empty());
}
