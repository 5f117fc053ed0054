//! Permissions inside the query, as a matrix over the people of the policy tests: nothing
//! private crosses in a hit, a total, a facet count or a snippet; shared entries reach the
//! linked supervisor or practice educator only, and stop reaching them when the link ends
//! or the entry is made private again.

use std::collections::{BTreeMap, BTreeSet};

use praxis::accounts::model::LinkKind;
use regex::Regex;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{create, facet, find, hit_ids, hit_set, search};
use crate::common::{Browser, TestApp};

/// Everyone in the matrix: `(username, role)`.
const PEOPLE: &[(&str, &str)] = &[
    ("ann", "practitioner"),
    ("sue", "supervisor"),
    ("otto", "supervisor"),
    ("stu", "student"),
    ("pe", "practice_educator"),
    ("pat", "practice_educator"),
    ("root", "admin"),
    ("stranger", "practitioner"),
];

/// One entry of the matrix: who wrote it, whether it is shared, the word only it contains,
/// the case and tag only it uses, and who may find it.
struct Planted {
    author: &'static str,
    visibility: &'static str,
    word: &'static str,
    case: &'static str,
    tag: &'static str,
    kind: &'static str,
    readers: &'static [&'static str],
}

const PLANTED: &[Planted] = &[
    Planted {
        author: "ann",
        visibility: "private",
        word: "zanzibarite",
        case: "ANN-PRIV",
        tag: "CA1989-s31",
        kind: "reflection",
        readers: &["ann"],
    },
    Planted {
        author: "ann",
        visibility: "supervisor",
        word: "quillwort",
        case: "ANN-SHARED",
        tag: "CA1989-s17",
        kind: "diary",
        readers: &["ann", "sue"],
    },
    Planted {
        author: "stu",
        visibility: "private",
        word: "tamarisk",
        case: "STU-PRIV",
        tag: "HRA1998-art8",
        kind: "cpd",
        readers: &["stu"],
    },
    Planted {
        author: "stu",
        visibility: "supervisor",
        word: "bellflower",
        case: "STU-SHARED",
        tag: "PCF-3",
        kind: "diary",
        readers: &["stu", "pe"],
    },
];

/// The people, their tokens and the planted entries' ids.
struct World {
    tokens: BTreeMap<&'static str, String>,
    ids: Vec<i64>,
}

impl World {
    fn new(app: &TestApp) -> Self {
        for (name, role) in PEOPLE {
            app.user(name, role);
        }
        app.link("sue", "ann", LinkKind::Line);
        app.link("pe", "stu", LinkKind::Educator);
        let tokens: BTreeMap<&'static str, String> = PEOPLE
            .iter()
            .map(|(name, _)| (*name, app.token(name)))
            .collect();
        let mut ids = Vec::new();
        for planted in PLANTED {
            let token = &tokens[planted.author];
            app.post_json(
                token,
                "/api/v1/cases",
                json!({"reference": planted.case, "category": "child_in_need"}),
            )
            .expect(Status::Created);
            let text = format!("Fieldwork on the {} question.", planted.word);
            let mut entry = json!({
                "kind": planted.kind,
                "title": format!("Fieldwork {}", planted.word),
                "body": text,
                "visibility": planted.visibility,
                "cases": [planted.case],
                "tags": [planted.tag],
            });
            match planted.kind {
                "reflection" => {
                    entry["model"] = json!("gibbs");
                    entry["sections"] = json!({"analysis": text});
                }
                "cpd" => {
                    entry["body"] = json!("");
                    entry["cpd"] = json!({
                        "activity_type": "Course or training",
                        "description": text,
                        "learning": "Fieldwork learning.",
                        "impact": "Fieldwork impact.",
                        "hours": 1.5,
                    });
                }
                _ => {}
            }
            ids.push(create(app, token, entry));
        }
        // The readers search right after the authors wrote: let the index catch up first.
        app.index_settled();
        Self { tokens, ids }
    }

    fn token(&self, name: &str) -> &str {
        &self.tokens[name]
    }

    /// The planted entries `name` may read, as ids.
    fn readable(&self, name: &str) -> BTreeSet<i64> {
        PLANTED
            .iter()
            .zip(&self.ids)
            .filter(|(planted, _)| planted.readers.contains(&name))
            .map(|(_, id)| *id)
            .collect()
    }
}

/// An answer that shows nothing at all.
#[track_caller]
fn assert_empty(result: &Value, context: &str) {
    assert_eq!(result["total"], 0, "{context}: {result}");
    assert_eq!(hit_ids(result), Vec::<i64>::new(), "{context}: {result}");
    for name in ["kind", "case", "tag"] {
        assert!(facet(result, name).is_empty(), "{context}: {result}");
    }
    assert_eq!(result["next_cursor"], Value::Null, "{context}: {result}");
}

#[test]
fn private_words_reach_no_one_else_and_shared_ones_only_the_linked_reader() {
    let app = TestApp::new();
    let world = World::new(&app);
    for (person, _) in PEOPLE {
        let token = world.token(person);
        for (planted, id) in PLANTED.iter().zip(&world.ids) {
            let prefix = format!("{}*", &planted.word[..5]);
            let queries = [
                vec![("q", planted.word)],
                vec![("q", planted.word), ("sort", "date")],
                vec![("q", prefix.as_str())],
                vec![("q", planted.case)],
                vec![("q", planted.word), ("kind", planted.kind)],
                vec![("q", planted.word), ("tag", planted.tag)],
                vec![("q", "fieldwork"), ("tag", planted.tag)],
            ];
            for query in queries {
                let context = format!("{person} searching {query:?}");
                let result = search(&app, token, &query);
                if planted.readers.contains(person) {
                    assert_eq!(hit_ids(&result), vec![*id], "{context}: {result}");
                    assert_eq!(result["total"], 1, "{context}");
                } else {
                    assert_empty(&result, &context);
                    assert!(
                        !result.to_string().contains(planted.word),
                        "{context}: {result}"
                    );
                }
            }
            // The API's own answer shows the word only to those who may read it.
            let found = find(&app, token, planted.word);
            if planted.readers.contains(person) {
                let snippet = found["hits"][0]["snippet_html"].as_str().unwrap();
                assert!(
                    snippet.contains(&format!("<mark>{}</mark>", planted.word)),
                    "{snippet}"
                );
            }
        }
    }
}

#[test]
fn totals_and_facets_count_only_what_each_person_may_read() {
    let app = TestApp::new();
    let world = World::new(&app);
    for (person, _) in PEOPLE {
        let token = world.token(person);
        let readable = world.readable(person);
        let readable_planted: Vec<&Planted> = PLANTED
            .iter()
            .filter(|planted| planted.readers.contains(person))
            .collect();
        for query in [
            vec![],
            vec![("q", "fieldwork")],
            vec![("q", "fieldwork OR zanzibarite OR tamarisk")],
        ] {
            let context = format!("{person} searching {query:?}");
            let mut params = query.clone();
            params.push(("limit", "100"));
            let result = search(&app, token, &params);
            assert_eq!(hit_set(&result), readable, "{context}: {result}");
            assert_eq!(result["total"], readable.len(), "{context}: {result}");
            let expected_tags: BTreeMap<String, u64> = readable_planted
                .iter()
                .map(|planted| (planted.tag.to_string(), 1))
                .collect();
            assert_eq!(facet(&result, "tag"), expected_tags, "{context}");
            // Cases are offered only to their owner: a case filter names the asker's own.
            let expected_cases: BTreeMap<String, u64> = readable_planted
                .iter()
                .filter(|planted| planted.author == *person)
                .map(|planted| (planted.case.to_string(), 1))
                .collect();
            assert_eq!(facet(&result, "case"), expected_cases, "{context}");
            let mut expected_kinds: BTreeMap<String, u64> = BTreeMap::new();
            for planted in &readable_planted {
                *expected_kinds.entry(planted.kind.to_string()).or_default() += 1;
            }
            assert_eq!(facet(&result, "kind"), expected_kinds, "{context}");
        }
    }
    // Pages never show the others' words either, even in the results fragment.
    let browsers: Vec<(&str, Browser<'_>)> = PEOPLE
        .iter()
        .map(|(name, _)| (*name, app.signed_in(name)))
        .collect();
    for (person, browser) in &browsers {
        for planted in PLANTED {
            let part = browser
                .get(&format!("/search/results?q={}", planted.word))
                .expect(Status::Ok)
                .body;
            let everything = browser
                .get("/search/results?q=fieldwork")
                .expect(Status::Ok)
                .body;
            let allowed = planted.readers.contains(person);
            for body in [&part, &everything] {
                assert_eq!(
                    body.contains(planted.word),
                    allowed,
                    "{person}, {}: {body}",
                    planted.word
                );
                assert_eq!(body.contains(planted.tag), allowed, "{person}: {body}");
                assert_eq!(body.contains(planted.case), allowed, "{person}: {body}");
            }
            if !allowed {
                assert!(part.contains("0 results"), "{person}: {part}");
            }
        }
    }
    // Every search above was answered: the index itself still holds all four.
    assert_eq!(world.ids.len(), 4);
}

/// The id of the link from `supervisor` to `supervisee` on the admin page.
fn link_id(admin: &Browser<'_>, supervisor: &str, supervisee: &str) -> String {
    let page = admin.get("/admin/links").expect(Status::Ok).body;
    let row = Regex::new(&format!(
        r"(?s)<tr>\s*<td>{supervisor}</td>\s*<td>[^<]*</td>\s*<td>{supervisee}</td>.*?/admin/links/(\d+)/delete"
    ))
    .unwrap();
    row.captures(&page)
        .unwrap_or_else(|| panic!("no link {supervisor} -> {supervisee}: {page}"))[1]
        .to_string()
}

#[test]
fn ending_a_link_stops_shared_entries_being_found() {
    let app = TestApp::new();
    let world = World::new(&app);
    let (ann_shared, stu_shared) = (world.ids[1], world.ids[3]);
    let sue = world.token("sue");
    let pe = world.token("pe");
    assert_eq!(hit_ids(&find(&app, sue, "quillwort")), vec![ann_shared]);
    assert_eq!(hit_ids(&find(&app, pe, "bellflower")), vec![stu_shared]);

    let admin = app.signed_in("root");
    let id = link_id(&admin, "sue", "ann");
    admin
        .post(&format!("/admin/links/{id}/delete"), &[])
        .expect(Status::SeeOther);
    assert_empty(&find(&app, sue, "quillwort"), "sue after the link ended");
    assert_empty(&search(&app, sue, &[]), "sue browsing after the link ended");
    let refused = super::search_reply(&app, sue, &[("q", "quillwort"), ("author", "ann")]);
    assert_eq!(refused.status, Status::UnprocessableEntity);
    // The author still finds her entry; the practice educator's link is untouched.
    assert_eq!(
        hit_ids(&find(&app, world.token("ann"), "quillwort")),
        vec![ann_shared]
    );
    assert_eq!(hit_ids(&find(&app, pe, "bellflower")), vec![stu_shared]);

    let id = link_id(&admin, "pe", "stu");
    admin
        .post(&format!("/admin/links/{id}/delete"), &[])
        .expect(Status::SeeOther);
    assert_empty(&find(&app, pe, "bellflower"), "pe after the link ended");

    // A new link restores what the new supervisor may read, at once.
    app.link("otto", "ann", LinkKind::Line);
    assert_eq!(
        hit_ids(&find(&app, world.token("otto"), "quillwort")),
        vec![ann_shared]
    );
    assert_empty(
        &find(&app, world.token("otto"), "zanzibarite"),
        "otto, new supervisor, private word",
    );
}

#[test]
fn making_an_entry_private_again_removes_it_from_the_readers_results() {
    let app = TestApp::new();
    let world = World::new(&app);
    let (ann_shared, stu_shared) = (world.ids[1], world.ids[3]);
    let sue = world.token("sue");
    assert_eq!(hit_ids(&find(&app, sue, "quillwort")), vec![ann_shared]);

    let unshare = |author: &str, id: i64, word: &str, case: &str, tag: &str| {
        app.put_json(
            world.token(author),
            &format!("/api/v1/entries/{id}"),
            json!({"kind": "diary", "title": format!("Fieldwork {word}"),
                   "body": format!("Fieldwork on the {word} question."),
                   "visibility": "private", "cases": [case], "tags": [tag]}),
        )
        .expect(Status::Ok);
    };
    unshare("ann", ann_shared, "quillwort", "ANN-SHARED", "CA1989-s17");
    assert_empty(&find(&app, sue, "quillwort"), "sue after ann unshared");
    assert_empty(&search(&app, sue, &[]), "sue browsing after ann unshared");
    assert_eq!(
        hit_ids(&find(&app, world.token("ann"), "quillwort")),
        vec![ann_shared]
    );

    unshare("stu", stu_shared, "bellflower", "STU-SHARED", "PCF-3");
    assert_empty(
        &find(&app, world.token("pe"), "bellflower"),
        "pe after stu unshared",
    );

    // Sharing again brings it back.
    app.put_json(
        world.token("ann"),
        &format!("/api/v1/entries/{ann_shared}"),
        json!({"kind": "diary", "title": "Fieldwork quillwort",
               "body": "Fieldwork on the quillwort question.", "visibility": "supervisor"}),
    )
    .expect(Status::Ok);
    assert_eq!(hit_ids(&find(&app, sue, "quillwort")), vec![ann_shared]);
}
