//! A search index that cannot break the app: damaged index files at start-up (truncated,
//! deleted, corrupt) leave every page working while search answers 503 with `Retry-After`,
//! then search recovers by itself; and related entries keep answering after many edits and
//! binned entries (deleted documents that tantivy has not merged away yet).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rocket::http::{Method, Status};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::common::{Reply, TestApp};
use crate::search::{create, hit_set, search_reply};

/// How long search may take to come back after a damaged index is found.
const RECOVERY: Duration = Duration::from_secs(30);

/// How an index file is damaged while the app is stopped.
#[derive(Debug, Clone, Copy)]
enum Damage {
    Truncate(&'static str),
    Delete(&'static str),
    Scramble(&'static str),
    CorruptMeta,
}

/// Files of the index folder whose name ends in `.extension`, largest first (the segment
/// holding the entries rather than a small later one).
fn files_ending(index: &Path, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(index)
        .expect("the index folder")
        .flatten()
        .map(|file| file.path())
        .filter(|path| path.extension().is_some_and(|found| found == extension))
        .map(|path| (std::fs::metadata(&path).map_or(0, |meta| meta.len()), path))
        .collect();
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    files.into_iter().map(|(_, path)| path).collect()
}

/// Bytes that look random (a fixed xorshift sequence, so a failure can be replayed).
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..length)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}

fn damage(index: &Path, how: Damage) {
    let first = |extension: &str| {
        files_ending(index, extension)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no .{extension} file in {}", index.display()))
    };
    match how {
        Damage::Truncate(extension) => {
            let path = first(extension);
            let length = std::fs::metadata(&path).unwrap().len();
            let file = OpenOptions::new().write(true).open(&path).unwrap();
            file.set_len(length / 2).unwrap();
        }
        Damage::Delete(extension) => std::fs::remove_file(first(extension)).unwrap(),
        Damage::Scramble(extension) => {
            // The middle of the file, not its footer: only the checksum can tell.
            let path = first(extension);
            let length = usize::try_from(std::fs::metadata(&path).unwrap().len()).unwrap();
            assert!(length > 64, "{} is too small to scramble", path.display());
            let mut file = OpenOptions::new().write(true).open(&path).unwrap();
            file.seek(SeekFrom::Start(8)).unwrap();
            file.write_all(&noise(length / 2)).unwrap();
        }
        Damage::CorruptMeta => {
            std::fs::write(index.join("meta.json"), "{\"segments\": [truncated").unwrap();
        }
    }
}

/// Asserts a search reply is either right or an honest "try again shortly".
#[track_caller]
fn right_or_unavailable(reply: &Reply, expected: &BTreeSet<i64>) {
    match reply.status {
        Status::Ok => assert_eq!(&hit_set(&reply.json()), expected, "{}", reply.body),
        Status::ServiceUnavailable => {
            reply.retry_after_secs();
        }
        other => panic!("search answered {other}: {}", reply.body),
    }
}

/// Searches until the answer is 200 with `expected`, at most [`RECOVERY`]; every answer on
/// the way must be right or 503.
#[track_caller]
fn recovers(app: &TestApp, token: &str, params: &[(&str, &str)], expected: &BTreeSet<i64>) {
    let deadline = Instant::now() + RECOVERY;
    loop {
        let reply = search_reply(app, token, params);
        right_or_unavailable(&reply, expected);
        if reply.status == Status::Ok {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "search still unavailable after {RECOVERY:?}: {}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Copies of damaged indexes kept beside the data directory's index.
fn copies_aside(dir: &TempDir) -> usize {
    std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|file| {
            file.file_name()
                .to_string_lossy()
                .starts_with("index.broken-")
        })
        .count()
}

/// An app where sam has written four entries about supervised contact; sam's token and the
/// entries' ids.
fn with_contact_entries() -> (TestApp, String, BTreeSet<i64>) {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let contact = (0..4)
        .map(|n| {
            create(
                &app,
                &token,
                json!({"kind": "diary", "title": format!("Contact {n}"),
                       "body": format!("Supervised contact at the family centre, visit {n}; \
                                        the children asked when they could go home.")}),
            )
        })
        .collect();
    (app, token, contact)
}

#[test]
fn a_damaged_index_never_stops_the_app_and_search_recovers_by_itself() {
    for how in [
        Damage::Truncate("store"),
        Damage::Truncate("idx"),
        Damage::Delete("term"),
        Damage::Truncate("fast"),
        Damage::CorruptMeta,
        Damage::Scramble("pos"),
    ] {
        let (app, token, contact) = with_contact_entries();
        let court = create(
            &app,
            &token,
            json!({"kind": "diary", "title": "Court", "body": "Court bundle prepared."}),
        );
        let words = [("q", "supervised contact"), ("limit", "100")];
        let phrase = [("q", "\"family centre\""), ("limit", "100")];
        // The index has caught up: both searches answer from it.
        right_or_unavailable(&search_reply(&app, &token, &words), &contact);
        assert_eq!(search_reply(&app, &token, &phrase).status, Status::Ok);
        let TestApp { client, dir } = app;
        drop(client);

        damage(&dir.path().join("index"), how);
        let app = TestApp::on(dir);
        let browser = app.signed_in("sam");
        browser.get("/").expect(Status::Ok);
        let page = browser.get(&format!("/entries/{court}")).expect(Status::Ok);
        assert!(page.body.contains("Court bundle prepared."), "{how:?}");
        right_or_unavailable(&search_reply(&app, &token, &words), &contact);
        let search_page = browser.get("/search?q=contact");
        if search_page.status == Status::ServiceUnavailable {
            search_page.retry_after_secs();
            assert!(search_page.body.contains("<html"), "{}", search_page.body);
        } else {
            assert_eq!(
                search_page.status,
                Status::Ok,
                "{how:?}: {}",
                search_page.body
            );
        }

        recovers(&app, &token, &words, &contact);
        recovers(&app, &token, &phrase, &contact);
        assert_eq!(copies_aside(&app.dir), 1, "{how:?}: one damaged copy kept");
        // And new writes are found as usual.
        let later = create(
            &app,
            &token,
            json!({"kind": "diary", "title": "Later", "body": "Supervised contact again."}),
        );
        let mut with_later = contact.clone();
        with_later.insert(later);
        recovers(&app, &token, &words, &with_later);
    }
}

/// The ids of `GET /api/v1/entries/{id}/related`, which must answer 200.
#[track_caller]
fn related_ids(app: &TestApp, token: &str, id: i64) -> Vec<i64> {
    let reply = app
        .get_json(token, &format!("/api/v1/entries/{id}/related"))
        .expect(Status::Ok);
    reply
        .json()
        .as_array()
        .unwrap_or_else(|| panic!("a list: {}", reply.body))
        .iter()
        .map(|entry| entry["id"].as_i64().unwrap())
        .collect()
}

fn body(topic: &str, n: usize) -> String {
    match topic {
        "contact" => format!("Supervised contact at the family centre, session {n}."),
        "court" => format!("Court hearing: the bundle and the threshold document, part {n}."),
        _ => format!("Housing tenancy arrears and the landlord's eviction notice, letter {n}."),
    }
}

fn entry_json(topic: &str, n: usize, text: &str) -> Value {
    json!({"kind": "diary", "title": format!("{topic} {n}"), "body": text})
}

fn resave(app: &TestApp, token: &str, id: i64, (topic, n): (&str, usize), text: &str) {
    app.put_json(
        token,
        &format!("/api/v1/entries/{id}"),
        entry_json(topic, n, text),
    )
    .expect(Status::Ok);
}

/// Asserts that every entry not in the bin has sensible related entries, through the API
/// and on its page.
#[track_caller]
fn related_make_sense(
    app: &TestApp,
    token: &str,
    written: &BTreeMap<i64, (&str, usize)>,
    binned: &BTreeSet<i64>,
) {
    let browser = app.signed_in("sam");
    for (&id, &(topic, _)) in written.iter().filter(|(id, _)| !binned.contains(id)) {
        let related = related_ids(app, token, id);
        assert!(!related.contains(&id), "{id} is not related to itself");
        assert!(
            related.iter().all(|other| !binned.contains(other)),
            "{id}: a binned entry in {related:?}"
        );
        let first = related.first().unwrap_or_else(|| panic!("{id}: nothing"));
        assert_eq!(written[first].0, topic, "{id} ({topic}): {related:?}");
        let page = browser.get(&format!("/entries/{id}")).expect(Status::Ok);
        assert!(page.body.contains("Related entries"), "{}", page.body);
        assert!(
            !page.body.contains("not available"),
            "{id}: the panel failed"
        );
        assert!(
            page.body
                .contains(&format!(r#"<a href="/entries/{first}">"#))
        );
    }
}

#[test]
fn related_entries_keep_answering_after_edits_and_binned_entries() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let mut written: BTreeMap<i64, (&str, usize)> = BTreeMap::new();
    for topic in ["contact", "court", "housing"] {
        for n in 0..4 {
            let id = create(&app, &token, entry_json(topic, n, &body(topic, n)));
            written.insert(id, (topic, n));
        }
    }
    // Rebuilt (as after an upgrade or `praxis reindex`), the index holds every entry in one
    // segment, where replaced and binned documents stay counted until a merge.
    let TestApp { client, dir } = app;
    drop(client);
    crate::common::remove_index_folder(&dir.path().join("index"));
    let app = TestApp::on(dir);
    let every: BTreeSet<i64> = written.keys().copied().collect();
    recovers(&app, &token, &[("q", ""), ("limit", "100")], &every);

    // One entry of each topic goes to the bin, and two are saved again unchanged.
    let mut binned = BTreeSet::new();
    for topic in ["contact", "court", "housing"] {
        let id = *written.iter().find(|(_, (t, _))| *t == topic).unwrap().0;
        app.api(
            Method::Delete,
            Some(&token),
            &format!("/api/v1/entries/{id}"),
            None,
        )
        .expect(Status::NoContent);
        binned.insert(id);
    }
    for (&id, &(topic, n)) in written
        .iter()
        .filter(|(id, _)| !binned.contains(id))
        .take(2)
    {
        resave(&app, &token, id, (topic, n), &body(topic, n));
    }
    related_make_sense(&app, &token, &written, &binned);

    // Many more unchanged re-saves and real edits.
    for round in 0..6 {
        for (&id, &(topic, n)) in written.iter().filter(|(id, _)| !binned.contains(id)) {
            let text = if round % 2 == 0 {
                body(topic, n)
            } else {
                format!("{} Follow-up {round}.", body(topic, n))
            };
            resave(&app, &token, id, (topic, n), &text);
        }
    }
    related_make_sense(&app, &token, &written, &binned);
}

#[test]
fn a_fault_inside_tantivy_while_searching_answers_503_and_the_index_is_rebuilt() {
    let (app, token, contact) = with_contact_entries();
    let first = *contact.first().unwrap();
    let phrase = [("q", "\"family centre\""), ("limit", "100")];
    right_or_unavailable(&search_reply(&app, &token, &phrase), &contact);

    // Damaged under the running app: these bytes make the phrase query panic inside tantivy
    // (reading positions past the end of a block), which must not become a 500.
    damage(&app.dir.path().join("index"), Damage::Scramble("pos"));
    let reply = search_reply(&app, &token, &phrase);
    assert_eq!(reply.status, Status::ServiceUnavailable, "{}", reply.body);
    reply.retry_after_secs();
    let browser = app.signed_in("sam");
    browser.get(&format!("/entries/{first}")).expect(Status::Ok);
    let related = app.get_json(&token, &format!("/api/v1/entries/{first}/related"));
    assert!(
        [Status::Ok, Status::ServiceUnavailable].contains(&related.status),
        "{}",
        related.body
    );

    // The indexer finds the damage, moves the index aside and rebuilds it.
    recovers(&app, &token, &phrase, &contact);
    assert_eq!(copies_aside(&app.dir), 1);
    let later = create(
        &app,
        &token,
        json!({"kind": "diary", "title": "Later", "body": "Back at the family centre."}),
    );
    let mut with_later = contact.clone();
    with_later.insert(later);
    recovers(&app, &token, &phrase, &with_later);
}
