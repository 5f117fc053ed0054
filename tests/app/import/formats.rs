//! Day One, jrnl and Markdown files: what the preview promises is what the import writes, a
//! second import writes nothing, tags land on the catalogue or become the person's topics.

use praxis::import::SourceFormat;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{actor, import, preview, written, zip_of};
use crate::common::TestApp;

/// A Day One export: `Journal.json` with three entries (two photos) and the photo files.
pub(crate) fn day_one_zip() -> Vec<u8> {
    let journal = json!({
        "metadata": {"version": "1.0"},
        "entries": [
            {"uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2024-03-01T09:30:00Z",
             "timeZone": "Europe/London", "starred": true,
             "text": "# Strategy discussion\nAgreed a s47 enquiry. Call back on 07700 900123.",
             "tags": ["s47", "Attachment theory"],
             "photos": [{"md5": "aa", "type": "jpeg"}, {"md5": "bb", "type": "jpeg"}]},
            {"uuid": "B1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2024-07-15T23:30:00Z",
             "timeZone": "Europe/London", "starred": false,
             "text": "Late write-up after the duty shift.", "tags": []},
            {"uuid": "C1B2C3D4E5F60718293A4B5C6D7E8F90", "creationDate": "2024-01-02T12:00:00Z",
             "text": "No zone given.", "tags": ["attachment theory"]}
        ]
    });
    zip_of(&[
        ("Journal.json", journal.to_string().as_bytes()),
        ("photos/aa.jpeg", b"\xff\xd8\xff not really a photo"),
        ("photos/bb.jpeg", b"\xff\xd8\xff nor this"),
    ])
}

fn own_entries(app: &TestApp, token: &str) -> Vec<Value> {
    let mut list = app
        .get_json(token, "/api/v1/entries?limit=100")
        .expect(Status::Ok)
        .json()["items"]
        .as_array()
        .unwrap()
        .clone();
    list.sort_by_key(|entry| {
        entry["occurred_on"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    });
    list
}

#[test]
fn a_day_one_export_imports_as_previewed_and_only_once() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let token = app.token("sam");
    let bytes = day_one_zip();

    let plan = preview(&app, &sam, "Day One.zip", &bytes).expect("a preview");
    assert_eq!(plan.format, SourceFormat::DayOne);
    assert_eq!(plan.entries.len(), 3);
    assert_eq!(
        plan.dates
            .map(|(first, last)| (first.to_string(), last.to_string())),
        Some(("2024-01-02".to_string(), "2024-07-16".to_string())),
        "23:30 UTC in July is the next day in London"
    );
    assert!(plan.existing_tags.contains("CA1989-s47"), "{plan:?}");
    assert_eq!(
        plan.new_topics.keys().collect::<Vec<_>>(),
        vec!["attachment-theory"]
    );
    assert!(
        plan.skipped.iter().any(|line| line.starts_with("2 photo")),
        "{:?}",
        plan.skipped
    );
    assert_eq!(plan.findings.len(), 1, "{:?}", plan.findings);
    assert_eq!(plan.findings[0].found, "07700 900123");
    assert_eq!(written(&app, &sam), (0, 0), "a preview writes nothing");

    let outcome = import(&app, &sam, "Day One.zip", &bytes).expect("imported");
    assert_eq!(outcome.created, 3);
    assert_eq!(outcome.plan, plan, "the import carries out the preview");
    let list = own_entries(&app, &token);
    assert_eq!(list.len(), 3);
    let strategy = list
        .iter()
        .find(|entry| entry["title"] == "Strategy discussion")
        .expect("the heading became the title");
    assert_eq!(strategy["occurred_on"], "2024-03-01");
    assert_eq!(strategy["occurred_at"], "09:30");
    assert_eq!(strategy["visibility"], "private");
    let mut tags: Vec<&str> = strategy["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    tags.sort_unstable();
    assert_eq!(tags, vec!["CA1989-s47", "attachment-theory"]);
    assert!(
        strategy["body"]
            .as_str()
            .unwrap()
            .starts_with("Agreed a s47 enquiry.")
    );
    assert_eq!(list[2]["occurred_at"], "00:30");

    let again = import(&app, &sam, "Day One.zip", &bytes).expect("nothing to do");
    assert_eq!(again.created, 0);
    assert_eq!(again.plan.already_imported, 3);
    assert_eq!(written(&app, &sam), (3, 3));
}

#[test]
fn a_jrnl_export_imports_with_its_tags_and_times() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let journal = json!({
        "tags": {"@cin": 1, "@supervision": 1},
        "entries": [
            {"date": "2023-11-20", "time": "17:45", "title": "Home visit",
             "body": "Children seen; CIN plan reviewed.", "tags": ["@cin"], "starred": false},
            {"date": "2023-11-21", "time": "09:00", "title": "Supervision prep",
             "body": "", "tags": ["@supervision"], "starred": true}
        ]
    })
    .to_string();
    let plan = preview(&app, &sam, "jrnl.json", journal.as_bytes()).expect("a preview");
    assert_eq!(plan.format, SourceFormat::Jrnl);
    assert!(plan.skipped.iter().any(|line| line.contains("star on 1")));
    let outcome = import(&app, &sam, "jrnl.json", journal.as_bytes()).expect("imported");
    assert_eq!(outcome.created, 2);
    assert_eq!(outcome.plan, plan);
    let token = app.token("sam");
    let list = own_entries(&app, &token);
    assert_eq!(list[0]["title"], "Home visit");
    assert_eq!(list[0]["occurred_at"], "17:45");
    assert_eq!(list[0]["tags"].as_array().unwrap().len(), 1, "{}", list[0]);
    assert_eq!(
        import(&app, &sam, "jrnl.json", journal.as_bytes())
            .unwrap()
            .created,
        0
    );
}

#[test]
fn markdown_files_take_front_matter_then_the_file_name() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let bytes = zip_of(&[
        (
            "vault/2024-02-03 core group.md",
            b"---\ntitle: Core group\ntags: [s20, reflection-notes]\n---\nPlan agreed.\n",
        ),
        ("vault/2024-02-05 visit.md", b"# Visit\nSeen at home.\n"),
        (
            "vault/dated.md",
            b"---\ndate: 2024-02-07 14:15\n---\nDated inside.\n",
        ),
        ("vault/attachments/map.png", b"\x89PNG"),
    ]);
    let plan = preview(&app, &sam, "notes.zip", &bytes).expect("a preview");
    assert_eq!(plan.format, SourceFormat::Markdown);
    let titles: Vec<_> = plan
        .entries
        .iter()
        .map(|entry| {
            (
                entry.draft.title.clone().unwrap_or_default(),
                entry.draft.occurred_on.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        titles,
        vec![
            ("Core group".to_string(), "2024-02-03".to_string()),
            ("Visit".to_string(), "2024-02-05".to_string()),
            ("dated".to_string(), "2024-02-07".to_string()),
        ]
    );
    assert!(plan.existing_tags.contains("CA1989-s20"), "{plan:?}");
    assert!(plan.new_topics.contains_key("reflection-notes"));
    assert!(plan.skipped.iter().any(|line| line.starts_with("1 file")));
    let outcome = import(&app, &sam, "notes.zip", &bytes).expect("imported");
    assert_eq!(outcome.created, 3);
    assert_eq!(import(&app, &sam, "notes.zip", &bytes).unwrap().created, 0);
}
