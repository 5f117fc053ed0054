//! PostgreSQL out of reach and back: the readiness probe says so (503 naming the database)
//! while the app cannot reach it, pages answer a clear 503 rather than failing, and both
//! recover once it can be reached again. Runs only when the suite runs on PostgreSQL.
//!
//! The outage is the database's own: the app's connections to it are ended and new ones
//! refused (`ALLOW_CONNECTIONS false`), as when the server restarts or a failover is under
//! way; the rest of the shared cluster carries on for the other tests.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::data_dir::POSTGRES_URL;

/// Long enough for the pool to open connections again and the index to catch up.
const RECOVERY: Duration = Duration::from_secs(60);

/// The app's database on the cluster, taken out of reach and brought back.
struct Outage {
    admin: PgConnection,
    name: String,
}

impl Outage {
    /// For the database of `app`, when the suite runs on PostgreSQL.
    fn of(app: &TestApp) -> Option<Self> {
        let url = app.dir.postgres_url()?;
        let name = url.rsplit('/').next()?.split('?').next()?.to_owned();
        let admin_url = std::env::var(POSTGRES_URL).ok()?;
        let admin = PgConnection::establish(&admin_url).expect("the cluster answers");
        Some(Self { admin, name })
    }

    /// Ends every connection to the database and refuses new ones.
    fn begin(&mut self) {
        self.admin
            .batch_execute(&format!(
                "ALTER DATABASE {name} ALLOW_CONNECTIONS false;
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                  WHERE datname = '{name}' AND pid <> pg_backend_pid();",
                name = self.name
            ))
            .expect("the database taken out of reach");
    }

    /// Lets connections in again.
    fn end(&mut self) {
        self.admin
            .batch_execute(&format!(
                "ALTER DATABASE {} ALLOW_CONNECTIONS true",
                self.name
            ))
            .expect("the database back");
    }
}

impl Drop for Outage {
    fn drop(&mut self) {
        // A failed test must not leave a database the harness cannot drop.
        let _ = self.admin.batch_execute(&format!(
            "ALTER DATABASE {} ALLOW_CONNECTIONS true",
            self.name
        ));
    }
}

fn readiness(app: &TestApp) -> (Status, Option<String>, Value) {
    let reply = app.client.get("/readyz").dispatch();
    let status = reply.status();
    let retry = reply.headers().get_one("Retry-After").map(str::to_owned);
    let body = serde_json::from_str(&reply.into_string().unwrap_or_default()).unwrap_or_default();
    (status, retry, body)
}

#[track_caller]
fn ready_within(app: &TestApp, bound: Duration) {
    let deadline = Instant::now() + bound;
    loop {
        let (status, _, body) = readiness(app);
        if status == Status::Ok {
            assert_eq!(body, json!({"status": "ready"}));
            return;
        }
        assert!(
            Instant::now() < deadline,
            "not ready within {bound:?}: {body}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn readiness_fails_while_postgresql_is_out_of_reach_and_recovers_after() {
    let app = TestApp::new();
    let Some(mut outage) = Outage::of(&app) else {
        return; // SQLite: see the operations tests.
    };
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    ready_within(&app, RECOVERY);

    outage.begin();
    let asked = Instant::now();
    let (status, retry, body) = readiness(&app);
    assert_eq!(status, Status::ServiceUnavailable, "{body}");
    assert_eq!(
        body,
        json!({"status": "not ready", "waiting_for": "database"})
    );
    assert!(retry.is_some(), "503 without Retry-After");
    assert!(
        asked.elapsed() < Duration::from_secs(5),
        "the probe took {:?} to answer",
        asked.elapsed()
    );
    assert_eq!(app.client.get("/healthz").dispatch().status(), Status::Ok);
    let page = browser.get("/entries");
    assert_eq!(
        page.status,
        Status::ServiceUnavailable,
        "a page while the database is out of reach: {}",
        page.body
    );
    assert!(page.header("Retry-After").is_some(), "{:?}", page.headers);

    outage.end();
    ready_within(&app, RECOVERY);
    browser.get("/entries").expect(Status::Ok);
}
