//! Who may see and change a pair's supervision (agreement, records list, actions, pack,
//! agenda, history and the new-record form), named from the caller's side by the other
//! person's username: the two of them, from either side; for anyone else a 404 exactly like a
//! username nobody has, and nothing changes. Another supervisee of the same supervisor, and a
//! student's practice educator, have their own pairs, which hold none of the others' records.

use rocket::http::Status;
use serde_json::{Value, json};

use super::policy::{Person, Record, World};
use super::{actions, days_ago, draft, pack, pair_path, same_not_found, sessions, today};
use crate::common::{Reply, TestApp};
use crate::forms::sign_as_shown;

/// A username nobody has.
const GHOST: &str = "ghost";

/// What is tried on a pair, named from the caller's side.
const PAIR_ACTS: [&str; 16] = [
    "GET api agreement",
    "PUT api agreement",
    "POST api agreement/sign",
    "GET api sessions",
    "POST api sessions",
    "GET api actions",
    "GET api pack",
    "POST api agenda",
    "GET history page",
    "GET agreement page",
    "POST agreement page",
    "POST agreement sign page",
    "GET pack page",
    "POST agenda page",
    "GET new record page",
    "POST new record page",
];
const MEMBER: [u16; 16] = [
    200, 200, 200, 200, 201, 200, 200, 201, 200, 200, 303, 303, 200, 303, 200, 303,
];

fn attempt_pair(app: &TestApp, person: &Person, other: &str, act: &str) -> Reply {
    let (token, browser) = (person.token.as_str(), &person.browser);
    let api = pair_path(other);
    let page = format!("/supervision/with/{other}");
    let starts = days_ago(60).to_string();
    let agreement =
        json!({"frequency": "weekly", "starts_on": starts, "cancellation": "Rearrange."});
    let reply = match act {
        "GET api agreement" => app.get_json(token, &format!("{api}/agreement")),
        "PUT api agreement" => app.put_json(token, &format!("{api}/agreement"), agreement),
        "POST api agreement/sign" => app.sign_as_read(token, &format!("{api}/agreement/sign")),
        "GET api sessions" => app.get_json(token, &format!("{api}/sessions")),
        "POST api sessions" => app.post_json(token, &format!("{api}/sessions"), draft(today())),
        "GET api actions" => app.get_json(token, &format!("{api}/actions")),
        "GET api pack" => app.get_json(token, &format!("{api}/pack")),
        "POST api agenda" => app.post_json(
            token,
            &format!("{api}/agenda"),
            json!({"body": "Something to bring"}),
        ),
        "GET history page" => browser.get(&page),
        "GET agreement page" => browser.get(&format!("{page}/agreement")),
        "POST agreement page" => browser.post(
            &format!("{page}/agreement"),
            &[
                ("frequency", "weekly"),
                ("starts_on", &starts),
                ("usual_minutes", "90"),
                ("cancellation", "Rearrange."),
            ],
        ),
        "POST agreement sign page" => sign_as_shown(browser, &format!("{page}/agreement/sign")),
        "GET pack page" => browser.get(&format!("{page}/pack")),
        "POST agenda page" => {
            browser.post(&format!("{page}/agenda"), &[("body", "Something to bring")])
        }
        "GET new record page" => browser.get(&format!("{page}/sessions/new")),
        "POST new record page" => browser.post(
            &format!("{page}/sessions"),
            &[
                ("held_on", &today().to_string()),
                ("agenda", "From the page."),
            ],
        ),
        other => panic!("no act {other}"),
    };
    if reply.status == Status::SeeOther {
        browser.get("/supervision");
    }
    reply
}

#[test]
fn the_pair_policy_matrix_holds_for_agreements_packs_actions_and_history() {
    let app = TestApp::new();
    let world = World::new(&app);
    let sue = world.person("sue").token.clone();
    let state = || {
        (
            app.get_json(&sue, &format!("{}/agreement", pair_path("ann")))
                .json(),
            sessions(&app, &sue, "ann"),
            actions(&app, &sue, "ann"),
            pack(&app, &sue, "ann"),
        )
    };
    let before = state();
    // (person, the other username they try): none of these is their pair.
    let outsiders = [
        ("bob", "ann"),
        ("ann", "bob"),
        ("otto", "ann"),
        ("otto", "sue"),
        ("root", "ann"),
        ("root", "sue"),
        ("stranger", "ann"),
        ("stranger", "sue"),
        ("lisa", "ann"),
        ("sue", "stu"),
        ("stu", "sue"),
        ("pe", "lisa"),
        ("pat", "stu"),
        ("pat", "lisa"),
    ];
    for (name, other) in outsiders {
        let person = world.person(name);
        for act in PAIR_ACTS {
            let reply = attempt_pair(&app, person, other, act);
            let missing = attempt_pair(&app, person, GHOST, act);
            same_not_found(&reply, &missing, &format!("{name} -> {other}: {act}"));
        }
    }
    assert_eq!(
        state(),
        before,
        "an outsider changed the pair's supervision"
    );

    // The two of them, from either side.
    for (name, other) in [("sue", "ann"), ("ann", "sue")] {
        let person = world.person(name);
        for (act, expected) in PAIR_ACTS.into_iter().zip(MEMBER) {
            let reply = attempt_pair(&app, person, other, act);
            assert_eq!(
                reply.status.code, expected,
                "{name} -> {other}: {act}: {}",
                reply.body
            );
        }
    }

    // Another supervisee of the same supervisor has her own pair, and sees none of ann's.
    let bob = &world.person("bob").token;
    assert_eq!(sessions(&app, bob, "sue"), Vec::<Value>::new());
    assert_eq!(actions(&app, bob, "sue"), Vec::<Value>::new());
    let bob_lines = app.get_json(bob, "/api/v1/supervision").json();
    assert_eq!(bob_lines.as_array().unwrap().len(), 1, "{bob_lines}");
    assert_eq!(bob_lines[0]["supervisee"], "bob");
    let history = world
        .person("bob")
        .browser
        .get("/supervision/with/sue")
        .body;
    let ann_record = world.ids(Record::Ann).0;
    assert!(!history.contains(&format!("/supervision/sessions/{ann_record}\"")));
    // The practice educator's own pair with the student holds none of lisa's records.
    let pe = &world.person("pe").token;
    assert_eq!(sessions(&app, pe, "stu"), Vec::<Value>::new());
    assert_eq!(actions(&app, pe, "stu"), Vec::<Value>::new());
    // Nobody outside a pair has anything on their overview.
    for name in ["otto", "root", "stranger", "pat"] {
        let lines = app.get_json(&world.person(name).token, "/api/v1/supervision");
        assert_eq!(lines.expect(Status::Ok).json(), json!([]), "{name}");
    }
}
