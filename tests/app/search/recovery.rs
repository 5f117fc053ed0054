//! The index as a projection of the database: a crash between the database commit and the
//! index commit is caught up at start-up from the outbox, with nothing missed or repeated;
//! a missing, stale or unreadable index is rebuilt while the app answers "rebuilding"; and
//! `praxis reindex` does the same from the command line, refusing while the app runs.

use praxis::platform::db::DbConnection;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use praxis::journal::model::EntryDraft;
use praxis::journal::service;
use praxis::platform::auth::{Actor, Role};
use praxis::platform::db::Database;
use praxis::platform::db::schema::entries;
use praxis::platform::privacy_review::Acknowledgement;
use praxis::search::index::{IndexState, SearchIndex};
use praxis::search::outbox;
use rocket::http::Status;
use serde_json::Value;

use super::{find, hit_ids, hit_set, note, search, search_reply};
use crate::common::{DataDir, TestApp};

/// Stops an app, keeping its data directory.
fn stop(app: TestApp) -> DataDir {
    let TestApp { client, dir } = app;
    drop(client);
    dir
}

fn index_dir(dir: &DataDir) -> PathBuf {
    dir.path().join("index")
}

/// The database of a stopped app, opened as another process would.
fn database(dir: &DataDir) -> Database {
    Database::connect(&dir.config().database_location().expect("a location"))
        .expect("the database opens")
}

fn actor(id: i32, username: &str) -> Actor {
    Actor {
        user_id: id,
        username: username.to_string(),
        display_name: username.to_string(),
        role: Role::Practitioner,
    }
}

fn draft(title: &str, body: &str) -> EntryDraft {
    EntryDraft {
        kind: Some("diary".into()),
        title: Some(title.into()),
        body: Some(body.into()),
        ..EntryDraft::default()
    }
}

/// Writes an entry straight through the journal service; returns its id.
fn write(conn: &mut DbConnection, actor: &Actor, title: &str, body: &str) -> i32 {
    service::create(
        conn,
        actor,
        &draft(title, body),
        Acknowledgement::Given,
        praxis::platform::clock::today(),
        praxis::platform::clock::now(),
    )
    .expect("saved")
    .record
    .id
}

fn search_index(app: &TestApp) -> Arc<SearchIndex> {
    Arc::clone(
        app.client
            .rocket()
            .state::<Arc<SearchIndex>>()
            .expect("the search index is managed"),
    )
}

fn state(app: &TestApp) -> IndexState {
    search_index(app).shared().state()
}

/// Waits until the index is ready, at most ten seconds.
#[track_caller]
fn wait_until_ready(app: &TestApp) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while state(app) != IndexState::Ready {
        assert!(
            Instant::now() < deadline,
            "still rebuilding after 10 s: {:?}",
            state(app)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Outbox changes not yet applied and pruned.
/// The outbox position the app's instance has recorded for the others sharing the database.
fn recorded_position(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().unwrap();
    praxis::platform::instances::store::all(&mut conn)
        .unwrap()
        .iter()
        .map(|instance| instance.applied_outbox)
        .max()
        .unwrap_or(0)
}

/// Entries in the database that are not in the bin.
fn live_entries(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().unwrap();
    entries::table
        .filter(entries::deleted_at.is_null())
        .count()
        .get_result(&mut conn)
        .unwrap()
}

/// Every hit of a search, following the cursor: all ids, each once.
fn all_hits(app: &TestApp, token: &str, words: &str) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut params = vec![("q", words), ("limit", "100")];
        if !cursor.is_empty() {
            params.push(("cursor", &cursor));
        }
        let page = search(app, token, &params);
        ids.extend(hit_ids(&page));
        match page["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => return ids,
        }
    }
}

/// The commit payload the index's `meta.json` records.
fn payload(index: &Path) -> Option<Value> {
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(index.join("meta.json")).ok()?).ok()?;
    serde_json::from_str(meta["payload"].as_str()?).ok()
}

#[test]
fn a_crash_between_the_database_and_index_commits_is_caught_up_at_start() {
    let app = TestApp::new();
    let sam_id = app.user("sam", "practitioner");
    let token = app.token("sam");
    let harbour: Vec<i64> = (0..3)
        .map(|n| {
            note(
                &app,
                &token,
                &format!("Harbour {n}"),
                "Harbour walk with the family.",
            )
        })
        .collect();
    assert_eq!(find(&app, &token, "harbour")["total"], 3);
    let dir = stop(app);

    // Saved to the database and its outbox, never to the index: as if the app had
    // crashed right after each database commit.
    let db = database(&dir);
    let sam = actor(sam_id, "sam");
    let mut conn = db.conn().unwrap();
    let mut lighthouse: BTreeSet<i64> = (0..4)
        .map(|n| {
            i64::from(write(
                &mut conn,
                &sam,
                &format!("Lighthouse {n}"),
                "Lighthouse visit with the children.",
            ))
        })
        .collect();
    let changed = i32::try_from(harbour[0]).unwrap();
    service::update(
        &mut conn,
        &sam,
        changed,
        &draft("Harbour 0", "Harbour walk, then the lighthouse."),
        Acknowledgement::Given,
        praxis::platform::clock::today(),
        praxis::platform::clock::now(),
    )
    .unwrap();
    lighthouse.insert(harbour[0]);
    service::delete(
        &mut conn,
        &sam,
        i32::try_from(harbour[1]).unwrap(),
        praxis::platform::clock::now(),
    )
    .unwrap();
    // Changes the index already holds, queued again (a crash before the outbox was pruned).
    outbox::enqueue_many(
        &mut conn,
        praxis::search::document::RecordType::Entry,
        &[
            i32::try_from(harbour[2]).unwrap(),
            i32::try_from(harbour[2]).unwrap(),
        ],
    )
    .unwrap();
    let queued = outbox::pending_after(&mut conn, 0, 1000).unwrap();
    assert!(queued.len() >= 8, "{queued:?}");
    let latest = outbox::latest(&mut conn).unwrap();
    drop(conn);
    drop(db);
    let (index, _) = praxis::search::index::open_or_create(&index_dir(&dir)).unwrap();
    assert!(
        praxis::search::index::committed_outbox(&index) < latest,
        "the index must not have these changes yet"
    );
    drop(index);

    // A fresh start on the same data converges.
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    let found = find(&app, &token, "lighthouse");
    assert_eq!(hit_set(&found), lighthouse, "{found}");
    assert_eq!(found["total"], 5);
    assert_eq!(
        hit_set(&find(&app, &token, "harbour")),
        BTreeSet::from([harbour[0], harbour[2]])
    );
    let everything = all_hits(&app, &token, "");
    let unique: BTreeSet<i64> = everything.iter().copied().collect();
    assert_eq!(unique.len(), everything.len(), "duplicates: {everything:?}");
    assert_eq!(everything.len() as i64, live_entries(&app));
    assert_eq!(everything.len(), 6);
    // The outbox is applied, and the instance's position recorded (the rows stay for the
    // retention window, for other instances).
    let deadline = Instant::now() + Duration::from_secs(5);
    while recorded_position(&app) < latest {
        assert!(Instant::now() < deadline, "the position was never recorded");
        std::thread::sleep(Duration::from_millis(20));
    }
    let applied = search_index(&app)
        .shared()
        .applied
        .load(std::sync::atomic::Ordering::Acquire);
    assert!(applied >= latest, "applied {applied} of {latest}");

    // Starting again changes nothing.
    let app = app.restart();
    wait_until_ready(&app);
    let again = all_hits(&app, &token, "");
    assert_eq!(again.len(), 6, "{again:?}");
    assert_eq!(find(&app, &token, "lighthouse")["total"], 5);
    // And new writes after the recovery are found as usual.
    let later = note(&app, &token, "Later", "Lighthouse again.");
    assert!(hit_set(&find(&app, &token, "lighthouse")).contains(&later));
}

/// A data directory with `count` entries by sam (written through the service), and
/// sam's id and API token.
fn with_entries(count: usize) -> (DataDir, String) {
    let app = TestApp::new();
    let sam_id = app.user("sam", "practitioner");
    let token = app.token("sam");
    let dir = stop(app);
    let db = database(&dir);
    let sam = actor(sam_id, "sam");
    let mut conn = db.conn().unwrap();
    for number in 0..count {
        write(
            &mut conn,
            &sam,
            &format!("Rebuild {number}"),
            &format!("Rebuild check, marker zq{number:05}."),
        );
    }
    (dir, token)
}

#[test]
fn a_missing_index_is_rebuilt_while_search_answers_503() {
    const COUNT: usize = 3000;
    let (dir, token) = with_entries(COUNT);
    crate::common::remove_index_folder(&index_dir(&dir));

    let app = TestApp::on(dir);
    let before = state(&app);
    assert!(
        matches!(before, IndexState::Ready | IndexState::Rebuilding { .. }),
        "{before:?}"
    );
    let reply = search_reply(&app, &token, &[("q", "rebuild")]);
    let after = state(&app);
    if reply.status == Status::ServiceUnavailable {
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/problem+json"),
            "{}",
            reply.body
        );
        reply.retry_after_secs();
        assert!(reply.body.contains("rebuilt"), "{}", reply.body);
        // The page says so too, and the rest of the app works meanwhile.
        let browser = app.signed_in("sam");
        let page = browser.get("/search?q=rebuild");
        if page.status == Status::ServiceUnavailable {
            page.retry_after_secs();
            assert!(page.body.contains("being rebuilt"), "{}", page.body);
            assert!(page.body.contains("<html"), "{}", page.body);
        } else {
            assert_eq!(page.status, Status::Ok);
        }
        browser.get("/entries").expect(Status::Ok);
        // Related entries wait for the index too; the entry page leaves them out meanwhile.
        let related = app.get_json(&token, "/api/v1/entries/1/related");
        assert!(
            related.status == Status::ServiceUnavailable || related.status == Status::Ok,
            "{}",
            related.body
        );
        browser.get("/entries/1").expect(Status::Ok);
    } else {
        assert_eq!(reply.status, Status::Ok, "{}", reply.body);
        // Answered only once ready.
        assert_eq!(after, IndexState::Ready);
    }
    if matches!(before, IndexState::Rebuilding { .. })
        && matches!(after, IndexState::Rebuilding { .. })
    {
        assert_eq!(
            reply.status,
            Status::ServiceUnavailable,
            "searched during the rebuild: {}",
            reply.body
        );
    }
    // What is written while the index is rebuilt is found once it is ready.
    let during = note(
        &app,
        &token,
        "During",
        "Written during the rebuild, zqduring.",
    );

    wait_until_ready(&app);
    assert_eq!(hit_ids(&find(&app, &token, "zqduring")), vec![during]);
    let result = search(&app, &token, &[("q", "rebuild check"), ("limit", "1")]);
    assert_eq!(result["total"], COUNT, "{result}");
    assert_eq!(search(&app, &token, &[("limit", "1")])["total"], COUNT + 1);
    for number in [0, 1, 1234, COUNT - 1] {
        let marker = format!("zq{number:05}");
        let found = find(&app, &token, &marker);
        assert_eq!(found["total"], 1, "{marker}: {found}");
        assert_eq!(found["hits"][0]["title"], format!("Rebuild {number}"));
    }
    assert!(index_dir(&app.dir).join("meta.json").exists());
}

#[test]
fn a_stale_or_unreadable_index_is_rebuilt_at_start() {
    let (dir, token) = with_entries(3);
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    assert_eq!(find(&app, &token, "rebuild")["total"], 3);
    let current = payload(&index_dir(&app.dir)).expect("a payload");
    let version = u64::from(praxis::search::schema::SCHEMA_VERSION);
    assert_eq!(current["schema"], version);
    let dir = stop(app);

    let meta_path = index_dir(&dir).join("meta.json");
    // Built by another schema version.
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = Value::String(r#"{"schema":0,"outbox":0}"#.into());
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    let found = find(&app, &token, "rebuild");
    assert_eq!(found["total"], 3, "{found}");
    assert_eq!(hit_set(&found).len(), 3);
    assert_eq!(payload(&index_dir(&app.dir)).unwrap()["schema"], version);
    note(&app, &token, "After", "Rebuild follow-up.");
    assert_eq!(find(&app, &token, "rebuild")["total"], 4);
    let dir = stop(app);

    // No payload at all.
    let mut meta: Value =
        serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["payload"] = Value::Null;
    std::fs::write(&meta_path, meta.to_string()).unwrap();
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    assert_eq!(find(&app, &token, "rebuild")["total"], 4);
    let dir = stop(app);

    // Unreadable.
    std::fs::write(&meta_path, "this is not an index").unwrap();
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    let found = find(&app, &token, "rebuild");
    assert_eq!(found["total"], 4, "{found}");
    assert_eq!(payload(&index_dir(&app.dir)).unwrap()["schema"], version);

    // A folder where the index should be is no index either.
    let dir = stop(app);
    crate::common::remove_index_folder(&index_dir(&dir));
    std::fs::create_dir_all(index_dir(&dir)).unwrap();
    let app = TestApp::on(dir);
    wait_until_ready(&app);
    assert_eq!(find(&app, &token, "rebuild")["total"], 4);
}

fn reindex(dir: &DataDir) -> std::process::Output {
    dir.praxis().arg("reindex").output().expect("praxis runs")
}

#[test]
fn praxis_reindex_rebuilds_the_index_and_refuses_while_the_app_runs() {
    let (dir, token) = with_entries(5);

    // Over a missing index.
    std::fs::remove_dir_all(index_dir(&dir)).ok();
    let output = reindex(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("Indexed 5 entries"), "{stdout}\n{stderr}");
    assert_eq!(
        payload(&index_dir(&dir)).unwrap()["schema"],
        u64::from(praxis::search::schema::SCHEMA_VERSION)
    );

    // Over an existing one: replaced, not added to.
    let output = reindex(&dir);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Indexed 5 entries"));

    let app = TestApp::on(dir);
    // The index was current, so there is nothing to rebuild at start.
    assert_eq!(state(&app), IndexState::Ready);
    let found = find(&app, &token, "rebuild");
    assert_eq!(found["total"], 5, "{found}");
    assert_eq!(hit_set(&found).len(), 5);
    assert_eq!(find(&app, &token, "zq00003")["total"], 1);

    // While the app holds the index, reindexing refuses with a clear message.
    let output = reindex(&app.dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{output:?}");
    assert!(
        stderr.contains("in use") && stderr.contains("stop the server"),
        "{stderr}"
    );
    // And the running app is none the worse.
    let later = note(&app, &token, "Later", "Rebuild afterwards.");
    let found = find(&app, &token, "rebuild");
    assert_eq!(found["total"], 6, "{found}");
    assert!(hit_set(&found).contains(&later));
}
