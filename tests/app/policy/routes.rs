//! The policy as a generated matrix: every mounted route, pages and API, x everyone x each
//! resource they might try. Where the principles say no, the answer is a 404 word for word
//! like a missing id's; where they say yes, it is not a 404; nowhere a 5xx; and the word
//! planted in ann's private entry reaches no one else, search totals and snippets included.

use std::cell::RefCell;
use std::collections::HashSet;

use rocket::http::{Method, Status};
use serde_json::json;

use crate::common::{Reply, TestApp};

mod bounce;
mod exceptions;
mod fill;
mod reload;
mod world;

use exceptions::{EXCEPTIONS, Waive};
use fill::{NOT_COVERED, Variant, variants};
use world::{PRIVATE_WORD, Person, World};

/// Routes that end the asker's session or replace their own feed: sent last.
fn ends_something(method: Method, path: &str) -> bool {
    method == Method::Delete
        || [
            "/delete",
            "/revoke",
            "/disable",
            "/enable",
            "/reset",
            "/sign-out",
            "/sign-out-everywhere",
        ]
        .iter()
        .any(|end| path.ends_with(end))
        || (method == Method::Post
            && (path.ends_with("/calendar-feed") || path.ends_with("/deadlines/feed")))
}

/// One cell of the matrix, as sent.
struct Cell<'w> {
    method: Method,
    route: String,
    person: &'static str,
    variant: Variant,
    world: &'w World<'w>,
    /// The exceptions that excused a cell so far, by index.
    used: &'w RefCell<HashSet<usize>>,
}

impl Cell<'_> {
    fn api(&self) -> bool {
        self.route.starts_with("/api/")
    }

    /// Whether the exception list excuses this cell from `waive`.
    fn excused(&self, waive: Waive) -> bool {
        let found = EXCEPTIONS
            .iter()
            .position(|(method, route, person, what, waived, _)| {
                let route_matches = match route.strip_suffix('*') {
                    Some(prefix) => self.route.starts_with(prefix),
                    None => *route == self.route,
                };
                (*method == "*" || *method == self.method.as_str())
                    && route_matches
                    && (*person == "*" || *person == self.person)
                    && (*what == "*" || *what == self.variant.resource.what)
                    && *waived == waive
            });
        if let Some(index) = found {
            self.used.borrow_mut().insert(index);
        }
        found.is_some()
    }

    fn send_to(&self, path: &str) -> Reply {
        send(
            self.world.app,
            self.world.person(self.person),
            self.method,
            path,
            self.api(),
        )
    }

    fn label(&self) -> String {
        format!(
            "{} {} as {} on {} ({})",
            self.method, self.route, self.person, self.variant.resource.what, self.variant.path
        )
    }
}

/// Sends as `person`: the API with their token and an empty JSON object, pages with their
/// session and, for a form, only the CSRF token.
fn send(app: &TestApp, person: &Person, method: Method, path: &str, api: bool) -> Reply {
    if api {
        let body = (method != Method::Get && method != Method::Delete).then(|| json!({}));
        app.api(method, Some(&person.token), path, body)
    } else if method == Method::Get {
        person.browser.get(path)
    } else {
        person.browser.post(path, &[])
    }
}

/// The routes the app mounts, `(method, path without its query)`, those that end or replace
/// something last.
fn mounted(app: &TestApp) -> Vec<(Method, String)> {
    let mut routes: Vec<(Method, String)> = app
        .client
        .rocket()
        .routes()
        .map(|route| {
            let uri = route.uri.to_string();
            let path = uri.split('?').next().unwrap_or_default().to_string();
            (route.method, path)
        })
        .collect();
    routes.sort_by_key(|(method, path)| {
        (ends_something(*method, path), path.clone(), method.as_str())
    });
    routes.dedup();
    routes
}

#[test]
fn every_mounted_route_answers_as_the_principles_say() {
    let app = TestApp::new();
    let world = World::new(&app);
    let routes = mounted(&app);
    let mut failures = Vec::new();
    let mut uncovered = Vec::new();
    let mut deferred = Vec::new();
    let used = RefCell::new(HashSet::new());
    let mut sent = 0usize;
    let before = world.as_owners_read_them();
    for (method, route) in &routes {
        for person in world.people.iter().filter(|person| person.name != "dis") {
            let Some(found) = variants(route, person.name, &world.ids) else {
                if person.name == "ann" {
                    uncovered.push(route.clone());
                }
                continue;
            };
            for variant in found {
                let cell = Cell {
                    method: *method,
                    route: route.clone(),
                    person: person.name,
                    variant,
                    world: &world,
                    used: &used,
                };
                let allowed = cell.variant.resource.readers.contains(&cell.person);
                // Writes by those allowed change the world: sent after every refusal and read.
                if allowed && *method != Method::Get {
                    deferred.push(cell);
                    continue;
                }
                sent += 1;
                judge(&cell, allowed, &mut failures);
            }
        }
    }
    // Every refusal and every read so far left each resource as its owner wrote it.
    for (was, now) in before.iter().zip(world.as_owners_read_them()) {
        if *was != now {
            failures.push(format!(
                "changed by someone refused:\n  was {was}\n  now {now}"
            ));
        }
    }
    the_private_word_is_found_by_its_author_alone(&world, &mut failures);
    let disabled = the_disabled_user_is_nobody(&world, &routes, &mut failures);
    // Additions first, then replacements, then what deletes or ends something: each write
    // finds what it needs still there, unless a write before it consumed it.
    deferred.sort_by_key(|cell| {
        let route = cell.route.trim_start_matches("/api/v1");
        (
            ends_something(cell.method, &cell.route),
            cell.method == Method::Put,
            route.to_string(),
        )
    });
    let mut consumed = HashSet::new();
    for cell in &deferred {
        let reply = cell.send_to(&cell.variant.path);
        if reply.status.code >= 500 {
            failures.push(format!("{}: {} (5xx)", cell.label(), reply.status.code));
        } else if reply.status == Status::NotFound
            && consumed.insert(cell.variant.path.clone())
            && !cell.excused(Waive::Yes)
        {
            failures.push(format!(
                "{}: 404 where the principles say yes",
                cell.label()
            ));
        }
    }
    let stale: Vec<&str> = (0..EXCEPTIONS.len())
        .filter(|index| !used.borrow().contains(index))
        .map(|index| EXCEPTIONS[index].1)
        .collect();
    assert!(
        stale.is_empty(),
        "exceptions no cell needs any more: {stale:?}"
    );
    uncovered.sort();
    uncovered.dedup();
    let mut expected: Vec<String> = NOT_COVERED
        .iter()
        .map(|(route, _)| route.to_string())
        .collect();
    expected.sort();
    assert_eq!(
        uncovered, expected,
        "routes the matrix does not fill: add them to the world"
    );
    assert!(sent + disabled > 2_000, "only {sent} cells sent");
    assert!(
        failures.is_empty(),
        "{} policy breaches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Checks one cell against the principles.
fn judge(cell: &Cell, allowed: bool, failures: &mut Vec<String>) {
    let reply = cell.send_to(&cell.variant.path);
    if reply.status.code >= 500 {
        failures.push(format!("{}: {} (5xx)", cell.label(), reply.status.code));
    }
    if cell.person != "ann" && reply.body.contains(PRIVATE_WORD) {
        failures.push(format!("{}: the private word leaks", cell.label()));
    }
    if cell.route == "/calendar/<file>" {
        // A capability URL: whoever holds the feed's secret path reads it, signed in or not.
        return;
    }
    if allowed {
        if reply.status == Status::NotFound && !cell.excused(Waive::Yes) {
            failures.push(format!(
                "{}: 404 where the principles say yes",
                cell.label()
            ));
        }
        return;
    }
    let excused = cell.excused(Waive::No) && reply.status == Status::UnprocessableEntity;
    if reply.status != Status::NotFound && cell.excused(Waive::Leak) {
        return;
    }
    if reply.status != Status::NotFound && !excused {
        failures.push(format!(
            "{}: {} where the principles say no (expected 404)",
            cell.label(),
            reply.status.code
        ));
        return;
    }
    // Administration has no missing id to compare with: the status is the whole answer.
    let Some(missing_path) = &cell.variant.missing else {
        return;
    };
    let missing = cell.send_to(missing_path);
    if reply.status != missing.status
        || reply.body != missing.body
        || reply.header("Content-Type") != missing.header("Content-Type")
    {
        failures.push(format!(
            "{}: the 404 differs from a missing id's",
            cell.label()
        ));
    }
}

/// The disabled user's session and token, made before the admin disabled them, open
/// nothing: every route answers them as it answers someone never signed in.
fn the_disabled_user_is_nobody(
    world: &World,
    routes: &[(Method, String)],
    failures: &mut Vec<String>,
) -> usize {
    let dis = world.person("dis");
    let anonymous = world.app.browser();
    anonymous.get("/sign-in");
    let mut sent = 0;
    for (method, route) in routes {
        if ends_something(*method, route) && !route.starts_with("/api/") {
            continue;
        }
        let Some(found) = variants(route, "dis", &world.ids) else {
            continue;
        };
        for variant in found.into_iter().take(1) {
            let api = route.starts_with("/api/");
            let theirs = send(world.app, dis, *method, &variant.path, api);
            let nobody = if api {
                let body = (*method != Method::Get && *method != Method::Delete).then(|| json!({}));
                world.app.api(*method, None, &variant.path, body)
            } else if *method == Method::Get {
                anonymous.get(&variant.path)
            } else {
                anonymous.post(&variant.path, &[])
            };
            sent += 1;
            if theirs.status != nobody.status || (!api && theirs.location() != nobody.location()) {
                failures.push(format!(
                    "{method} {route} as the disabled dis: {} {:?}, but someone signed out gets {} {:?}",
                    theirs.status.code, theirs.location(), nobody.status.code, nobody.location()
                ));
            }
        }
    }
    sent
}

/// Searching for the private word itself: its author finds her entry; for anyone else the
/// total, the facets and the hits are those of a word no one wrote.
fn the_private_word_is_found_by_its_author_alone(world: &World, failures: &mut Vec<String>) {
    let path = format!("/api/v1/search?q={PRIVATE_WORD}");
    for person in world.people.iter().filter(|person| person.name != "dis") {
        let found = world.app.get_json(&person.token, &path);
        let nothing = world
            .app
            .get_json(&person.token, "/api/v1/search?q=zzyzxunwritten");
        if person.name == "ann" {
            assert_eq!(
                found.json()["total"],
                1,
                "ann finds her entry: {}",
                found.body
            );
            continue;
        }
        let (mut found, mut nothing) = (found.json(), nothing.json());
        for answer in [&mut found, &mut nothing] {
            answer.as_object_mut().map(|fields| fields.remove("query"));
        }
        if found != nothing {
            failures.push(format!(
                "{path} as {}: {found} differs from a word no one wrote's {nothing}",
                person.name
            ));
        }
    }
}
