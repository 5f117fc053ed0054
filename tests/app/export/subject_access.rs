//! Two people who share supervision: each one's export (their own, or an administrator's
//! subject access export) holds everything they hold and nothing private to the other.

use praxis::accounts::directory;
use praxis::legislation::service as tags;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{audited, entry, open_case, titles};
use crate::common::TestApp;
use crate::supervision::{agree, create, days_ago, id, lock, pair, session_path};

/// Words only one person's own records hold.
const SAM_PRIVATE: &str = "Sam's private worry about the duty rota";
const SAM_SHARED: &str = "Sam shared this with Pat";
const PAT_PRIVATE: &str = "Pat's private note on team capacity";

struct Team {
    app: TestApp,
    pat: String,
    sam: String,
    pat_id: i32,
    record: i64,
}

fn team() -> Team {
    let app = TestApp::new();
    let (pat, sam) = pair(&app, "pat", "sam");
    app.user("root", "admin");
    entry(
        &app,
        &sam,
        json!({"title": SAM_PRIVATE, "body": "Only mine."}),
    );
    entry(
        &app,
        &sam,
        json!({"title": SAM_SHARED, "body": "For supervision.", "visibility": "supervisor"}),
    );
    open_case(&app, &sam, "FAM-SAM-1");
    let first = entry(
        &app,
        &pat,
        json!({"title": PAT_PRIVATE, "body": "First thoughts."}),
    );
    app.put_json(
        &pat,
        &format!("/api/v1/entries/{first}"),
        json!({"title": PAT_PRIVATE, "body": "Second thoughts."}),
    )
    .expect(Status::Ok);
    entry(
        &app,
        &pat,
        json!({"kind": "cpd", "title": "Course on supervision", "cpd": {
            "activity_type": "course", "description": "Reflective supervision.",
            "learning": "Four functions.", "impact": "Better sessions.", "hours": 6.0}}),
    );
    open_case(&app, &pat, "FAM-PAT-1");
    app.post_json(
        &pat,
        "/api/v1/cases/FAM-PAT-1/events",
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(30).to_string()}),
    )
    .expect(Status::Created);
    let pat_id = {
        let mut conn = app.db().conn().unwrap();
        let user = directory::find_by_username(&mut conn, "pat")
            .unwrap()
            .unwrap();
        tags::create_topic(&mut conn, &user.actor().unwrap(), "Team resilience", "")
            .expect("a topic");
        user.id
    };
    agree(&app, &pat, "sam", "monthly", days_ago(60));
    let record = id(&create(
        &app,
        &pat,
        "sam",
        json!({"held_on": days_ago(2).to_string(), "duration_minutes": 90,
               "session_type": "individual", "agenda": "Caseload.",
               "wellbeing": "Steady."}),
    ));
    lock(&app, &pat, &sam, record);
    app.post_json(
        &sam,
        &format!("{}/amendments", session_path(record)),
        json!({"field": "agenda", "text": "Caseload and the rota.", "reason": "Missed out"}),
    )
    .expect(Status::Created);
    Team {
        app,
        pat,
        sam,
        pat_id,
        record,
    }
}

fn subject_access(app: &TestApp, user_id: i32) -> Value {
    let admin = app.signed_in("root");
    admin.get("/admin").expect(Status::Ok);
    let reply = admin
        .post(
            &format!("/admin/users/{user_id}/export"),
            &[("format", "json")],
        )
        .expect(Status::Ok);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    reply.json()
}

#[test]
fn the_subject_access_export_holds_everything_the_person_holds_and_nothing_of_anyone_else() {
    let team = team();
    let document = subject_access(&team.app, team.pat_id);
    let text = document.to_string();

    assert_eq!(document["format_version"], 1);
    assert_eq!(document["person"]["username"], "pat");
    assert_eq!(
        titles(&document),
        vec![PAT_PRIVATE.to_string(), "Course on supervision".to_string()]
    );
    let revised = &document["entries"][0];
    assert_eq!(revised["body"], "Second thoughts.");
    assert_eq!(revised["revisions"][0]["entry"]["body"], "First thoughts.");
    assert_eq!(document["cpd_records"][0]["record"]["hours"], 6.0);
    assert_eq!(document["topics"][0]["code"], "team-resilience");
    let cases = document["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["reference"], "FAM-PAT-1");
    assert_eq!(cases[0]["events"][0]["kind"], "strategy_discussion");
    assert!(
        !cases[0]["deadlines"].as_array().unwrap().is_empty(),
        "a strategy discussion starts deadlines: {}",
        cases[0]
    );
    let pairs = document["supervision"].as_array().unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0]["supervisee"], "sam");
    assert_eq!(pairs[0]["agreement"]["frequency"], "monthly");
    let record = &pairs[0]["records"][0];
    assert_eq!(record["id"], team.record);
    assert!(record["supervisor_signed_at"].is_string());
    assert!(record["supervisee_signed_at"].is_string());
    assert_eq!(
        record["amendments"][0]["new_text"],
        "Caseload and the rota."
    );
    assert_eq!(document["calendar_feed"]["live"], false);

    for private in [
        SAM_PRIVATE,
        SAM_SHARED,
        "FAM-SAM-1",
        "Only mine.",
        "For supervision.",
    ] {
        assert!(
            !text.contains(private),
            "{private:?} leaked into pat's export"
        );
    }
    let audit = audited(&team.app, "subject_access_export", "pat");
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].0.is_some(), "the administrator is named");
}

#[test]
fn a_person_exports_their_own_and_the_shared_record_but_not_the_other_partys_journal() {
    let team = team();
    let document = team
        .app
        .get_json(&team.sam, "/api/v1/export?format=json")
        .expect(Status::Ok)
        .json();
    let text = document.to_string();
    assert_eq!(
        titles(&document),
        vec![SAM_PRIVATE.to_string(), SAM_SHARED.to_string()]
    );
    assert_eq!(document["supervision"][0]["records"][0]["id"], team.record);
    for private in [
        PAT_PRIVATE,
        "FAM-PAT-1",
        "team-resilience",
        "Course on supervision",
    ] {
        assert!(
            !text.contains(private),
            "{private:?} leaked into sam's export"
        );
    }
    assert_eq!(audited(&team.app, "export", "sam").len(), 1);
    assert!(audited(&team.app, "subject_access_export", "sam").is_empty());
}

#[test]
fn only_administrators_answer_subject_access_requests() {
    let team = team();
    let browser = team.app.signed_in("sam");
    browser.get("/account").expect(Status::Ok);
    browser
        .post(
            &format!("/admin/users/{}/export", team.pat_id),
            &[("format", "json")],
        )
        .expect(Status::NotFound);
    let admin = team.app.signed_in("root");
    admin.get("/admin").expect(Status::Ok);
    admin
        .post("/admin/users/999999/export", &[("format", "json")])
        .expect(Status::NotFound);
    assert!(audited(&team.app, "subject_access_export", "pat").is_empty());
    let _ = &team.pat;
}

#[test]
fn the_markdown_export_is_a_portfolio_with_every_section() {
    let team = team();
    let zip = team
        .app
        .get_bytes(&team.pat, "/api/v1/export?format=markdown")
        .expect(Status::Ok);
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip.bytes)).expect("a readable zip");
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.expect("a file name").into_owned())
        .collect();
    for wanted in [
        "praxis-export/README.md",
        "praxis-export/cpd.md",
        "praxis-export/cases/fam-pat-1.md",
        "praxis-export/supervision/pat-sam/agreement.md",
    ] {
        assert!(
            names.iter().any(|name| name == wanted),
            "{wanted} in {names:?}"
        );
    }
    let record_file = names
        .iter()
        .find(|name| name.contains(&format!("-record-{}.md", team.record)))
        .expect("the record's file")
        .clone();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(&record_file).unwrap(), &mut text).unwrap();
    assert!(text.contains("# Supervision record"), "{text}");
    assert!(text.contains("Caseload and the rota."), "{text}");
}

#[test]
fn a_real_export_carries_every_property_the_published_schema_requires() {
    let team = team();
    let schema = team
        .app
        .browser()
        .get("/api/v1/export.schema.json")
        .expect(Status::Ok)
        .json();
    let document = team
        .app
        .get_json(&team.pat, "/api/v1/export")
        .expect(Status::Ok)
        .json();
    let required = |node: &Value| -> Vec<String> {
        node["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|name| name.as_str().unwrap().to_string())
            .collect()
    };
    for name in required(&schema) {
        assert!(document.get(&name).is_some(), "{name} missing");
    }
    for name in required(&schema["$defs"]["entry"]) {
        assert!(
            document["entries"][0].get(&name).is_some(),
            "entry {name} missing"
        );
    }
    let record_schema =
        &schema["properties"]["supervision"]["items"]["properties"]["records"]["items"];
    for name in required(record_schema) {
        assert!(
            document["supervision"][0]["records"][0]
                .get(&name)
                .is_some(),
            "record {name} missing"
        );
    }
}
