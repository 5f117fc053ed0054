//! `praxis migrate-to`: a demo instance on SQLite copied into a fresh PostgreSQL database is
//! verified table by table, and the app started on the copy shows what it showed before; a
//! target with records is refused and left alone; the SQLite file is not changed by a byte;
//! mistakes are told clearly, never with the password. Tests that need PostgreSQL skip only
//! when `PRAXIS_TEST_POSTGRES_URL` is unset (CI sets it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::Output;

use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::MigrationHarness;
use praxis::demo::DEMO_PASSWORD;
use praxis::platform::db::migrations::MIGRATIONS;
use praxis::platform::migrate_to::tables::{MIGRATIONS_TABLE, NOT_COPIED};
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::common::{DataDir, TestApp};

fn database_file(dir: &DataDir) -> PathBuf {
    dir.path().join("praxis.sqlite3")
}

/// A SQLite data directory filled by `praxis demo`.
fn demo_source() -> DataDir {
    let source = DataDir::sqlite();
    let demo = source
        .praxis()
        .args(["demo", "--users", "8", "--entries", "300"])
        .output()
        .unwrap();
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    source
}

fn migrate_to(source: &DataDir, url: &str) -> Output {
    source.praxis().args(["migrate-to", url]).output().unwrap()
}

/// A fresh PostgreSQL database to copy into, or `None` (with a note) when the suite runs
/// without PostgreSQL.
fn postgres_target() -> Option<DataDir> {
    let target = DataDir::new();
    if target.on_postgres() {
        Some(target)
    } else {
        eprintln!("skipped: PRAXIS_TEST_POSTGRES_URL is not set");
        None
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

fn sqlite_count(conn: &mut SqliteConnection, table: &str) -> i64 {
    let query = format!("SELECT COUNT(*) AS count FROM {table}");
    diesel::sql_query(query)
        .get_result::<Count>(conn)
        .unwrap()
        .count
}

fn postgres_count(conn: &mut PgConnection, table: &str) -> i64 {
    let query = format!("SELECT COUNT(*) AS count FROM {table}");
    diesel::sql_query(query)
        .get_result::<Count>(conn)
        .unwrap()
        .count
}

/// Every table in the SQLite schema, read from SQLite itself.
fn sqlite_tables(conn: &mut SqliteConnection) -> BTreeSet<String> {
    diesel::sql_query("SELECT name FROM sqlite_master WHERE type = 'table'")
        .load::<Name>(conn)
        .unwrap()
        .into_iter()
        .map(|row| row.name)
        .filter(|name| name != MIGRATIONS_TABLE && !name.starts_with("sqlite_"))
        .collect()
}

fn token(app: &TestApp, username: &str) -> String {
    let reply = app.api(
        Method::Post,
        None,
        "/api/v1/tokens",
        Some(json!({"username": username, "password": DEMO_PASSWORD})),
    );
    assert_eq!(reply.status, Status::Created, "{}", reply.body);
    reply.json()["token"].as_str().unwrap().to_string()
}

/// What a demo practitioner sees: their journal's first page, and what a search finds.
fn seen_by_a_practitioner(app: &TestApp) -> (Value, u64, BTreeSet<i64>) {
    app.index_settled();
    let token = token(app, "demo-sw-001");
    let journal = app
        .get_json(&token, "/api/v1/entries")
        .expect(Status::Ok)
        .json();
    // A new instance rebuilds its index from the database first; searches answer 503 until
    // it is done.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let found = loop {
        let reply = app.get_json(&token, "/api/v1/search?q=core+group&limit=50");
        if reply.status != Status::ServiceUnavailable || std::time::Instant::now() > deadline {
            break reply.expect(Status::Ok).json();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let ids = found["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("{found}"))
        .iter()
        .map(|hit| hit["id"].as_i64().unwrap())
        .collect();
    (journal, found["total"].as_u64().unwrap(), ids)
}

/// Table name to row count, from the report `migrate-to` prints.
fn reported(stdout: &str) -> BTreeMap<String, i64> {
    stdout
        .lines()
        .filter_map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                [name, rows, checksum, "OK"] if checksum.len() == 32 => {
                    Some((name.to_string(), rows.parse().ok()?))
                }
                _ => None,
            }
        })
        .collect()
}

#[test]
fn a_demo_instance_moves_to_postgresql_verified_table_by_table() {
    let source = demo_source();
    let Some(target) = postgres_target() else {
        return;
    };
    let url = target.postgres_url().unwrap().to_string();
    let before = std::fs::read(database_file(&source)).unwrap();

    let copied = migrate_to(&source, &url);
    let stdout = String::from_utf8_lossy(&copied.stdout);
    assert!(
        copied.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    assert_eq!(
        std::fs::read(database_file(&source)).unwrap(),
        before,
        "the SQLite file is not changed by a byte"
    );

    // Every table the SQLite schema has is in the report, with the source's count, unless
    // it is one of the few that each deployment keeps for itself.
    let report = reported(&stdout);
    let mut sqlite =
        SqliteConnection::establish(&database_file(&source).to_string_lossy()).unwrap();
    let mut postgres = PgConnection::establish(&url).unwrap();
    let expected: BTreeSet<String> = sqlite_tables(&mut sqlite)
        .into_iter()
        .filter(|name| !NOT_COPIED.iter().any(|(skipped, _)| skipped == name))
        .collect();
    assert_eq!(
        report.keys().cloned().collect::<BTreeSet<_>>(),
        expected,
        "{stdout}"
    );
    for (table, rows) in &report {
        assert_eq!(*rows, sqlite_count(&mut sqlite, table), "{table} in SQLite");
        assert_eq!(
            *rows,
            postgres_count(&mut postgres, table),
            "{table} in PostgreSQL"
        );
    }
    for table in ["users", "entries", "entry_tags", "cases", "tags"] {
        assert!(report[table] > 0, "the demo fills {table}");
    }
    assert_eq!(report["entries"], 300);
    drop((sqlite, postgres));

    // The app on the copy shows a practitioner what the app on the original showed.
    let on_postgres = TestApp::on(target);
    let seen_on_postgres = seen_by_a_practitioner(&on_postgres);
    let on_sqlite = TestApp::on(source);
    let seen_on_sqlite = seen_by_a_practitioner(&on_sqlite);
    assert!(
        seen_on_sqlite.1 > 0,
        "the demo journal mentions core groups"
    );
    assert_eq!(seen_on_postgres, seen_on_sqlite);

    // New records are numbered after the copied ones.
    let token = token(&on_postgres, "demo-sw-001");
    let entry = on_postgres
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": "After the move", "body": "First note on PostgreSQL."}),
        )
        .expect(Status::Created)
        .json();
    assert!(entry["id"].as_i64().unwrap() > 300, "{entry}");
}

#[test]
fn a_target_with_records_is_refused_and_left_as_it_was() {
    let source = demo_source();
    let Some(target) = postgres_target() else {
        return;
    };
    let app = TestApp::on(target);
    app.user("sam", "practitioner");
    let url = app.dir.postgres_url().unwrap().to_string();
    let mut postgres = PgConnection::establish(&url).unwrap();
    let users = postgres_count(&mut postgres, "users");
    let tags = postgres_count(&mut postgres, "tags");

    let refused = migrate_to(&source, &url);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    let table = regex::Regex::new(r"not empty: table ([a-z_]+) holds rows")
        .unwrap()
        .captures(&message)
        .unwrap_or_else(|| panic!("{message}"))[1]
        .to_string();
    assert!(postgres_count(&mut postgres, &table) > 0, "{message}");
    assert_eq!(postgres_count(&mut postgres, "users"), users);
    assert_eq!(postgres_count(&mut postgres, "tags"), tags);
}

#[test]
fn a_missing_source_is_named_with_the_setting_to_change() {
    let empty = DataDir::sqlite();
    let refused = migrate_to(&empty, "postgres://praxis:s3cret@127.0.0.1:1/praxis");
    assert_eq!(refused.status.code(), Some(1));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("no SQLite database at"), "{message}");
    assert!(message.contains("--data-dir"), "{message}");
    assert!(!database_file(&empty).exists(), "nothing is created");
}

#[test]
fn an_unreachable_or_wrong_url_is_told_without_its_password() {
    let source = DataDir::sqlite();
    let migrated = source.praxis().arg("migrate").output().unwrap();
    assert!(migrated.status.success());
    for (url, code, shown) in [
        (
            "postgres://praxis:s3cret@127.0.0.1:1/praxis",
            1,
            "postgres://praxis:***@127.0.0.1:1/praxis",
        ),
        ("mysql://praxis:s3cret@db/praxis", 2, "postgres://"),
    ] {
        let refused = migrate_to(&source, url);
        let message = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(code), "{message}");
        assert!(message.contains("migrate-to"), "{message}");
        assert!(message.contains(shown), "{message}");
        assert!(!message.contains("s3cret"), "{message}");
    }
}

#[test]
fn a_source_behind_this_version_is_refused_until_migrated() {
    let source = DataDir::sqlite();
    assert!(
        source
            .praxis()
            .arg("migrate")
            .output()
            .unwrap()
            .status
            .success()
    );
    let mut conn = SqliteConnection::establish(&database_file(&source).to_string_lossy()).unwrap();
    conn.revert_last_migration(MIGRATIONS).unwrap();
    drop(conn);
    let refused = migrate_to(&source, "postgres://praxis@127.0.0.1:1/praxis");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{message}");
    assert!(
        message.contains("lacks 1 of this version's migrations"),
        "{message}"
    );
    assert!(message.contains("praxis migrate"), "{message}");
}
