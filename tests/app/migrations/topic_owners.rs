//! The migration that gives topics an owner: each person who used a shared topic gets their
//! own, their entries move onto it, and going down merges them back.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};
use diesel_migrations::MigrationHarness;
use praxis::platform::db::DbConnection;
use praxis::platform::db::{Database, migrations::MIGRATIONS};

/// The version of the migration under test.
const VERSION: &str = "20261214120000";

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Link {
    #[diesel(sql_type = Integer)]
    entry_id: i32,
    #[diesel(sql_type = Integer)]
    tag_id: i32,
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Nullable<Integer>)]
    owner: Option<i32>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn links(conn: &mut DbConnection, owner_column: &str) -> Vec<Link> {
    diesel::sql_query(format!(
        "SELECT et.entry_id, et.tag_id, t.code, t.{owner_column} AS owner \
         FROM entry_tags et JOIN tags t ON t.id = et.tag_id ORDER BY et.entry_id, t.code"
    ))
    .load(conn)
    .unwrap()
}

/// Reverts migrations, newest first, down to and including the one under test.
fn revert_topic_owners(conn: &mut DbConnection) {
    while conn.revert_last_migration(MIGRATIONS).unwrap().to_string() != VERSION {}
}

fn link(entry_id: i32, tag_id: i32, code: &str, owner: Option<i32>) -> Link {
    Link {
        entry_id,
        tag_id,
        code: code.to_string(),
        owner,
    }
}

#[test]
fn shared_topics_become_one_per_person_who_used_them_and_merge_back_down() {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::open(&dir.path().join("praxis.sqlite3")).unwrap();
    let mut conn = database.conn().unwrap();
    conn.run_pending_migrations(MIGRATIONS).unwrap();
    revert_topic_owners(&mut conn);
    // Ann made "signs-of-safety" and used it; Bob used it too. Nobody made "orphan" (its
    // maker's account is gone) and nobody used it; "kept" has no maker but Cat used it.
    conn.batch_execute(
        "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES
           (1, 'ann', 'Ann', 'practitioner', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
           (2, 'bob', 'Bob', 'practitioner', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
           (3, 'cat', 'Cat', 'practitioner', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
         INSERT INTO tags (id, code, kind, title, builtin, created_by, created_at) VALUES
           (1, 'PCF-6', 'pcf', 'Critical reflection', 1, NULL, '2026-01-01 00:00:00'),
           (10, 'signs-of-safety', 'topic', 'Signs of Safety', 0, 1, '2026-02-01 00:00:00'),
           (11, 'orphan', 'topic', 'Orphan', 0, NULL, '2026-02-01 00:00:00'),
           (12, 'kept', 'topic', 'Kept', 0, NULL, '2026-02-01 00:00:00');
         INSERT INTO entries (id, author_id, kind, title, occurred_on, body, visibility, created_at, updated_at) VALUES
           (100, 1, 'diary', 'a', '2026-03-01', 'a', 'private', '2026-03-01 10:00:00', '2026-03-01 10:00:00'),
           (101, 2, 'diary', 'b', '2026-03-02', 'b', 'supervisor', '2026-03-02 10:00:00', '2026-03-02 10:00:00'),
           (102, 3, 'diary', 'c', '2026-03-03', 'c', 'private', '2026-03-03 10:00:00', '2026-03-03 10:00:00');
         INSERT INTO entry_tags (entry_id, tag_id) VALUES (100, 10), (100, 1), (101, 10), (102, 12);",
    )
    .unwrap();

    conn.run_pending_migrations(MIGRATIONS).unwrap();
    let after = links(&mut conn, "owner_id");
    let bob_copy = after[2].tag_id;
    assert_ne!(bob_copy, 10, "Bob's entry moved onto a topic of his own");
    assert_eq!(
        after,
        [
            link(100, 1, "PCF-6", None),
            link(100, 10, "signs-of-safety", Some(1)),
            link(101, bob_copy, "signs-of-safety", Some(2)),
            link(102, 12, "kept", Some(3)),
        ]
    );
    let orphans = diesel::sql_query("SELECT COUNT(*) AS n FROM tags WHERE code = 'orphan'")
        .get_result::<Count>(&mut conn)
        .unwrap()
        .n;
    assert_eq!(orphans, 0, "a topic nobody made or used is dropped");

    // Down: one shared "signs-of-safety" again, the oldest row, with both entries on it.
    revert_topic_owners(&mut conn);
    assert_eq!(
        links(&mut conn, "created_by"),
        [
            link(100, 1, "PCF-6", None),
            link(100, 10, "signs-of-safety", Some(1)),
            link(101, 10, "signs-of-safety", Some(1)),
            link(102, 12, "kept", Some(3)),
        ]
    );
    conn.run_pending_migrations(MIGRATIONS).unwrap();
}
