//! Who may see and change supervision, as matrices through the pages and the API: the two
//! people in a pair do everything; a student's practice educator reads a record about the
//! placement and changes nothing (403); everyone else (another supervisor, an admin, a
//! stranger, another supervisee of the same supervisor) gets a 404 exactly like a made-up id
//! or username, and nothing they try changes anything.

use std::cell::Cell;
use std::collections::HashMap;

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{actions, agree, create, days_ago, days_ahead, draft, get, id, lock, session_path};
use crate::common::{Browser, Reply, TestApp};

/// An id no record or action has.
const MISSING_ID: i64 = 999_999;

/// Everyone in the matrices: `(username, role)`.
const PEOPLE: &[(&str, &str)] = &[
    // Sue supervises ann and bob.
    ("sue", "supervisor"),
    ("ann", "practitioner"),
    ("bob", "practitioner"),
    // Another supervisor, an administrator, someone unconnected.
    ("otto", "supervisor"),
    ("root", "admin"),
    ("stranger", "practitioner"),
    // Stu is a student: lisa is her on-site line supervisor, pe her practice educator.
    ("lisa", "supervisor"),
    ("stu", "student"),
    ("pe", "practice_educator"),
    ("pat", "practice_educator"),
];

/// The records of the record matrix, all signed by both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Record {
    /// Sue and ann's.
    Ann,
    /// Lisa and stu's, about the placement.
    Placement,
    /// Lisa and stu's, not about the placement.
    NotPlacement,
    /// An id no record has.
    Missing,
}

/// What is tried on a record, in the matrix's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Act {
    View,
    Download,
    EditForm,
    PageSave,
    PageSign,
    PageAmend,
    PageComment,
    PageAction,
    ApiGet,
    ApiPut,
    ApiSign,
    ApiAmend,
    ApiComment,
    ApiAction,
}

const ACTS: [Act; 14] = [
    Act::View,
    Act::Download,
    Act::EditForm,
    Act::PageSave,
    Act::PageSign,
    Act::PageAmend,
    Act::PageComment,
    Act::PageAction,
    Act::ApiGet,
    Act::ApiPut,
    Act::ApiSign,
    Act::ApiAmend,
    Act::ApiComment,
    Act::ApiAction,
];

//                    view  md  edit psave psign pamend pcomm pact  get  put  sign amend comm act
/// A party to a locked record: direct edits are 409, everything else goes through.
const PARTY: [u16; 14] = [
    200, 200, 200, 409, 303, 303, 303, 303, 200, 409, 200, 201, 201, 200,
];
/// A practice educator reading a record about the placement: reads, changes nothing.
const EDUCATOR: [u16; 14] = [
    200, 200, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 403, 403,
];
/// Anyone else: as if there were no such record.
const NONE: [u16; 14] = [404; 14];

/// The record policy, one row per person and record.
fn record_matrix() -> Vec<(&'static str, Record, [u16; 14])> {
    use Record::*;
    let mut rows = Vec::new();
    for (name, _) in PEOPLE {
        for record in [Ann, Placement, NotPlacement, Missing] {
            let statuses = match (*name, record) {
                ("sue" | "ann", Ann) => PARTY,
                ("lisa" | "stu", Placement | NotPlacement) => PARTY,
                ("pe", Placement) => EDUCATOR,
                _ => NONE,
            };
            rows.push((*name, record, statuses));
        }
    }
    rows
}

/// One person: a signed-in browser and an API token.
pub(super) struct Person<'a> {
    pub(super) name: &'static str,
    pub(super) browser: Browser<'a>,
    pub(super) token: String,
}

pub(super) struct World<'a> {
    app: &'a TestApp,
    people: Vec<Person<'a>>,
    /// Each record's id and its action's id.
    records: HashMap<Record, (i64, i64)>,
    /// Makes every amendment's text new.
    counter: Cell<u32>,
}

impl<'a> World<'a> {
    pub(super) fn new(app: &'a TestApp) -> Self {
        for (name, role) in PEOPLE {
            app.user(name, role);
        }
        app.link("sue", "ann", LinkKind::Line);
        app.link("sue", "bob", LinkKind::Line);
        app.link("lisa", "stu", LinkKind::Line);
        app.link("pe", "stu", LinkKind::Educator);
        let people: Vec<Person> = PEOPLE
            .iter()
            .map(|(name, _)| Person {
                name,
                browser: app.signed_in(name),
                token: app.token(name),
            })
            .collect();
        let token = |name: &str| {
            people
                .iter()
                .find(|person| person.name == name)
                .unwrap()
                .token
                .clone()
        };
        let (sue, ann, lisa, stu) = (token("sue"), token("ann"), token("lisa"), token("stu"));
        agree(app, &sue, "ann", "weekly", days_ago(60));
        let mut records = HashMap::new();
        for (record, supervisor, supervisee, other, placement) in [
            (Record::Ann, &sue, &ann, "ann", false),
            (Record::Placement, &lisa, &stu, "stu", true),
            (Record::NotPlacement, &lisa, &stu, "stu", false),
        ] {
            let mut body = draft(days_ago(7));
            body["about_placement"] = json!(placement);
            body["wellbeing"] = json!(format!("Wellbeing in the {record:?} record."));
            body["actions"] = json!([{"description": format!("Action of the {record:?} record"),
                                      "owner": other, "due_on": days_ahead(7).to_string()}]);
            let made = create(app, supervisor, other, body);
            lock(app, supervisor, supervisee, id(&made));
            records.insert(record, (id(&made), id(&made["actions"][0])));
        }
        Self {
            app,
            people,
            records,
            counter: Cell::new(0),
        }
    }

    pub(super) fn person(&self, name: &str) -> &Person<'a> {
        self.people
            .iter()
            .find(|person| person.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    pub(super) fn ids(&self, record: Record) -> (i64, i64) {
        self.records
            .get(&record)
            .copied()
            .unwrap_or((MISSING_ID, MISSING_ID))
    }

    fn fresh_text(&self) -> String {
        self.counter.set(self.counter.get() + 1);
        format!("Amended text number {}.", self.counter.get())
    }

    /// Does `act` on `record` as `name`.
    fn attempt(&self, name: &str, record: Record, act: Act) -> Reply {
        let person = self.person(name);
        let (id, action) = self.ids(record);
        let (app, token, browser) = (self.app, person.token.as_str(), &person.browser);
        let page = format!("/supervision/sessions/{id}");
        let api = session_path(id);
        let amendment = self.fresh_text();
        let reply = match act {
            Act::View => browser.get(&page),
            Act::Download => browser.get(&format!("{page}/record.md")),
            Act::EditForm => browser.get(&format!("{page}/edit")),
            Act::PageSave => {
                // The edit form carries the version it was opened on.
                let read = app.get_json(token, &api);
                let version = read.json()["version"].as_str().unwrap_or("").to_string();
                browser.post(
                    &page,
                    &[
                        ("held_on", &days_ago(7).to_string()),
                        ("agenda", "Rewritten."),
                        ("version", &version),
                    ],
                )
            }
            Act::PageSign => {
                // A party who has signed is shown no sign button; pressing it again names
                // the version the record shows them (none when they may not read it).
                let read = app.get_json(token, &api);
                let version = read.json()["version"].as_str().unwrap_or("").to_string();
                browser.post(&format!("{page}/sign"), &[("version", &version)])
            }
            Act::PageAmend => browser.post(
                &format!("{page}/amendments"),
                &[
                    ("field", "wellbeing"),
                    ("text", &amendment),
                    ("reason", "Matrix"),
                ],
            ),
            Act::PageComment => browser.post(&format!("{page}/comments"), &[("body", "Seen.")]),
            Act::PageAction => browser.post(
                &format!("/supervision/actions/{action}"),
                &[("status", "open"), ("back", "/supervision")],
            ),
            Act::ApiGet => app.get_json(token, &api),
            Act::ApiPut => app.put_as_read(token, &api, draft(days_ago(7))),
            Act::ApiSign => app.sign_as_read(token, &format!("{api}/sign")),
            Act::ApiAmend => app.post_json(
                token,
                &format!("{api}/amendments"),
                json!({"field": "wellbeing", "text": amendment, "reason": "Matrix"}),
            ),
            Act::ApiComment => {
                app.post_json(token, &format!("{api}/comments"), json!({"body": "Seen."}))
            }
            Act::ApiAction => app.put_json(
                token,
                &format!("/api/v1/supervision/actions/{action}"),
                json!({"status": "open"}),
            ),
        };
        if reply.status == Status::SeeOther {
            // Show the flash message now, so that it is not on the next page compared.
            browser.get("/supervision");
        }
        reply
    }

    /// Everything about the records as their parties see them.
    fn snapshot(&self) -> Vec<Value> {
        let token = |name: &str| self.person(name).token.as_str();
        let mut all = Vec::new();
        for (record, reader) in [
            (Record::Ann, "sue"),
            (Record::Placement, "lisa"),
            (Record::NotPlacement, "stu"),
        ] {
            all.push(get(self.app, token(reader), self.ids(record).0));
        }
        all.push(json!(actions(self.app, token("sue"), "ann")));
        all.push(json!(actions(self.app, token("lisa"), "stu")));
        all
    }
}

#[test]
fn the_record_policy_matrix_holds_through_pages_and_api() {
    let app = TestApp::new();
    let world = World::new(&app);
    let matrix = record_matrix();
    assert_eq!(matrix.len(), PEOPLE.len() * 4);

    let mut failures = Vec::new();
    let before = world.snapshot();
    // Those who may change nothing first, then the parties.
    let (outsiders, parties): (Vec<_>, Vec<_>) = matrix
        .into_iter()
        .partition(|(_, _, statuses)| *statuses != PARTY);
    for (round, rows) in [outsiders, parties].into_iter().enumerate() {
        for (name, record, statuses) in rows {
            for (act, expected) in ACTS.into_iter().zip(statuses) {
                let reply = world.attempt(name, record, act);
                if reply.status.code != expected {
                    failures.push(format!(
                        "{name} {act:?} {record:?}: expected {expected}, got {}",
                        reply.status.code
                    ));
                    continue;
                }
                if expected == 404 && record != Record::Missing {
                    // Exactly as for a missing id: the same answer, word for word.
                    let missing = world.attempt(name, Record::Missing, act);
                    if missing.body != reply.body
                        || missing.header("Content-Type") != reply.header("Content-Type")
                    {
                        failures.push(format!(
                            "{name} {act:?} {record:?}: the 404 differs from a missing id's"
                        ));
                    }
                }
                if expected == 200 && matches!(act, Act::View | Act::ApiGet | Act::Download) {
                    let text = format!("Wellbeing in the {record:?} record.");
                    if !reply.body.contains(&text) {
                        failures.push(format!("{name} {act:?} {record:?}: not the record"));
                    }
                }
            }
        }
        if round == 0 {
            assert_eq!(world.snapshot(), before, "an outsider changed a record");
        }
    }
    assert!(
        failures.is_empty(),
        "policy breaches:\n{}",
        failures.join("\n")
    );

    // The practice educator's page of a placement record offers nothing to change.
    let page = world
        .person("pe")
        .browser
        .get(&format!(
            "/supervision/sessions/{}",
            world.ids(Record::Placement).0
        ))
        .expect(Status::Ok)
        .body;
    for form in [
        "/sign\"",
        "/comments\"",
        "/amendments\"",
        "/supervision/actions/",
    ] {
        assert!(
            !page.contains(form),
            "{form} offered to the practice educator"
        );
    }
}
