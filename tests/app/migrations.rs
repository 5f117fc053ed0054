//! The embedded migrations run up, down and up again, and pooled connections are set up
//! the way the app relies on (foreign keys enforced, WAL).

use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use praxis::platform::db::DbConnection;
use praxis::platform::db::{Database, migrations};

mod cpd_activity;
mod topic_owners;

/// Every table the migrations create.
const APP_TABLES: &[&str] = &[
    "access_log",
    "api_tokens",
    "app_meta",
    "audit_events",
    "calendar_feeds",
    "capture_keys",
    "case_events",
    "cases",
    "cpd_records",
    "credential_changes",
    "drafts",
    "email_outbox",
    "email_preferences",
    "entries",
    "entry_cases",
    "entry_revisions",
    "entry_sections",
    "entry_tags",
    "evidence_comments",
    "import_sources",
    "imported_records",
    "inbox_seen",
    "instances",
    "learning_agreements",
    "leases",
    "observations",
    "own_writes",
    "password_reset_links",
    "placement_amendments",
    "placement_day_entries",
    "placement_days",
    "placement_evidence",
    "placement_reviews",
    "placements",
    "search_outbox",
    "search_outbox_pruned",
    "sessions",
    "sign_in_failures",
    "supervision_action_reviews",
    "supervision_actions",
    "supervision_agenda_items",
    "supervision_agreement_versions",
    "supervision_agreements",
    "supervision_amendments",
    "supervision_case_discussions",
    "supervision_comments",
    "supervision_links",
    "supervision_sessions",
    "tags",
    "users",
];

#[derive(QueryableByName)]
struct TableName {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct ForeignKeys {
    #[diesel(sql_type = Integer)]
    foreign_keys: i32,
}

#[derive(QueryableByName)]
struct JournalMode {
    #[diesel(sql_type = Text)]
    journal_mode: String,
}

#[derive(QueryableByName)]
struct Synchronous {
    #[diesel(sql_type = Integer)]
    synchronous: i32,
}

#[derive(QueryableByName)]
struct BusyTimeout {
    #[diesel(sql_type = Integer)]
    timeout: i32,
}

/// The names of the app's tables (the database's own and Diesel's bookkeeping left out).
fn tables(conn: &mut DbConnection) -> Vec<String> {
    let query = if conn.is_postgres() {
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' \
         AND table_name <> '__diesel_schema_migrations' ORDER BY table_name::text COLLATE \"C\""
    } else {
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations' ORDER BY name"
    };
    diesel::sql_query(query)
        .load::<TableName>(conn)
        .expect("sqlite_master can be read")
        .into_iter()
        .map(|table| table.name)
        .collect()
}

fn expected_tables() -> Vec<String> {
    APP_TABLES.iter().map(|name| name.to_string()).collect()
}

fn migration_count() -> usize {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .expect("the migrations folder")
        .filter(|entry| entry.as_ref().is_ok_and(|entry| entry.path().is_dir()))
        .count()
}

#[test]
fn migrations_run_up_down_and_up_again() {
    // The suite's backend: a file in the data directory, or a fresh PostgreSQL database.
    let dir = crate::common::DataDir::new();
    let database = Database::connect(&dir.config().database_location().unwrap()).unwrap();
    let count = migration_count();
    assert!(count >= 4, "the foundation has four migrations");

    assert_eq!(
        database.migrate().unwrap(),
        count,
        "every migration runs once"
    );
    let mut conn = database.conn().unwrap();
    assert_eq!(tables(&mut conn), expected_tables());
    assert_eq!(
        database.migrate().unwrap(),
        0,
        "nothing is pending after a run"
    );

    assert_eq!(migrations::revert_all(&mut conn).unwrap(), count);
    assert_eq!(
        tables(&mut conn),
        Vec::<String>::new(),
        "every down.sql drops what its up.sql created"
    );

    assert_eq!(migrations::run_pending(&mut conn).unwrap(), count);
    assert_eq!(tables(&mut conn), expected_tables());

    // The schema after the round trip is usable: Diesel's view of it matches.
    use praxis::platform::db::schema::{app_meta, tags};
    diesel::insert_into(app_meta::table)
        .values((app_meta::key.eq("probe"), app_meta::value.eq("1")))
        .execute(&mut conn)
        .unwrap();
    let tag_count: i64 = tags::table.count().get_result(&mut conn).unwrap();
    assert_eq!(tag_count, 0);
}

#[test]
fn a_migrated_app_database_reverts_cleanly_with_data_in_it() {
    // The app migrates and loads the catalogue at start-up; reverting must still work.
    let app = crate::common::TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    app.post_json(
        &token,
        "/api/v1/cases",
        serde_json::json!({"reference": "FAM-1", "category": "other"}),
    )
    .expect(rocket::http::Status::Created);
    app.post_json(
        &token,
        "/api/v1/entries",
        serde_json::json!({"kind": "diary", "body": "A note", "cases": ["FAM-1"], "tags": ["MCA2005"]}),
    )
    .expect(rocket::http::Status::Created);
    let mut conn = app.db().conn().unwrap();
    assert_eq!(
        migrations::revert_all(&mut conn).unwrap(),
        migration_count()
    );
    assert!(tables(&mut conn).is_empty());
    migrations::run_pending(&mut conn).unwrap();
    assert_eq!(tables(&mut conn), expected_tables());
}

#[test]
fn pooled_connections_enforce_foreign_keys_and_use_wal() {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::open(&dir.path().join("pragmas.sqlite3")).unwrap();
    database.migrate().unwrap();
    // Several connections at once, so the pool opens new ones, each set up on acquire.
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(database.conn().unwrap());
    }
    for conn in held.iter_mut() {
        let foreign_keys = diesel::sql_query("PRAGMA foreign_keys")
            .get_result::<ForeignKeys>(&mut **conn)
            .unwrap();
        assert_eq!(foreign_keys.foreign_keys, 1);
        let mode = diesel::sql_query("PRAGMA journal_mode")
            .get_result::<JournalMode>(&mut **conn)
            .unwrap();
        assert_eq!(mode.journal_mode.to_lowercase(), "wal");
        let synchronous = diesel::sql_query("PRAGMA synchronous")
            .get_result::<Synchronous>(&mut **conn)
            .unwrap();
        assert_eq!(synchronous.synchronous, 1, "NORMAL");
        let busy = diesel::sql_query("PRAGMA busy_timeout")
            .get_result::<BusyTimeout>(&mut **conn)
            .unwrap();
        assert!(busy.timeout > 0, "a busy timeout is set");
    }
    // Foreign keys are not just switched on but enforced: a case for nobody is refused.
    let conn = &mut *held[0];
    let orphan = diesel::sql_query(
        "INSERT INTO cases (owner_id, reference, category, status, opened_on, created_at, \
         updated_at) VALUES (999, 'X-1', 'other', 'open', '2026-01-01', '2026-01-01 00:00:00', \
         '2026-01-01 00:00:00')",
    )
    .execute(conn);
    assert!(orphan.is_err(), "a case whose owner does not exist");
}
