//! The world of the generated route matrix: everyone the issue names, linked as the rules
//! describe, and one of each resource, made once through the API.

use diesel::prelude::*;
use praxis::accounts::admin;
use praxis::accounts::model::LinkKind;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::{Browser, TestApp};
use crate::placements::{
    body, days_ago, days_ahead, full_agreement, id, link, log_day, midpoint, observation, observe,
};

/// A word planted only in ann's private entry: no one else may ever see it.
pub(super) const PRIVATE_WORD: &str = "quokkaburrow";

/// Everyone in the matrix: `(username, role)`. `dis` is disabled once the world is made.
pub(super) const PEOPLE: &[(&str, &str)] = &[
    ("ann", "practitioner"),
    ("sue", "supervisor"),
    ("stu", "student"),
    ("pe", "practice_educator"),
    ("lisa", "supervisor"),
    ("root", "admin"),
    ("stranger", "practitioner"),
    ("rex", "practice_educator"),
    ("dis", "practitioner"),
];

/// Live links after the world is made: `(supervisor or educator, supervisee or student)`.
/// Rex was linked to stu as her educator and then unlinked by the admin.
pub(super) const LINKS: &[(&str, &str)] = &[("sue", "ann"), ("pe", "stu"), ("lisa", "stu")];

/// One person: a signed-in browser and an API token, both made before any disabling.
pub(super) struct Person<'a> {
    pub(super) name: &'static str,
    pub(super) browser: Browser<'a>,
    pub(super) token: String,
}

/// The ids the route segments are filled from.
#[derive(Debug, Default)]
pub(super) struct Ids {
    pub(super) ann_private: i64,
    pub(super) ann_shared: i64,
    pub(super) ann_cpd: i64,
    pub(super) stu_shared: i64,
    pub(super) stranger_entry: i64,
    pub(super) ann_event: i64,
    pub(super) stranger_event: i64,
    pub(super) session: i64,
    pub(super) action: i64,
    pub(super) placement: i64,
    /// Stu's earlier placement, whose educator rex the admin has since unlinked.
    pub(super) rex_placement: i64,
    pub(super) day: i64,
    pub(super) evidence: i64,
    pub(super) observation: i64,
    pub(super) ann_spare_token: i64,
    /// A read-only copy of a supervision record ann brought from another Praxis.
    pub(super) ann_imported: i64,
    pub(super) spare_user: i64,
    pub(super) spare_link: i64,
    pub(super) feed_file: String,
}

pub(super) struct World<'a> {
    pub(super) app: &'a TestApp,
    pub(super) people: Vec<Person<'a>>,
    pub(super) ids: Ids,
}

fn created(app: &TestApp, token: &str, path: &str, document: Value) -> Value {
    app.post_json(token, path, document)
        .expect(Status::Created)
        .json()
}

fn entry(app: &TestApp, token: &str, title: &str, body: &str, visibility: &str) -> i64 {
    let document = json!({"kind": "diary", "title": title, "body": body,
                          "visibility": visibility, "tags": ["CA1989-s47"]});
    id(&created(app, token, "/api/v1/entries", document))
}

/// A read-only copy of a supervision record for `owner`, as an import keeps one.
fn imported_copy(app: &TestApp, owner: &str) -> i64 {
    use praxis::imported::{ImportedDraft, ImportedKind, service};
    let mut conn = app.db().conn().unwrap();
    let actor = praxis::accounts::directory::find_by_username(&mut conn, owner)
        .unwrap()
        .expect("the owner")
        .actor()
        .unwrap();
    let draft = ImportedDraft {
        kind: ImportedKind::SupervisionRecord,
        title: "Supervision record between kim and ann".into(),
        occurred_on: Some(days_ago(400)),
        body: "## Signatures\n\n- Signed by the supervisor, kim.\n".into(),
        original: json!({"held_on": days_ago(400).to_string()}),
        source_key: "praxis-document:world".into(),
    };
    let now = praxis::platform::clock::now();
    i64::from(service::write_imported(&mut conn, &actor, &draft, now).expect("kept"))
}

impl<'a> World<'a> {
    pub(super) fn new(app: &'a TestApp) -> Self {
        let mut user_ids = Vec::new();
        for (name, role) in PEOPLE {
            user_ids.push((*name, app.user(name, role)));
        }
        let spare_user = app.user("spare", "practitioner");
        for (supervisor, supervisee) in LINKS {
            let kind = if *supervisor == "pe" {
                LinkKind::Educator
            } else {
                LinkKind::Line
            };
            app.link(supervisor, supervisee, kind);
        }
        let link_id = |supervisor: &str, supervisee: &str, kind: LinkKind| {
            let mut conn = app.db().conn().unwrap();
            let now = praxis::platform::clock::now();
            admin::link(&mut conn, None, supervisor, supervisee, kind, None, now).expect("linked")
        };
        let rex_link = link_id("rex", "stu", LinkKind::Educator);
        let spare_link = link_id("sue", "spare", LinkKind::Line);
        app.index_settled();
        let people: Vec<Person> = PEOPLE
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
            ids: Ids::default(),
        };
        world.ids = world.resources(spare_user);
        world.ids.spare_link = i64::from(spare_link);

        // Rex read stu's shared entry while linked; then the admin ends the link.
        let rex = world.person("rex");
        app.get_json(
            &rex.token,
            &format!("/api/v1/entries/{}", world.ids.stu_shared),
        )
        .expect(Status::Ok);
        let root = &world.person("root").browser;
        root.post(&format!("/admin/links/{rex_link}/delete"), &[])
            .expect(Status::SeeOther);
        let dis = user_ids.iter().find(|(name, _)| *name == "dis").unwrap().1;
        root.post(&format!("/admin/users/{dis}/disable"), &[])
            .expect(Status::SeeOther);
        app.index_settled();
        world
    }

    /// Everything the matrix reads, made by its owners through the API.
    fn resources(&self, spare_user: i32) -> Ids {
        let app = self.app;
        let (ann, stu) = (&self.person("ann").token, &self.person("stu").token);
        let stranger = &self.person("stranger").token;
        let topic = "Hospital discharge planning for a frail older man";
        let ann_private = entry(
            app,
            ann,
            "Discharge worries",
            &format!("{topic}; the {PRIVATE_WORD} note stays mine."),
            "private",
        );
        let ann_shared = entry(
            app,
            ann,
            "Discharge meeting",
            &format!("{topic}."),
            "supervisor",
        );
        let cpd = json!({"kind": "cpd", "title": "Course", "body": "",
            "cpd": {"activity_type": "Course or training", "description": "Neglect course.",
                    "learning": "Cumulative harm.", "impact": "Better chronologies.",
                    "peer_role": "senior practitioner", "peer_reflection": "Talked it through.",
                    "hours": 3.5}});
        let ann_cpd = id(&created(app, ann, "/api/v1/entries", cpd));
        let stu_shared = entry(app, stu, "Duty desk", "A first week on duty.", "supervisor");
        let stranger_entry = entry(app, stranger, "Elsewhere", &format!("{topic}."), "private");

        let mut events = Vec::new();
        for (token, reference) in [(ann, "ANN-1"), (stranger, "STR-1")] {
            created(
                app,
                token,
                "/api/v1/cases",
                json!({"reference": reference, "category": "other"}),
            );
            let event = json!({"kind": "custom", "label": "Court report",
                               "due_on": days_ahead(10).to_string()});
            events.push(id(&created(
                app,
                token,
                &format!("/api/v1/cases/{reference}/events"),
                event,
            )));
        }

        // Every pair has an agreement, so a 404 on one always means "not yours".
        let terms = json!({"frequency": "monthly", "starts_on": days_ago(30).to_string(),
                   "usual_minutes": 90, "cancellation": "Rearranged within the week.",
                   "supervisor_expectations": "Protect the time.",
                   "supervisee_expectations": "Bring an agenda."});
        for (token, other) in [(ann, "sue"), (stu, "pe"), (stu, "lisa")] {
            let path = format!("/api/v1/supervision/pairs/{other}/agreement");
            app.put_json(token, &path, terms.clone()).expect(Status::Ok);
        }
        let record = json!({"held_on": days_ago(2).to_string(), "duration_minutes": 90,
            "session_type": "individual", "agenda": "Caseload.", "wellbeing": "Steady.",
            "actions": [{"description": "Chase the report", "owner": "ann",
                         "due_on": days_ahead(7).to_string()}]});
        let session = created(app, ann, "/api/v1/supervision/pairs/sue/sessions", record);

        let actions = app
            .get_json(ann, "/api/v1/supervision/pairs/sue/actions")
            .expect(Status::Ok)
            .json();
        let actions = actions.as_array().cloned().unwrap_or_default();
        let placement = id(&created(
            app,
            stu,
            "/api/v1/placements",
            body("first", days_ago(40), days_ahead(160)),
        ));
        let mut earlier = body("final", days_ago(400), days_ago(200));
        earlier["educator"] = json!("rex");
        let rex_placement = id(&created(app, stu, "/api/v1/placements", earlier));
        let rex = &self.person("rex").token;
        app.get_json(rex, &format!("/api/v1/placements/{rex_placement}"))
            .expect(Status::Ok);
        // Each placement has its learning agreement and a mid-point review in draft.
        for (educator, placement) in [(&self.person("pe").token, placement), (rex, rex_placement)] {
            let path = format!("/api/v1/placements/{placement}");
            app.put_json(stu, &format!("{path}/agreement"), full_agreement())
                .expect(Status::Ok);
            app.put_json(educator, &format!("{path}/reviews/midpoint"), midpoint())
                .expect(Status::Ok);
        }
        let day = id(&log_day(app, stu, placement, days_ago(3), "full"));
        let evidence = link(app, stu, placement, stu_shared, &["PCF-3"], "Duty week.");
        let observed = observe(
            app,
            &self.person("pe").token,
            placement,
            observation(days_ago(5), &["PCF-3"]),
        );

        // A second token of ann's, for the revoke route; her first stays in use.
        app.token("ann");
        let ann_spare_token = {
            use praxis::platform::db::schema::api_tokens;
            let mut conn = app.db().conn().unwrap();
            api_tokens::table
                .select(diesel::dsl::max(api_tokens::id))
                .first::<Option<i32>>(&mut conn)
                .unwrap()
                .map_or(0, i64::from)
        };
        let feed = app
            .api(Method::Post, Some(ann), "/api/v1/calendar-feed", None)
            .expect(Status::Created)
            .json();
        let feed_file = feed["path"]
            .as_str()
            .unwrap()
            .trim_start_matches("/calendar/")
            .to_string();
        Ids {
            ann_private,
            ann_shared,
            ann_cpd,
            stu_shared,
            stranger_entry,
            ann_event: events[0],
            stranger_event: events[1],
            session: id(&session),
            action: id(&actions[0]),
            placement,
            rex_placement,
            day,
            evidence: id(&evidence[0]),
            observation: id(&observed),
            ann_spare_token,
            ann_imported: imported_copy(app, "ann"),
            spare_user: i64::from(spare_user),
            spare_link: 0,
            feed_file,
        }
    }

    pub(super) fn person(&self, name: &str) -> &Person<'a> {
        self.people
            .iter()
            .find(|person| person.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    /// Each resource as its owner reads it through the API, to show that nothing the others
    /// tried changed it.
    pub(super) fn as_owners_read_them(&self) -> Vec<String> {
        let ids = &self.ids;
        let owned = [
            ("ann", format!("/api/v1/entries/{}", ids.ann_private)),
            ("ann", format!("/api/v1/entries/{}", ids.ann_shared)),
            ("ann", format!("/api/v1/entries/{}", ids.ann_cpd)),
            ("stu", format!("/api/v1/entries/{}", ids.stu_shared)),
            (
                "stranger",
                format!("/api/v1/entries/{}", ids.stranger_entry),
            ),
            ("ann", "/api/v1/cases/ANN-1/events".to_string()),
            ("stranger", "/api/v1/cases/STR-1/events".to_string()),
            ("ann", "/api/v1/supervision/pairs/sue/agreement".to_string()),
            (
                "ann",
                format!("/api/v1/supervision/sessions/{}", ids.session),
            ),
            ("ann", "/api/v1/supervision/pairs/sue/actions".to_string()),
            ("stu", format!("/api/v1/placements/{}", ids.placement)),
            ("stu", format!("/api/v1/placements/{}", ids.rex_placement)),
            ("stu", format!("/api/v1/placements/{}/days", ids.placement)),
            (
                "stu",
                format!("/api/v1/placements/{}/observations", ids.placement),
            ),
            ("ann", format!("/api/v1/imported/{}", ids.ann_imported)),
        ];
        owned
            .iter()
            .map(|(owner, path)| {
                let reply = self.app.get_json(&self.person(owner).token, path);
                format!("{path}: {} {}", reply.status.code, reply.body)
            })
            .collect()
    }
}
