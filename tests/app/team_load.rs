//! A team at work at once: writers saving and searching for what they saved, while others
//! search, list and read, all through the real app on a multi-threaded runtime. Nothing may
//! answer 5xx, and every writer finds each entry they saved with their very next search.

use std::time::{Duration, Instant};

use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::Client;
use rocket::tokio;
use serde_json::{Value, json};

use crate::common::TestApp;

const WRITERS: usize = 6;
const READERS: usize = 6;
const WRITES_EACH: usize = 12;
/// The whole test must finish well inside this.
const BOUND: Duration = Duration::from_secs(120);

async fn call(client: &Client, token: &str, path: &str, body: Option<Value>) -> (Status, Value) {
    let auth = Header::new("Authorization", format!("Bearer {token}"));
    let response = match body {
        Some(body) => {
            client
                .post(path.to_string())
                .header(auth)
                .header(ContentType::JSON)
                .body(body.to_string())
                .dispatch()
                .await
        }
        None => client.get(path.to_string()).header(auth).dispatch().await,
    };
    let status = response.status();
    let text = response.into_string().await.unwrap_or_default();
    assert!(status.code < 500, "{path} answered {status}: {text}");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// Saves entries one after another, each followed at once by a search for its own word.
async fn writer(client: &Client, token: String, number: usize) {
    for round in 0..WRITES_EACH {
        let word = format!("zqw{number}x{round}");
        let (status, saved) = call(
            client,
            &token,
            "/api/v1/entries",
            Some(json!({
                "kind": "diary",
                "title": format!("Visit note {word}"),
                "body": format!("Home visit went to plan; wrote up {word} in the car."),
                "visibility": "private",
            })),
        )
        .await;
        assert_eq!(status, Status::Created, "{saved}");
        let (status, found) = call(client, &token, &format!("/api/v1/search?q={word}"), None).await;
        assert_eq!(status, Status::Ok, "{found}");
        assert_eq!(found["total"], 1, "writer {number} round {round}: {found}");
        assert_eq!(found["hits"][0]["id"], saved["id"], "{found}");
    }
}

/// Searches, lists and reads while the writers write.
async fn reader(client: &Client, token: String, stop: Instant) {
    let paths = [
        "/api/v1/search?q=visit",
        "/api/v1/entries",
        "/api/v1/search?q=home%20visit%20plan",
        "/api/v1/search?q=car&sort=date",
    ];
    let mut turn = 0;
    while Instant::now() < stop {
        let (status, _) = call(client, &token, paths[turn % paths.len()], None).await;
        assert_eq!(status, Status::Ok);
        turn += 1;
    }
}

#[test]
fn writers_find_their_own_entries_at_once_while_others_read_and_nothing_fails() {
    let setup = TestApp::new();
    let tokens: Vec<String> = (0..WRITERS + READERS)
        .map(|number| {
            let name = format!("worker{number}");
            setup.user(&name, "practitioner");
            setup.token(&name)
        })
        .collect();
    let TestApp { client, dir } = setup;
    drop(client);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async move {
        let config = dir.config();
        let rocket = praxis::build(config).expect("the app builds");
        let client = std::sync::Arc::new(Client::tracked(rocket).await.expect("a client"));
        let started = Instant::now();
        let readers_stop = started + Duration::from_secs(20);
        let mut tasks = Vec::new();
        for (number, token) in tokens.into_iter().enumerate() {
            let client = std::sync::Arc::clone(&client);
            tasks.push(tokio::spawn(async move {
                if number < WRITERS {
                    writer(&client, token, number).await;
                } else {
                    reader(&client, token, readers_stop).await;
                }
            }));
        }
        for task in tasks {
            tokio::time::timeout(BOUND, task)
                .await
                .expect("the team's work finishes in time")
                .expect("no task failed");
        }
    });
}
