//! Where the database is: a bad `PRAXIS_DATABASE_URL` or a database a newer version
//! migrated stops start-up with a message saying so; a SQLite file outside the data
//! directory serves data directories that name it.

use diesel::connection::SimpleConnection;
use praxis::config::Config;
use praxis::platform::db::Database;

use crate::common::{DataDir, PASSWORD, TestApp};

/// Why the app would not start on `config`.
fn refusal(config: Config) -> String {
    match praxis::build(config) {
        Ok(_) => panic!("the app started"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn an_unreachable_database_stops_start_up_naming_the_setting_and_hiding_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config::new(dir.path())
        .quiet()
        .with_database_url("postgres://praxis:hunter2@127.0.0.1:1/praxis");
    let message = refusal(config);
    assert!(message.contains("PRAXIS_DATABASE_URL"), "{message}");
    assert!(message.contains("127.0.0.1:1"), "{message}");
    assert!(!message.contains("hunter2"), "{message}");
}

#[test]
fn a_url_of_no_known_kind_stops_start_up_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["mysql://praxis@localhost/praxis", "   "] {
        let message = refusal(Config::new(dir.path()).quiet().with_database_url(url));
        assert!(message.contains("PRAXIS_DATABASE_URL"), "{url}: {message}");
    }
}

#[test]
fn a_database_migrated_by_a_newer_version_stops_start_up() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let TestApp { client, dir } = app;
    drop(client);
    let location = dir.config().database_location().unwrap();
    Database::connect(&location)
        .unwrap()
        .conn()
        .unwrap()
        .batch_execute("INSERT INTO __diesel_schema_migrations (version) VALUES ('29991231000000')")
        .unwrap();

    let message = refusal(dir.config());
    assert!(message.contains("newer version of Praxis"), "{message}");
    assert!(message.contains("29991231000000"), "{message}");
}

#[test]
fn data_directories_naming_one_sqlite_file_share_its_records() {
    let shared = tempfile::tempdir().unwrap();
    let file = shared.path().join("team.sqlite3");
    let url = format!("sqlite://{}", file.display());
    let first = TestApp::with_config(|config| config.with_database_url(url.clone()));
    first.user("sam", "practitioner");
    drop(first);

    let second = TestApp::with_config(|config| config.with_database_url(url.clone()));
    assert!(
        !second.dir.path().join("praxis.sqlite3").exists(),
        "the data directory's own database file is not made"
    );
    let reply = second.browser().sign_in("sam", PASSWORD);
    assert_eq!(reply.status.code, 303, "{}", reply.body);
}

#[test]
fn instances_starting_together_on_postgresql_migrate_once_between_them() {
    let dir = DataDir::new();
    // SQLite databases are one instance's file; the migration lock is PostgreSQL's.
    if !dir.on_postgres() {
        return;
    }
    let location = dir.config().database_location().unwrap();
    let applied: Vec<usize> = std::thread::scope(|scope| {
        let starting: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| Database::connect(&location).unwrap().migrate().unwrap()))
            .collect();
        starting
            .into_iter()
            .map(|instance| instance.join().expect("an instance migrates"))
            .collect()
    });
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations-postgres"))
        .unwrap()
        .count();
    assert_eq!(applied.iter().sum::<usize>(), migrations, "{applied:?}");
    assert_eq!(
        applied.iter().filter(|&&count| count > 0).count(),
        1,
        "one instance migrated, the others found nothing pending: {applied:?}"
    );
}
