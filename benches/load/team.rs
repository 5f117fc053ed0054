//! The six signed-in people of the load: a session cookie each for pages (through the
//! sign-in form, with its CSRF cookie and field), an API token each, and the entries each
//! may read. Also the search words, taken from the demo's own sentences.

use std::collections::BTreeSet;

use praxis::demo::DEMO_PASSWORD;
use praxis::demo::topics::TOPICS;

use super::client::{Answer, encode, request};

/// Who is signed in: four practitioners, the student and the supervisor of the demo team.
pub const USERNAMES: [&str; 6] = [
    "demo-sw-001",
    "demo-sw-002",
    "demo-sw-003",
    "demo-sw-004",
    "demo-student-001",
    "demo-sup-001",
];

/// Where the supervisor of the practitioners is in [`USERNAMES`].
pub const SUPERVISOR: usize = 5;

/// One signed-in person.
pub struct Member {
    /// Sign-in name.
    pub username: String,
    /// The `Cookie` header value of their browser session.
    pub cookie: String,
    /// Their API token.
    pub token: String,
    /// Ids of entries they may read (their newest, up to 200).
    pub entry_ids: Vec<i64>,
}

/// Signs in everyone of [`USERNAMES`].
pub fn sign_in_all(port: u16) -> Vec<Member> {
    USERNAMES
        .iter()
        .map(|username| sign_in(port, username))
        .collect()
}

fn sign_in(port: u16, username: &str) -> Member {
    let form = call(port, "GET", "/sign-in", &[], None);
    let csrf_cookie = form.cookies().join("; ");
    let field = hidden_csrf_field(&form.body).expect("a csrf field in the sign-in form");
    let body = format!(
        "csrf={}&username={}&password={}&next=%2F",
        encode(&field),
        encode(username),
        encode(DEMO_PASSWORD)
    );
    let signed_in = call(
        port,
        "POST",
        "/sign-in",
        &[
            format!("Cookie: {csrf_cookie}"),
            "Content-Type: application/x-www-form-urlencoded".into(),
        ],
        Some(&body),
    );
    assert_eq!(
        signed_in.status, 303,
        "sign-in of {username}: {}",
        signed_in.body
    );
    let cookie = signed_in.cookies().join("; ");
    assert!(
        cookie.contains("praxis_session="),
        "no session cookie for {username}"
    );
    let dashboard = call(port, "GET", "/", &[format!("Cookie: {cookie}")], None);
    assert_eq!(
        dashboard.status, 200,
        "the dashboard of {username} with the new session"
    );

    let token_request = serde_json::json!({
        "username": username, "password": DEMO_PASSWORD, "name": "load bench",
    })
    .to_string();
    let issued = call(
        port,
        "POST",
        "/api/v1/tokens",
        &["Content-Type: application/json".into()],
        Some(&token_request),
    );
    assert_eq!(issued.status, 201, "token of {username}: {}", issued.body);
    let token = issued.json()["token"]
        .as_str()
        .expect("a token in the answer")
        .to_string();

    let listed = call(
        port,
        "GET",
        "/api/v1/entries?limit=200",
        &[format!("Authorization: Bearer {token}")],
        None,
    );
    assert_eq!(listed.status, 200, "entries of {username}: {}", listed.body);
    let entry_ids: Vec<i64> = listed.json()["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["id"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    assert!(!entry_ids.is_empty(), "{username} has no entries to read");
    Member {
        username: username.to_string(),
        cookie,
        token,
        entry_ids,
    }
}

/// The value of `<input type="hidden" name="csrf" value="...">`.
fn hidden_csrf_field(html: &str) -> Option<String> {
    let after_name = &html[html.find("name=\"csrf\"")?..];
    let value_start = after_name.find("value=\"")? + "value=\"".len();
    let value = &after_name[value_start..];
    Some(value[..value.find('"')?].to_string())
}

fn call(port: u16, method: &str, path: &str, headers: &[String], body: Option<&str>) -> Answer {
    request(port, method, path, headers, body)
        .unwrap_or_else(|error| panic!("{method} {path}: {error}"))
}

/// Words of six letters or more from the demo's titles and sentences (slots left out): what
/// people write, so what they search for.
pub fn search_words() -> Vec<String> {
    let mut words = BTreeSet::new();
    for topic in TOPICS {
        for sentence in topic.titles.iter().chain(topic.lines) {
            let mut text = String::new();
            let mut in_slot = false;
            for character in sentence.chars() {
                match character {
                    '{' => in_slot = true,
                    '}' => in_slot = false,
                    _ if in_slot => {}
                    _ if character.is_ascii_alphabetic() => {
                        text.push(character.to_ascii_lowercase())
                    }
                    _ => text.push(' '),
                }
            }
            words.extend(
                text.split_whitespace()
                    .filter(|word| word.len() >= 6)
                    .map(String::from),
            );
        }
    }
    words.into_iter().collect()
}

/// Writes an entry holding `word` as `member` and searches for it until found, for up to
/// five seconds: proves that the read-your-writes check can see a write before trusting its
/// "not found" under load.
pub fn check_write_then_find(port: u16, member: &Member, word: &str) {
    let auth = format!("Authorization: Bearer {}", member.token);
    let entry = serde_json::json!({"kind": "diary", "title": "Load check", "body": word});
    let written = call(
        port,
        "POST",
        "/api/v1/entries",
        &[auth.clone(), "Content-Type: application/json".into()],
        Some(&entry.to_string()),
    );
    assert_eq!(written.status, 201, "the check entry: {}", written.body);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let found = call(
            port,
            "GET",
            &format!("/api/v1/search?q={word}"),
            std::slice::from_ref(&auth),
            None,
        );
        if found.status == 200 && found.json()["total"].as_u64().unwrap_or(0) > 0 {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "an entry holding {word:?} was not found by its author's search within 5 s: {}",
            found.body
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// True when `member`'s `GET /api/v1/me` (a token looked up in the database) answers 200
/// within 100 ms.
pub fn answers_promptly(port: u16, member: &Member) -> bool {
    let started = std::time::Instant::now();
    let auth = format!("Authorization: Bearer {}", member.token);
    let answered = request(port, "GET", "/api/v1/me", &[auth], None);
    matches!(answered, Ok(answer) if answer.status == 200)
        && started.elapsed() < std::time::Duration::from_millis(100)
}
