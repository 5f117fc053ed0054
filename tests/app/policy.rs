//! The access policy as a matrix through the routes: who may read or change which entry,
//! cases held per worker, lists that never leak, links that end, admins who see no journal
//! content, and exports of one's own entries only.

use praxis::accounts::model::LinkKind;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::{Browser, Reply, TestApp};

mod cases;
mod lists;
mod readers_notice;
mod routes;

/// An id no entry has: refusals must look exactly like this.
const MISSING_ID: i32 = 999_999;

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

/// The entries of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Ann's private entry.
    AnnPrivate,
    /// Ann's entry shared with her supervisor.
    AnnShared,
    /// The student's entry shared with the practice educator.
    StuShared,
    /// The student's private entry.
    StuPrivate,
    /// An id that does not exist.
    Missing,
}

/// What is tried on an entry, in the matrix's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Action {
    /// `GET /entries/<id>`.
    View,
    /// `GET /api/v1/entries/<id>`.
    ApiGet,
    /// `PUT /api/v1/entries/<id>`.
    ApiPut,
    /// `DELETE /api/v1/entries/<id>`.
    ApiDelete,
    /// `POST /entries/<id>/delete`.
    PageDelete,
    /// `GET /entries/<id>/edit`.
    Edit,
    /// `POST /entries/<id>` (the edit form saved).
    PageSave,
    /// `GET /entries/<id>/revisions`.
    Revisions,
}

const ACTIONS: [Action; 8] = [
    Action::View,
    Action::ApiGet,
    Action::ApiPut,
    Action::ApiDelete,
    Action::PageDelete,
    Action::Edit,
    Action::PageSave,
    Action::Revisions,
];

/// The policy, one row per person and entry, one column per [`Action`].
fn matrix() -> Vec<(&'static str, Target, Action, u16)> {
    use Target::*;
    #[rustfmt::skip]
    let rows: Vec<(&str, Target, [u16; 8])> = vec![
        //                             view  get  put  del  pdel edit save revs
        // The author does everything with her own entries, and nothing with the student's.
        ("ann",      AnnPrivate,      [200, 200, 200, 204, 303, 200, 303, 200]),
        ("ann",      AnnShared,       [200, 200, 200, 204, 303, 200, 303, 200]),
        ("ann",      StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("ann",      StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("ann",      Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // Her line supervisor reads what she shares, changes nothing, and sees nothing else.
        ("sue",      AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("sue",      AnnShared,       [200, 200, 403, 403, 403, 403, 403, 403]),
        ("sue",      StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("sue",      StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("sue",      Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // Another supervisor, not linked: nothing at all.
        ("otto",     AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("otto",     AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("otto",     StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("otto",     StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("otto",     Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // The student does everything with her own entries only.
        ("stu",      AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stu",      AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stu",      StuShared,       [200, 200, 200, 204, 303, 200, 303, 200]),
        ("stu",      StuPrivate,      [200, 200, 200, 204, 303, 200, 303, 200]),
        ("stu",      Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // Her practice educator reads what she shares.
        ("pe",       AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pe",       AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pe",       StuShared,       [200, 200, 403, 403, 403, 403, 403, 403]),
        ("pe",       StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pe",       Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // Another practice educator, not linked.
        ("pat",      AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pat",      AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pat",      StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pat",      StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("pat",      Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // An administrator sees no journal content for being one.
        ("root",     AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("root",     AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("root",     StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("root",     StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("root",     Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
        // Another practitioner guessing ids.
        ("stranger", AnnPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stranger", AnnShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stranger", StuShared,       [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stranger", StuPrivate,      [404, 404, 404, 404, 404, 404, 404, 404]),
        ("stranger", Missing,         [404, 404, 404, 404, 404, 404, 404, 404]),
    ];
    rows.into_iter()
        .flat_map(|(actor, target, statuses)| {
            ACTIONS
                .into_iter()
                .zip(statuses)
                .map(move |(action, status)| (actor, target, action, status))
        })
        .collect()
}

/// One person: a signed-in browser and an API token.
struct Person<'a> {
    name: &'static str,
    browser: Browser<'a>,
    token: String,
}

/// An entry of the matrix as written.
struct Written {
    target: Target,
    author: &'static str,
    id: i32,
    document: Value,
}

/// The people, their links and the four entries.
struct World<'a> {
    app: &'a TestApp,
    people: Vec<Person<'a>>,
    entries: Vec<Written>,
}

impl<'a> World<'a> {
    fn new(app: &'a TestApp) -> Self {
        for (name, role) in PEOPLE {
            app.user(name, role);
        }
        app.link("sue", "ann", LinkKind::Line);
        app.link("pe", "stu", LinkKind::Educator);
        let people = PEOPLE
            .iter()
            .map(|(name, _)| Person {
                name,
                browser: app.signed_in(name),
                token: app.token(name),
            })
            .collect();
        let mut world = Self {
            app,
            people,
            entries: Vec::new(),
        };
        for (target, author, title, visibility) in [
            (
                Target::AnnPrivate,
                "ann",
                "Ann private reflection",
                "private",
            ),
            (
                Target::AnnShared,
                "ann",
                "Ann shared reflection",
                "supervisor",
            ),
            (
                Target::StuShared,
                "stu",
                "Stu shared placement note",
                "supervisor",
            ),
            (
                Target::StuPrivate,
                "stu",
                "Stu private placement note",
                "private",
            ),
        ] {
            let document = json!({
                "kind": "diary",
                "title": title,
                "body": format!("Body of {title}."),
                "visibility": visibility,
                "tags": ["CA1989-s47"],
            });
            let created = app
                .post_json(
                    &world.person(author).token,
                    "/api/v1/entries",
                    document.clone(),
                )
                .expect(Status::Created)
                .json();
            world.entries.push(Written {
                target,
                author,
                id: created["id"].as_i64().unwrap() as i32,
                document,
            });
        }
        world
    }

    fn person(&self, name: &str) -> &Person<'a> {
        self.people
            .iter()
            .find(|person| person.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    fn entry(&self, target: Target) -> Option<&Written> {
        self.entries.iter().find(|entry| entry.target == target)
    }

    fn id(&self, target: Target) -> i32 {
        self.entry(target).map_or(MISSING_ID, |entry| entry.id)
    }

    fn title(&self, target: Target) -> String {
        self.entry(target).unwrap().document["title"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Does `action` on `target` as `name`.
    fn attempt(&self, name: &str, target: Target, action: Action) -> Reply {
        let person = self.person(name);
        let id = self.id(target);
        let token = person.token.as_str();
        match action {
            Action::View => person.browser.get(&format!("/entries/{id}")),
            Action::ApiGet => self.app.get_json(token, &format!("/api/v1/entries/{id}")),
            Action::ApiPut => {
                // The author saves her entry unchanged; anyone else tries to rewrite it.
                let document = match self.entry(target) {
                    Some(entry) if entry.author == name => entry.document.clone(),
                    _ => json!({"kind": "diary", "title": "Rewritten", "body": "Rewritten."}),
                };
                self.app
                    .put_json(token, &format!("/api/v1/entries/{id}"), document)
            }
            Action::ApiDelete => self.app.api(
                Method::Delete,
                Some(token),
                &format!("/api/v1/entries/{id}"),
                None,
            ),
            Action::PageDelete => person.browser.post(&format!("/entries/{id}/delete"), &[]),
            Action::Edit => person.browser.get(&format!("/entries/{id}/edit")),
            Action::PageSave => {
                let text = |document: &Value, field: &str| {
                    document[field].as_str().unwrap_or("").to_string()
                };
                let fields: Vec<(&str, String)> = match self.entry(target) {
                    Some(entry) if entry.author == name => vec![
                        ("kind", text(&entry.document, "kind")),
                        ("title", text(&entry.document, "title")),
                        ("body", text(&entry.document, "body")),
                        ("visibility", text(&entry.document, "visibility")),
                        ("tag_codes", "CA1989-s47".to_string()),
                    ],
                    _ => vec![
                        ("kind", "diary".to_string()),
                        ("title", "Rewritten".to_string()),
                        ("body", "Rewritten.".to_string()),
                    ],
                };
                let borrowed: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(key, value)| (*key, value.as_str()))
                    .collect();
                person.browser.post(&format!("/entries/{id}"), &borrowed)
            }
            Action::Revisions => person.browser.get(&format!("/entries/{id}/revisions")),
        }
    }

    /// Entry ids in a list answer of the API.
    fn listed(&self, name: &str, path: &str) -> Vec<i32> {
        self.app
            .get_json(&self.person(name).token, path)
            .expect(Status::Ok)
            .json()["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|item| item["id"].as_i64().unwrap() as i32)
            .collect()
    }
}

#[test]
fn the_entry_policy_matrix_holds_through_pages_and_api() {
    let app = TestApp::new();
    let world = World::new(&app);
    let matrix = matrix();
    assert_eq!(matrix.len(), PEOPLE.len() * 5 * ACTIONS.len());

    // What a missing id looks like to each person, to compare refusals with.
    let mut missing = std::collections::HashMap::new();
    for (name, _) in PEOPLE {
        for action in ACTIONS {
            missing.insert(
                (*name, action),
                world.attempt(name, Target::Missing, action),
            );
        }
    }

    let mut failures = Vec::new();
    for (name, target, action, expected) in matrix {
        let reply = match target {
            Target::Missing => missing.remove(&(name, action)).expect("asked once"),
            _ => world.attempt(name, target, action),
        };
        if reply.status.code != expected {
            failures.push(format!(
                "{name} {action:?} {target:?}: expected {expected}, got {}",
                reply.status.code
            ));
            continue;
        }
        if expected == 404 && target != Target::Missing {
            // Exactly as for a missing id: the same answer, word for word.
            let same = world.attempt(name, Target::Missing, action);
            if same.body != reply.body
                || same.header("Content-Type") != reply.header("Content-Type")
            {
                failures.push(format!(
                    "{name} {action:?} {target:?}: the 404 differs from a missing id's"
                ));
            }
        }
        if expected == 403 && reply.body.contains(&world.title(target)) && action != Action::View {
            failures.push(format!(
                "{name} {action:?} {target:?}: the refusal shows the entry"
            ));
        }
        if matches!(action, Action::ApiDelete | Action::PageDelete) && expected < 400 {
            // Deleted by its author: take it back out of the bin for the next rows.
            let author = &world.person(name).browser;
            author
                .post(&format!("/entries/{}/restore", world.id(target)), &[])
                .expect(Status::SeeOther);
        }
        if expected == 200 && matches!(action, Action::View | Action::ApiGet) {
            assert!(
                reply.body.contains(&world.title(target)),
                "{name} reads {target:?}"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "policy breaches:\n{}",
        failures.join("\n")
    );

    // Nothing anyone else tried changed an entry: each is as written and not in the bin.
    for entry in &world.entries {
        let now = app
            .get_json(
                &world.person(entry.author).token,
                &format!("/api/v1/entries/{}", entry.id),
            )
            .expect(Status::Ok)
            .json();
        assert_eq!(now["title"], entry.document["title"]);
        assert_eq!(now["body"], entry.document["body"]);
        assert_eq!(now["visibility"], entry.document["visibility"]);
        assert_eq!(now["tags"], entry.document["tags"]);
    }
}
