//! A practice educator whom an administrator unlinks from the student loses the placement at
//! once: every placement route Rocket mounts answers them exactly as it answers a made-up id.

use diesel::prelude::*;
use praxis::platform::db::schema::{supervision_links, users};
use regex::Regex;
use rocket::http::{Method, Status};

use super::world::{Ids, MISSING_ID, World};
use crate::common::{Reply, TestApp};

/// `(method, path)` of every mounted route about one placement.
fn placement_routes(app: &TestApp) -> Vec<(Method, String)> {
    let mut routes: Vec<(Method, String)> = app
        .client
        .rocket()
        .routes()
        .map(|route| (route.method, route.uri.path().to_string()))
        .filter(|(_, path)| path.contains("placements") && path.contains("<id>"))
        .collect();
    routes.sort_by(|a, b| (a.1.as_str(), a.0.as_str()).cmp(&(b.1.as_str(), b.0.as_str())));
    routes.dedup();
    routes
}

/// The route's path with its parameters filled from `ids`.
fn filled(path: &str, ids: Ids) -> String {
    let parameter = Regex::new(r"<([a-z_]+)>").unwrap();
    parameter
        .replace_all(path, |found: &regex::Captures| match &found[1] {
            "id" => ids.placement.to_string(),
            "day_id" => ids.day.to_string(),
            "evidence_id" => ids.evidence.to_string(),
            "observation_id" => ids.observation.to_string(),
            "stage" => "midpoint".to_string(),
            other => panic!("a placement route with an unknown parameter <{other}>"),
        })
        .to_string()
}

/// Fields enough for every placement form, so a refusal cannot hide behind a 422.
const FORM: &[(&str, &str)] = &[
    ("educator", "pe"),
    ("setting", "Adult social care"),
    ("team", "Hospital discharge"),
    ("level", "final"),
    ("starts_on", "2026-01-05"),
    ("expected_end_on", "2026-12-18"),
    ("day", "2026-02-02"),
    ("kind", "full"),
    ("hours", "7"),
    ("activity", "Shadowed a visit."),
    ("entry_id", "1"),
    ("domains", "PCF-1"),
    ("rationale", "Values."),
    ("body", "A comment."),
    ("observed_on", "2026-02-03"),
    ("observer", "Pat"),
    ("observed", "A visit."),
    ("version", "0"),
    ("document", "agreement"),
    ("field", "goals"),
    ("text", "New goals."),
];

fn request(world: &World, who: &str, method: Method, path: &str) -> Reply {
    let person = world.person(who);
    if path.starts_with("/api/") {
        world.app().api_raw(method, &person.token, path, "{}")
    } else if method == Method::Get {
        person.browser.get(path)
    } else {
        person.browser.post(path, FORM)
    }
}

/// The id of the link that makes `supervisor` someone to the student, by kind.
fn link_of(app: &TestApp, supervisor: &str, kind: &str) -> i32 {
    let mut conn = app.db().conn().unwrap();
    let supervisor: i32 = users::table
        .filter(users::username.eq(supervisor))
        .select(users::id)
        .first(&mut conn)
        .unwrap();
    supervision_links::table
        .filter(supervision_links::supervisor_id.eq(supervisor))
        .filter(supervision_links::kind.eq(kind))
        .select(supervision_links::id)
        .first(&mut conn)
        .unwrap()
}

/// Unlinks `who` (named on stu's placement) through the admin pages and checks that every
/// placement route then answers them as it answers a made-up id, and that their lists and
/// dashboard no longer show the placement.
fn unlinked_loses_the_placement(who: &str, kind: &str) {
    let app = TestApp::new();
    let world = World::new(&app);
    let page = format!("/placements/{}", world.real.placement);
    let person = world.person(who);
    person.browser.get(&page).expect(Status::Ok);
    assert!(person.browser.get("/placements").body.contains(&page));
    assert!(person.browser.get("/").body.contains(&page));

    let link_id = link_of(&app, who, kind);
    world
        .person("root")
        .browser
        .post(&format!("/admin/links/{link_id}/delete"), &[])
        .expect(Status::SeeOther);

    let routes = placement_routes(&app);
    assert!(routes.len() > 30, "placement routes mounted: {routes:?}");
    let missing = Ids {
        placement: MISSING_ID,
        day: MISSING_ID,
        evidence: MISSING_ID,
        observation: MISSING_ID,
    };
    for (method, path) in &routes {
        let real = request(&world, who, *method, &filled(path, world.real));
        let made_up = request(&world, who, *method, &filled(path, missing));
        assert_eq!(
            made_up.status,
            Status::NotFound,
            "{method} {path} (missing)"
        );
        assert_eq!(real.status, Status::NotFound, "{who}: {method} {path}");
        assert_eq!(real.body, made_up.body, "{who}: {method} {path}");
    }
    assert!(!person.browser.get("/placements").body.contains(&page));
    let dashboard = person.browser.get("/").expect(Status::Ok).body;
    assert!(!dashboard.contains(&page), "{dashboard}");
    let listed = app.get_json(&person.token, "/api/v1/placements").json();
    assert_eq!(listed.as_array().map(Vec::len), Some(0), "{listed}");
    // The student keeps it.
    world.person("stu").browser.get(&page).expect(Status::Ok);
}

#[test]
fn an_unlinked_practice_educator_gets_a_missing_ids_404_on_every_placement_route() {
    unlinked_loses_the_placement("pe", "educator");
}

#[test]
fn an_unlinked_onsite_supervisor_gets_a_missing_ids_404_on_every_placement_route() {
    unlinked_loses_the_placement("lisa", "line");
}
