//! `POST /api/v1/import`: the preview a client gets is what the import then does; a second
//! import writes nothing new; every refusal is a 422 naming the file, entry or field, with
//! nothing written; and only a token's holder imports, into their own journal.

use rocket::http::{ContentType, Header, Status};
use serde_json::{Value, json};

use super::formats::day_one_zip;
use super::{actor, written};
use crate::common::TestApp;

/// Sends `bytes` as the raw body of `POST path` with `token`, as `kind`.
fn send(
    app: &TestApp,
    token: Option<&str>,
    path: &str,
    kind: ContentType,
    bytes: &[u8],
) -> (Status, Value) {
    let mut request = app.client.post(path.to_string()).header(kind).body(bytes);
    if let Some(token) = token {
        request = request.header(Header::new("Authorization", format!("Bearer {token}")));
    }
    let response = request.dispatch();
    let status = response.status();
    let body = response.into_string().unwrap_or_default();
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// The words of a problem's errors, field and message together.
fn problem(body: &Value) -> String {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|error| format!("{}: {}", error["field"], error["message"]))
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

#[test]
fn the_preview_a_client_gets_is_what_the_import_does() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let sam = actor(&app, "sam");
    let zip = day_one_zip();
    let path = "/api/v1/import?name=Day%20One.zip";

    let (status, preview) = send(
        &app,
        Some(&token),
        &format!("{path}&preview=true"),
        ContentType::ZIP,
        &zip,
    );
    assert_eq!(status, Status::Ok, "{preview}");
    assert_eq!(preview["written"], false);
    assert_eq!(preview["format"], "day_one");
    assert_eq!(preview["new_entries"], 3);
    assert_eq!(preview["file"], "Day One.zip");
    assert!(
        !preview["findings"].as_array().unwrap().is_empty(),
        "the phone number"
    );
    assert_eq!(written(&app, &sam), (0, 0), "a preview writes nothing");

    let (status, done) = send(&app, Some(&token), path, ContentType::ZIP, &zip);
    assert_eq!(status, Status::Ok, "{done}");
    assert_eq!(done["written"], true);
    let mut previewed = preview.clone();
    previewed["written"] = json!(true);
    assert_eq!(done, previewed, "the preview is what was imported");
    assert_eq!(written(&app, &sam), (3, 3));
    let titles: Vec<Value> = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["title"].clone())
        .collect();
    assert!(titles.contains(&json!("Strategy discussion")), "{titles:?}");

    let (status, again) = send(&app, Some(&token), path, ContentType::ZIP, &zip);
    assert_eq!(status, Status::Ok);
    assert_eq!(
        (
            again["new_entries"].clone(),
            again["already_imported"].clone()
        ),
        (json!(0), json!(3))
    );
    assert_eq!(written(&app, &sam), (3, 3), "nothing new");
}

#[test]
fn a_file_the_import_refuses_is_a_422_naming_what_is_wrong_with_nothing_written() {
    let app = TestApp::with_config(|config| config.with_setting("import_max_mb", json!(1)));
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let sam = actor(&app, "sam");
    let missing_date = json!({"tags": {}, "entries": [
        {"date": "2024-01-01", "title": "Fine", "body": "x", "tags": []},
        {"title": "No date", "body": "x", "tags": []}]})
    .to_string();
    let fine = json!({"tags": {}, "entries": [
        {"date": "2024-01-01", "time": "09:00", "title": "Fine", "body": "x", "tags": []}]})
    .to_string();
    let too_big = vec![b'a'; 1_000_001];
    let cases: [(&str, ContentType, &[u8], &[&str]); 4] = [
        (
            "/api/v1/import?name=broken.json",
            ContentType::JSON,
            b"{\"entries\": [",
            &["broken.json", "JSON"],
        ),
        (
            "/api/v1/import?name=jrnl.json",
            ContentType::JSON,
            missing_date.as_bytes(),
            &["jrnl.json", "entries[1]", "date"],
        ),
        (
            "/api/v1/import?name=notes.md",
            ContentType::Markdown,
            &too_big,
            &["notes.md", "limit of 1 MB"],
        ),
        (
            "/api/v1/import?format=day_one",
            ContentType::JSON,
            fine.as_bytes(),
            &["format", "jrnl export"],
        ),
    ];
    for (path, kind, bytes, words) in cases {
        for preview in ["&preview=true", ""] {
            let (status, body) = send(
                &app,
                Some(&token),
                &format!("{path}{preview}"),
                kind.clone(),
                bytes,
            );
            assert_eq!(status, Status::UnprocessableEntity, "{path}: {body}");
            let said = problem(&body);
            for word in words {
                assert!(said.contains(word), "{word:?} not in {said:?} ({path})");
            }
            assert_eq!(written(&app, &sam), (0, 0), "nothing written for {path}");
        }
    }
}

#[test]
fn only_a_token_imports_and_into_its_holders_journal() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("kim", "practitioner");
    let zip = day_one_zip();
    let (status, _) = send(&app, None, "/api/v1/import", ContentType::ZIP, &zip);
    assert_eq!(status, Status::Unauthorized);
    let browser = app.signed_in("sam");
    let reply = browser.post("/api/v1/import", &[]);
    assert_eq!(
        reply.status,
        Status::Unauthorized,
        "a session is not a token"
    );
    let kim = app.token("kim");
    send(&app, Some(&kim), "/api/v1/import", ContentType::ZIP, &zip);
    assert_eq!(written(&app, &actor(&app, "sam")), (0, 0));
    assert_eq!(written(&app, &actor(&app, "kim")), (3, 3));
}
