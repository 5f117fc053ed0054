//! Operations: the health and readiness probes, public and saying nothing else; and
//! `praxis backup` taken while the app serves, then `praxis restore` into a stopped data
//! directory, refused while the app runs and for anything that is not a sound backup.

use std::process::Output;

use rocket::http::Status;
use serde_json::json;

use crate::common::{DataDir, TestApp};
use crate::search::{find, note};

#[test]
fn the_probes_answer_without_signing_in_and_say_nothing_else() {
    let app = TestApp::new();
    let alive = app.client.get("/healthz").dispatch();
    assert_eq!(alive.status(), Status::Ok);
    let body: serde_json::Value = serde_json::from_str(&alive.into_string().unwrap()).unwrap();
    assert_eq!(body, json!({"status": "alive"}));

    // Ready once the database answers and the index has what the database has.
    let token = {
        app.user("sam", "practitioner");
        app.token("sam")
    };
    note(&app, &token, "Probe", "Written before asking.");
    let ready = app.client.get("/readyz").dispatch();
    assert_eq!(ready.status(), Status::Ok);
    let body: serde_json::Value = serde_json::from_str(&ready.into_string().unwrap()).unwrap();
    assert_eq!(body, json!({"status": "ready"}));
}

fn praxis(dir: &DataDir, args: &[&str]) -> Output {
    dir.praxis().args(args).output().expect("praxis runs")
}

fn said(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_backup_taken_while_serving_restores_into_a_stopped_instance() {
    // `praxis backup` copies a SQLite file; PostgreSQL is backed up with pg_dump.
    let app = TestApp::on(DataDir::sqlite());
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let kept = note(
        &app,
        &token,
        "Before",
        "Written before the backup, marker zqbefore.",
    );
    let spare = tempfile::tempdir().unwrap();
    let file = spare.path().join("praxis-backup.sqlite3");
    let file_arg = file.to_string_lossy().to_string();

    // Taken while the app serves; a second backup to the same file is refused.
    let output = praxis(&app.dir, &["backup", "--out", &file_arg]);
    assert!(output.status.success(), "{}", said(&output));
    assert!(
        said(&output).contains("1 accounts and 1 entries"),
        "{}",
        said(&output)
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = praxis(&app.dir, &["backup", "--out", &file_arg]);
    assert_eq!(again.status.code(), Some(2), "{}", said(&again));
    assert!(said(&again).contains("exists already"), "{}", said(&again));
    note(
        &app,
        &token,
        "After",
        "Written after the backup, marker zqafter.",
    );

    // Restoring while the app runs is refused and changes nothing.
    let busy = praxis(&app.dir, &["restore", "--from", &file_arg]);
    assert!(!busy.status.success(), "{}", said(&busy));
    assert!(said(&busy).contains("stop the server"), "{}", said(&busy));
    assert_eq!(find(&app, &token, "zqafter")["total"], 1);

    // Anything but a sound Praxis backup is refused, with nothing changed.
    let TestApp { client, dir } = app;
    drop(client);
    let junk = spare.path().join("notes.txt");
    std::fs::write(&junk, "not a database at all").unwrap();
    let refused = praxis(&dir, &["restore", "--from", &junk.to_string_lossy()]);
    assert_eq!(refused.status.code(), Some(2), "{}", said(&refused));
    assert!(
        said(&refused).contains("not a Praxis backup"),
        "{}",
        said(&refused)
    );

    let restored = praxis(&dir, &["restore", "--from", &file_arg]);
    assert!(restored.status.success(), "{}", said(&restored));
    assert!(said(&restored).contains("kept as"), "{}", said(&restored));
    let app = TestApp::on(dir);
    assert_eq!(find(&app, &token, "zqafter")["total"], 0);
    let found = find(&app, &token, "zqbefore");
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["id"], kept);
    let set_aside = std::fs::read_dir(app.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .contains("before-restore")
        });
    assert!(set_aside, "the replaced database is kept");
}

const SCRAPER: &str = "a-scraper-token-of-thirty-two-chars";

fn scrape(app: &TestApp, token: Option<&str>) -> (Status, String) {
    let mut request = app.client.get("/metrics");
    if let Some(token) = token {
        request = request.header(rocket::http::Header::new(
            "Authorization",
            format!("Bearer {token}"),
        ));
    }
    let reply = request.dispatch();
    (reply.status(), reply.into_string().unwrap_or_default())
}

#[test]
fn metrics_are_off_by_default_and_then_only_for_the_scraper() {
    let off = TestApp::new();
    assert_eq!(scrape(&off, None).0, Status::NotFound);
    assert_eq!(scrape(&off, Some(SCRAPER)).0, Status::NotFound);

    let app = TestApp::with_config(|config| config.with_setting("metrics_token", json!(SCRAPER)));
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let id = note(&app, &token, "Counted", "A visit written up.");
    app.signed_in("sam")
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok);
    assert_eq!(scrape(&app, None).0, Status::NotFound);
    assert_eq!(
        scrape(&app, Some("a-wrong-token-of-thirty-two-chars")).0,
        Status::NotFound
    );
    let (status, text) = scrape(&app, Some(SCRAPER));
    assert_eq!(status, Status::Ok, "{text}");
    assert!(
        text.contains(
            r#"praxis_http_requests_total{method="GET",route="/entries/<id>",status="200"} 1"#
        ),
        "{text}"
    );
    assert!(
        text.contains("praxis_http_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(
        text.contains("praxis_db_pool_connections{state=\"idle\"}"),
        "{text}"
    );
    assert!(text.contains("praxis_search_outbox_lag"), "{text}");
    assert!(text.contains("praxis_search_index_bytes"), "{text}");
    // Route templates only: no id, username or word anyone wrote.
    assert!(!text.contains(&format!("/entries/{id}")), "{text}");
    assert!(!text.contains("sam") && !text.contains("visit"), "{text}");
}

#[test]
fn a_short_metrics_token_stops_start_up_with_a_message_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = praxis::config::Config::new(dir.path())
        .quiet()
        .with_setting("metrics_token", json!("short"));
    let error = praxis::build(config).expect_err("refused");
    assert!(error.to_string().contains("metrics_token"), "{error}");
}

#[test]
fn readiness_says_the_database_is_missing_while_it_cannot_answer_and_recovers_after() {
    use diesel::RunQueryDsl;
    let app = TestApp::new();
    let ready = || app.client.get("/readyz").dispatch();
    // Ready within a bound: on a busy machine the indexer's first catch-up can take longer
    // than the probe's own 2 s.
    let becomes_ready = || {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while ready().status() != Status::Ok {
            assert!(std::time::Instant::now() < deadline, "never ready");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    app.index_settled();
    becomes_ready();

    // The readiness query fails as it would with the database gone: its table is away.
    let mut conn = app.db().conn().unwrap();
    diesel::sql_query("ALTER TABLE search_outbox RENAME TO search_outbox_away")
        .execute(&mut conn)
        .unwrap();
    let down = ready();
    assert_eq!(down.status(), Status::ServiceUnavailable);
    assert!(down.headers().get_one("Retry-After").is_some());
    let body: serde_json::Value = serde_json::from_str(&down.into_string().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"status": "not ready", "waiting_for": "database"})
    );
    // Liveness is a different question: the process still answers.
    assert_eq!(app.client.get("/healthz").dispatch().status(), Status::Ok);

    diesel::sql_query("ALTER TABLE search_outbox_away RENAME TO search_outbox")
        .execute(&mut conn)
        .unwrap();
    becomes_ready();
}

#[test]
fn backup_and_restore_refuse_a_postgresql_database_and_name_pg_dump() {
    let dir = DataDir::sqlite();
    for args in [
        &["backup", "--out", "copy"][..],
        &["restore", "--from", "copy"],
    ] {
        let output = dir
            .praxis()
            .env(
                "PRAXIS_DATABASE_URL",
                "postgres://praxis@127.0.0.1:1/praxis",
            )
            .args(args)
            .output()
            .expect("praxis runs");
        assert!(!output.status.success(), "{}", said(&output));
        assert!(said(&output).contains("pg_dump"), "{}", said(&output));
    }
}
