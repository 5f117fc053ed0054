//! The migration that gives CPD records a kind of activity from a closed list: free text that
//! names a kind takes it (with the kind's label as its words), anything else becomes "other"
//! with its text kept; going down keeps the words.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Text};
use diesel_migrations::MigrationHarness;
use praxis::platform::db::{Database, migrations::MIGRATIONS};

/// The version of the migration under test.
const VERSION: &str = "20270110000002";

#[derive(QueryableByName, Debug, PartialEq, Eq)]
struct Activity {
    #[diesel(sql_type = Integer)]
    entry_id: i32,
    #[diesel(sql_type = Text)]
    activity: String,
    #[diesel(sql_type = Text)]
    activity_type: String,
}

#[test]
fn free_text_activity_types_map_to_kinds_or_to_other_with_their_words_kept() {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::open(&dir.path().join("praxis.sqlite3")).unwrap();
    let mut conn = database.conn().unwrap();
    conn.run_pending_migrations(MIGRATIONS).unwrap();
    while conn.revert_last_migration(MIGRATIONS).unwrap().to_string() != VERSION {}
    let words = [
        (100, "Course or training"),
        (101, "reading"),
        (102, " Shadowing or observation "),
        (103, "Practice educator work"),
        (104, "Course on the PLO"),
    ];
    let mut setup = String::from(
        "INSERT INTO users (id, username, display_name, role, password_hash, created_at, updated_at) VALUES
           (1, 'ann', 'Ann', 'practitioner', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00');",
    );
    for (id, text) in words {
        setup.push_str(&format!(
            "INSERT INTO entries (id, author_id, kind, title, occurred_on, body, visibility, created_at, updated_at)
               VALUES ({id}, 1, 'cpd', 't', '2026-03-01', '', 'private', '2026-03-01 10:00:00', '2026-03-01 10:00:00');
             INSERT INTO cpd_records (entry_id, activity_type, description, learning, impact, hours)
               VALUES ({id}, '{text}', 'd', 'l', 'i', 1.0);"
        ));
    }
    conn.batch_execute(&setup).unwrap();

    conn.run_pending_migrations(MIGRATIONS).unwrap();
    let query = "SELECT entry_id, activity, activity_type FROM cpd_records ORDER BY entry_id";
    let mapped: Vec<Activity> = diesel::sql_query(query).load(&mut conn).unwrap();
    let expected = [
        (100, "course", "Course or training"),
        (101, "reading", "Reading or research"),
        (102, "shadowing", "Shadowing or observation"),
        (103, "teaching", "Teaching, mentoring or practice education"),
        (104, "other", "Course on the PLO"),
    ];
    let expected: Vec<Activity> = expected
        .iter()
        .map(|(entry_id, activity, words)| Activity {
            entry_id: *entry_id,
            activity: activity.to_string(),
            activity_type: words.to_string(),
        })
        .collect();
    assert_eq!(mapped, expected);
    let refused = conn.batch_execute("UPDATE cpd_records SET activity = 'juggling'");
    assert!(refused.is_err(), "the kinds are a closed set");

    while conn.revert_last_migration(MIGRATIONS).unwrap().to_string() != VERSION {}
    #[derive(QueryableByName)]
    struct Words {
        #[diesel(sql_type = Text)]
        activity_type: String,
    }
    let kept: Vec<Words> =
        diesel::sql_query("SELECT activity_type FROM cpd_records ORDER BY entry_id")
            .load(&mut conn)
            .unwrap();
    assert_eq!(kept[4].activity_type, "Course on the PLO");
    assert_eq!(kept[0].activity_type, "Course or training");
}
