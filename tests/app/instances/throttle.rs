//! Sign-in limits hold across instances: failures counted through one count through every
//! other, even when wrong passwords arrive at both at once.

use praxis::config::Config;
use rocket::futures::future::join_all;
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use serde_json::json;

use super::SharedDatabase;
use crate::accounts::throttle::add_sam;
use crate::common::PASSWORD;

/// Failures allowed per username in these tests.
const ALLOWED: u32 = 5;

/// Wrong passwords sent at once, spread over both instances.
const PARALLEL_GUESSES: usize = 24;

async fn instance(shared: &SharedDatabase, dir: &std::path::Path) -> Client {
    let config = Config::new(dir)
        .quiet()
        .with_database_url(shared.url())
        .with_setting("sign_in_attempts", json!(ALLOWED));
    Client::untracked(praxis::build(config).expect("the app builds"))
        .await
        .expect("the app launches")
}

async fn ask_for_token(client: &Client, password: &str) -> Status {
    client
        .post("/api/v1/tokens")
        .header(ContentType::JSON)
        .body(json!({"username": "sam", "password": password}).to_string())
        .dispatch()
        .await
        .status()
}

#[rocket::async_test]
async fn parallel_wrong_passwords_through_two_instances_share_one_limit() {
    let shared = SharedDatabase::new();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = instance(&shared, dir_a.path()).await;
    let b = instance(&shared, dir_b.path()).await;
    add_sam(&a);
    let guesses = (0..PARALLEL_GUESSES).map(|guess| {
        let client = if guess % 2 == 0 { &a } else { &b };
        async move { ask_for_token(client, &format!("wrong guess {guess}")).await }
    });
    let answers = join_all(guesses).await;
    let evaluated = answers
        .iter()
        .filter(|status| **status == Status::Unauthorized)
        .count();
    let refused = answers
        .iter()
        .filter(|status| **status == Status::TooManyRequests)
        .count();
    assert_eq!(evaluated, ALLOWED as usize, "answers: {answers:?}");
    assert_eq!(
        evaluated + refused,
        PARALLEL_GUESSES,
        "answers: {answers:?}"
    );
    // Either instance now makes even the right password wait.
    assert_eq!(ask_for_token(&a, PASSWORD).await, Status::TooManyRequests);
    assert_eq!(ask_for_token(&b, PASSWORD).await, Status::TooManyRequests);
}

#[rocket::async_test]
async fn failures_through_one_instance_count_at_the_other() {
    let shared = SharedDatabase::new();
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = instance(&shared, dir_a.path()).await;
    let b = instance(&shared, dir_b.path()).await;
    add_sam(&a);
    for guess in 0..ALLOWED - 1 {
        let answer = ask_for_token(&a, &format!("wrong {guess}")).await;
        assert_eq!(answer, Status::Unauthorized);
    }
    assert_eq!(ask_for_token(&b, "wrong again").await, Status::Unauthorized);
    assert_eq!(ask_for_token(&b, PASSWORD).await, Status::TooManyRequests);
    assert_eq!(ask_for_token(&a, PASSWORD).await, Status::TooManyRequests);
}
