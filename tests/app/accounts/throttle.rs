//! Sign-in throttling holds when many wrong passwords for one username arrive at once.

use praxis::accounts::model::NewAccount;
use praxis::accounts::service;
use praxis::config::Config;
use praxis::platform::db::Database;
use rocket::futures::future::join_all;
use rocket::http::{ContentType, Status};
use rocket::local::asynchronous::Client;
use serde_json::json;

use crate::common::PASSWORD;

/// Wrong passwords sent together for one username.
const PARALLEL_GUESSES: usize = 24;

/// Failures allowed per username in these tests.
const ALLOWED: u32 = 5;

async fn app_with_sam(dir: &std::path::Path) -> Client {
    let config = Config::new(dir)
        .quiet()
        .with_setting("sign_in_attempts", json!(ALLOWED));
    let client = Client::untracked(praxis::build(config).expect("the app builds"))
        .await
        .expect("the app launches");
    add_sam(&client);
    client
}

/// Gives the app's database the account sam, with [`PASSWORD`].
pub(crate) fn add_sam(client: &Client) {
    let database = client.rocket().state::<Database>().expect("database");
    let account = NewAccount::validate("sam", None, "practitioner", PASSWORD).expect("valid");
    service::create_account(
        &mut database.conn().expect("connection"),
        None,
        &account,
        None,
        praxis::platform::clock::now(),
    )
    .expect("account created");
}

#[rocket::async_test]
async fn parallel_wrong_passwords_are_evaluated_at_most_the_allowed_number_of_times() {
    let dir = tempfile::tempdir().expect("temp dir");
    let client = app_with_sam(dir.path()).await;
    let guesses = (0..PARALLEL_GUESSES).map(|guess| {
        let body = json!({"username": "sam", "password": format!("wrong guess {guess}")});
        let client = &client;
        async move {
            let response = client
                .post("/api/v1/tokens")
                .header(ContentType::JSON)
                .body(body.to_string())
                .dispatch()
                .await;
            let retry_after = response
                .headers()
                .get_one("Retry-After")
                .map(str::to_string);
            (response.status(), retry_after)
        }
    });
    let answers = join_all(guesses).await;
    let evaluated = answers
        .iter()
        .filter(|(status, _)| *status == Status::Unauthorized)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == Status::TooManyRequests)
        .collect();
    assert_eq!(evaluated, ALLOWED as usize, "answers: {answers:?}");
    assert_eq!(
        evaluated + refused.len(),
        PARALLEL_GUESSES,
        "answers: {answers:?}"
    );
    for (_, retry_after) in refused {
        let seconds: u64 = retry_after
            .as_deref()
            .and_then(|value| value.parse().ok())
            .expect("a 429 names a wait in Retry-After");
        assert!(seconds > 0 && seconds <= 15 * 60, "Retry-After: {seconds}");
    }
    // Even the right password now waits: the failures were all counted.
    let right = client
        .post("/api/v1/tokens")
        .header(ContentType::JSON)
        .body(json!({"username": "sam", "password": PASSWORD}).to_string())
        .dispatch()
        .await;
    assert_eq!(right.status(), Status::TooManyRequests);
}
