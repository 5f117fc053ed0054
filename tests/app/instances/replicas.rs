//! Each instance's search index is a replica that follows the shared outbox.

use std::time::Duration;

use diesel::prelude::*;
use praxis::platform::db::schema::{instances, search_outbox};
use praxis::platform::instances::InstanceId;
use praxis::search::replica::Replica;

use super::{SharedDatabase, found_within};
use crate::search::note;

/// The longest a write through one instance may take to be found through another.
const ACROSS_INSTANCES: Duration = Duration::from_secs(1);

/// Long enough for a new instance to build its index from a small database.
const REBUILD: Duration = Duration::from_secs(20);

#[test]
fn a_write_through_one_instance_is_found_through_the_other_within_a_second() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    let b = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    for round in 0..3 {
        let word = format!("hoarding{round}");
        let id = note(
            &a,
            &token,
            "Home visit",
            &format!("Spoke about the {word} again."),
        );
        // The token was issued through A; B knows it from the shared database.
        found_within(&b, &token, &word, id, ACROSS_INSTANCES);
        let word = format!("tenancy{round}");
        let id = note(&b, &token, "Housing", &format!("Rang about the {word}."));
        found_within(&a, &token, &word, id, ACROSS_INSTANCES);
    }
}

#[test]
fn a_new_instance_with_an_empty_data_directory_catches_up() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    let earlier = note(
        &a,
        &token,
        "Core group",
        "The neighbour raised the scaffolding.",
    );
    a.index_settled();
    let b = shared.instance();
    found_within(&b, &token, "scaffolding", earlier, REBUILD);
    let later = note(&a, &token, "Review", "Talked through the allotment plan.");
    found_within(&b, &token, "allotment", later, ACROSS_INSTANCES);
}

#[test]
fn one_instance_stopped_while_the_other_keeps_serving() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    let b = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    let browser = b.signed_in("sam");
    drop(a);
    let id = note(&b, &token, "Duty day", "A call about the caravan site.");
    found_within(&b, &token, "caravan", id, ACROSS_INSTANCES);
    let page = browser.get(&format!("/entries/{id}"));
    assert!(page.body.contains("caravan"), "{}", page.body);
}

fn instance_id(app: &crate::common::TestApp) -> InstanceId {
    InstanceId::load_or_create(app.dir.path()).expect("instance id")
}

/// Backdates every outbox row by `hours`.
fn backdate_outbox(app: &crate::common::TestApp, hours: i64) {
    backdate_ids(app, &outbox_ids(app), hours);
}

fn outbox_ids(app: &crate::common::TestApp) -> Vec<i64> {
    search_outbox::table
        .select(search_outbox::id)
        .order(search_outbox::id.asc())
        .load(&mut *app.db().conn().unwrap())
        .unwrap()
}

#[test]
fn pruning_waits_for_live_instances_and_one_away_too_long_rebuilds() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    let first = note(&a, &token, "Visit", "Discussed the trampoline.");
    let b = shared.instance();
    found_within(&b, &token, "trampoline", first, REBUILD);
    b.index_settled();
    // B stops; its data directory (and index) stay for a later start.
    let crate::common::TestApp { client, dir: b_dir } = b;
    drop(client);
    let missed = note(&a, &token, "Visit", "Discussed the greenhouse.");
    a.index_settled();
    let before = outbox_ids(&a);
    assert!(before.len() >= 2, "{before:?}");
    // Old enough to prune by age: only B's position holds the newest change back.
    backdate_outbox(&a, 2);
    let applied = *before.last().unwrap();
    let retention = Duration::from_secs(3600);
    let mut replica = Replica::new(instance_id(&a), retention);
    let mut conn = a.db().conn().unwrap();
    replica.tick(&mut conn, applied).unwrap();
    let kept = outbox_ids(&a);
    assert!(
        kept.contains(&applied),
        "a change B has not applied was pruned while B counts as live: {kept:?}"
    );
    // B has been away longer than the window: it no longer holds pruning back.
    let long_ago = praxis::platform::clock::now() - chrono::TimeDelta::hours(2);
    diesel::update(instances::table.filter(instances::id.ne(instance_id(&a).as_str())))
        .set(instances::seen_at.eq(long_ago))
        .execute(&mut *conn)
        .unwrap();
    Replica::new(instance_id(&a), retention)
        .tick(&mut conn, applied)
        .unwrap();
    assert_eq!(
        outbox_ids(&a),
        Vec::<i64>::new(),
        "everything applied by A is pruned"
    );
    drop(conn);
    // Started again, B finds it missed changes it can no longer read from the outbox and
    // rebuilds its index from the database.
    let b = shared.restart_on(b_dir);
    found_within(&b, &token, "greenhouse", missed, REBUILD);
    found_within(&b, &token, "trampoline", first, REBUILD);
}

#[test]
fn changes_younger_than_the_retention_window_are_kept() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    note(&a, &token, "Visit", "Discussed the bicycle.");
    a.index_settled();
    let ids = outbox_ids(&a);
    let applied = *ids.last().unwrap();
    let mut conn = a.db().conn().unwrap();
    Replica::new(instance_id(&a), Duration::from_secs(3600))
        .tick(&mut conn, applied)
        .unwrap();
    drop(conn);
    assert_eq!(
        outbox_ids(&a),
        ids,
        "fresh changes stay for instances that are away"
    );
}

/// Backdates the outbox rows with these ids by `hours`.
fn backdate_ids(app: &crate::common::TestApp, ids: &[i64], hours: i64) {
    let then = praxis::platform::clock::now() - chrono::TimeDelta::hours(hours);
    diesel::update(search_outbox::table.filter(search_outbox::id.eq_any(ids)))
        .set(search_outbox::queued_at.eq(then))
        .execute(&mut *app.db().conn().unwrap())
        .unwrap();
}

#[test]
fn pruning_forgets_the_oldest_changes_and_stops_at_the_first_young_one() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    for word in ["kettle", "ladder", "mitten", "nutmeg", "oboe"] {
        note(&a, &token, "Visit", &format!("Discussed the {word}."));
    }
    a.index_settled();
    let ids = outbox_ids(&a);
    assert!(ids.len() >= 5, "{ids:?}");
    let applied = *ids.last().unwrap();
    // The first two are old; the third is young; the fourth is old again, as when ids and
    // queue times of concurrent writers disagree by a moment.
    backdate_ids(&a, &[ids[0], ids[1], ids[3]], 2);
    let mut conn = a.db().conn().unwrap();
    Replica::new(instance_id(&a), Duration::from_secs(3600))
        .tick(&mut conn, applied)
        .unwrap();
    assert_eq!(
        outbox_ids(&a),
        ids[2..].to_vec(),
        "the old changes before the first young one are forgotten, and nothing after it"
    );
    assert_eq!(
        praxis::search::outbox::pruned_through(&mut conn).unwrap(),
        ids[1],
        "the newest change forgotten is recorded"
    );
}

#[test]
fn an_index_up_to_date_before_the_upgrade_is_not_rebuilt_after_it() {
    use diesel_migrations::MigrationHarness;
    use praxis::platform::db::migrations::MIGRATIONS;
    use praxis::search::index::{IndexState, SearchIndex};

    // The earlier schema and its pruning are SQLite's; PostgreSQL came after instances.
    let app = crate::common::TestApp::on(crate::common::DataDir::sqlite());
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let id = note(&app, &token, "Visit", "Talked about the kitchen extension.");
    app.index_settled();
    let crate::common::TestApp { client, dir } = app;
    drop(client);
    let database =
        praxis::platform::db::Database::open(&dir.path().join(praxis::platform::db::DATABASE_FILE))
            .unwrap();
    let mut conn = database.conn().unwrap();
    let first_of_instances = "20270112000001";
    while conn
        .applied_migrations()
        .unwrap()
        .iter()
        .any(|version| version.to_string().as_str() >= first_of_instances)
    {
        conn.revert_last_migration(MIGRATIONS).unwrap();
    }
    // What Praxis did before instances: every change the index applied was pruned.
    diesel::delete(search_outbox::table)
        .execute(&mut *conn)
        .unwrap();
    drop(conn);
    drop(database);

    let app = crate::common::TestApp::on(dir);
    let index = app
        .client
        .rocket()
        .state::<std::sync::Arc<SearchIndex>>()
        .expect("search index");
    assert_eq!(
        index.shared().state(),
        IndexState::Ready,
        "an index that was up to date is kept"
    );
    found_within(&app, &token, "kitchen", id, ACROSS_INSTANCES);
}
