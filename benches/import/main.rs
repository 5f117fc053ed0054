//! Import throughput: a 10,000-entry Day One export and a 10,000-entry Praxis export, each
//! imported into a fresh database (one transaction, every entry checked and guarded), then
//! indexed by a rebuild of the search index; prints entries per second for the import, the
//! indexing and the two together. `PRAXIS_BENCH_ENTRIES` changes the size.
//!
//! `cargo bench --bench import`

use std::io::{Cursor, Write};
use std::time::Instant;

use praxis::accounts::model::NewAccount;
use praxis::accounts::service::create_account;
use praxis::config::Settings;
use praxis::deadlines::timescales::Timescales;
use praxis::export;
use praxis::import::{apply::apply, archive::read_upload, parse};
use praxis::legislation::service::load_catalogue;
use praxis::platform::auth::Actor;
use praxis::platform::clock;
use praxis::platform::db::Database;
use praxis::search::rebuild::OfflineRebuild;
use serde_json::json;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LIMIT: u64 = 1_000_000_000;

struct Instance {
    _dir: tempfile::TempDir,
    database: Database,
    index: std::path::PathBuf,
    person: Actor,
}

fn instance() -> Instance {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let database = Database::open(&dir.path().join("praxis.sqlite3")).expect("a database");
    database.migrate().expect("migrated");
    let mut conn = database.conn().expect("a connection");
    load_catalogue(&mut conn).expect("the catalogue");
    let account = NewAccount::validate("sam", None, "practitioner", "correct horse battery")
        .expect("an account");
    let id = create_account(&mut conn, None, &account, None, clock::now()).expect("created");
    drop(conn);
    Instance {
        index: dir.path().join("index"),
        _dir: dir,
        database,
        person: Actor {
            user_id: id,
            username: "sam".into(),
            display_name: "sam".into(),
            role: praxis::platform::auth::Role::Practitioner,
        },
    }
}

fn day_one_zip(entries: usize) -> Vec<u8> {
    let topics = [
        "s47",
        "s17",
        "Attachment theory",
        "home visit",
        "core group",
        "PCF-6",
    ];
    let list: Vec<_> = (0..entries)
        .map(|n| {
            json!({
                "uuid": format!("{n:032X}"),
                "creationDate": format!("2024-{:02}-{:02}T{:02}:15:00Z", n % 12 + 1, n % 28 + 1, n % 24),
                "timeZone": "Europe/London",
                "text": format!("# Visit {n}\nSaw the family at home; discussed the plan and the next core group. Reflected on what went well and what to bring to supervision (note {n})."),
                "tags": [topics[n % topics.len()], topics[(n / 7) % topics.len()]],
                "starred": n % 10 == 0,
            })
        })
        .collect();
    let journal = json!({"metadata": {"version": "1.0"}, "entries": list}).to_string();
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    archive
        .start_file("Journal.json", zip::write::SimpleFileOptions::default())
        .expect("a file");
    archive.write_all(journal.as_bytes()).expect("written");
    archive.finish().expect("a zip").into_inner()
}

/// Imports and indexes; returns (import seconds, index seconds, entries).
fn measure(name: &str, bytes: &[u8]) -> (Instance, f64, f64, usize) {
    let target = instance();
    let started = Instant::now();
    let upload = read_upload(name, bytes, None, LIMIT).expect("read");
    let parsed = parse(&upload).expect("parsed");
    let mut conn = target.database.conn().expect("a connection");
    let outcome = apply(
        &mut conn,
        &target.person,
        &parsed,
        &Timescales::shipped(),
        clock::today(),
        clock::now(),
        |_, _| {},
    )
    .expect("imported");
    let imported = started.elapsed().as_secs_f64();
    drop(conn);
    let started = Instant::now();
    let rebuild = OfflineRebuild::open(&target.index).expect("an index");
    let mut conn = target.database.conn().expect("a connection");
    rebuild.run(&mut conn, |_, _| {}).expect("indexed");
    let indexed = started.elapsed().as_secs_f64();
    drop(conn);
    (target, imported, indexed, outcome.created)
}

fn report(what: &str, imported: f64, indexed: f64, entries: usize) {
    let rate = |seconds: f64| entries as f64 / seconds.max(0.000_001);
    println!(
        "| {what} | {entries} | {imported:.2} s ({:.0}/s) | {indexed:.2} s ({:.0}/s) | {:.0}/s |",
        rate(imported),
        rate(indexed),
        rate(imported + indexed)
    );
}

fn main() {
    clock::use_zone(Settings::default().time_zone()).expect("the zone");
    let entries: usize = std::env::var("PRAXIS_BENCH_ENTRIES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10_000);
    println!(
        "| Source | Entries | Import | Indexing | Together |\n| --- | --- | --- | --- | --- |"
    );
    let (day_one_instance, imported, indexed, created) =
        measure("Day One.zip", &day_one_zip(entries));
    report("Day One zip", imported, indexed, created);

    let timescales = Timescales::from_settings(&Settings::default()).expect("timescales");
    let mut conn = day_one_instance.database.conn().expect("a connection");
    let document = export::build(
        &mut conn,
        &day_one_instance.person,
        &timescales,
        clock::today(),
        clock::now(),
    )
    .expect("exported")
    .to_json()
    .expect("JSON");
    drop(conn);
    let (_, imported, indexed, created) = measure("praxis-export.json", &document);
    report("Praxis export", imported, indexed, created);
}
