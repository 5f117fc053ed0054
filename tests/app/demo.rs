//! `praxis demo`: the generator gives the same rows for the same seed, writes only entries
//! the journal's validator accepts and text the confidentiality guard finds nothing in, and
//! the command refuses a database with accounts unless forced; a demo instance answers
//! searches for its own words.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;
use clap::Parser;
use diesel::prelude::*;
use praxis::cli::{Cli, run};
use praxis::demo::{self, DEMO_PASSWORD, DemoOptions, DemoSummary};
use praxis::error::AppError;
use praxis::journal::model::{EntryDraft, EntryKind, Visibility};
use praxis::journal::{projection, validate};
use praxis::platform::db::Database;
use praxis::platform::db::schema::{cases, entries, entry_cases, entry_sections, entry_tags};
use praxis::platform::privacy;
use rocket::http::{Method, Status};

use crate::common::{DataDir, TestApp};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn options(seed: u64) -> DemoOptions {
    DemoOptions {
        users: 12,
        entries: 3000,
        seed,
        today: today(),
    }
}

fn generated(options: &DemoOptions) -> (DataDir, Database, DemoSummary) {
    let dir = DataDir::new();
    let database = Database::connect(&dir.config().database_location().unwrap()).unwrap();
    database.migrate().unwrap();
    let mut conn = database.conn().unwrap();
    let mut last = (0, 0);
    let summary = demo::generate(&mut conn, options, |done, total| last = (done, total)).unwrap();
    assert_eq!(last, (3000, 3000), "progress reaches the end");
    drop(conn);
    (dir, database, summary)
}

/// A digest of every generated row that carries content.
fn digest(database: &Database) -> u64 {
    let mut conn = database.conn().unwrap();
    let mut hasher = DefaultHasher::new();
    entries::table
        .order(entries::id)
        .select((
            entries::id,
            entries::author_id,
            entries::kind,
            entries::title,
            entries::body,
            entries::occurred_on,
            entries::mood,
            entries::visibility,
            entries::model,
        ))
        .load::<(
            i32,
            i32,
            String,
            String,
            String,
            NaiveDate,
            Option<i32>,
            String,
            Option<String>,
        )>(&mut conn)
        .unwrap()
        .hash(&mut hasher);
    entry_sections::table
        .order((entry_sections::entry_id, entry_sections::stage))
        .load::<(i32, String, String)>(&mut conn)
        .unwrap()
        .hash(&mut hasher);
    entry_cases::table
        .order((entry_cases::entry_id, entry_cases::case_id))
        .load::<(i32, i32)>(&mut conn)
        .unwrap()
        .hash(&mut hasher);
    entry_tags::table
        .order((entry_tags::entry_id, entry_tags::tag_id))
        .load::<(i32, i32)>(&mut conn)
        .unwrap()
        .hash(&mut hasher);
    cases::table
        .order(cases::id)
        .select((
            cases::owner_id,
            cases::reference,
            cases::label,
            cases::category,
        ))
        .load::<(i32, String, Option<String>, String)>(&mut conn)
        .unwrap()
        .hash(&mut hasher);
    hasher.finish()
}

#[test]
fn the_same_seed_gives_the_same_rows_and_another_seed_others() {
    let (_a, first, summary) = generated(&options(7));
    let (_b, second, again) = generated(&options(7));
    assert_eq!(summary, again);
    assert_eq!(digest(&first), digest(&second));
    let (_c, other, _) = generated(&options(8));
    assert_ne!(digest(&first), digest(&other));
}

#[test]
fn every_entry_is_valid_and_identifies_nobody() {
    let (_dir, database, summary) = generated(&options(3));
    assert_eq!(summary.entries, 3000);
    assert_eq!(summary.users, 12);
    let shared = summary.shared as f64 / summary.entries as f64;
    assert!(
        (0.2..0.45).contains(&shared),
        "share of shared entries {shared}"
    );
    assert!(summary.diary > 0 && summary.reflections > 0 && summary.cpd > 0);
    assert!(summary.for_supervision > 0);

    let mut conn = database.conn().unwrap();
    let ids = projection::ids_by_author(&mut conn).unwrap();
    let views = projection::entries_by_ids(&mut conn, &ids).unwrap();
    assert_eq!(views.len(), 3000);
    let mut seen = (0, 0, 0, 0);
    for entry in &views {
        let draft = EntryDraft::from_view(entry);
        let input = validate::validate(&draft, today())
            .unwrap_or_else(|errors| panic!("entry {} rejected: {errors:?}", entry.id));
        assert_eq!(input.title, entry.title);
        assert!(entry.cases.len() <= 3 && entry.tags.len() <= 3);
        for (field, text) in draft.texts() {
            let found = privacy::scan(&field, text);
            assert!(found.is_empty(), "entry {} {field}: {found:?}", entry.id);
        }
        for case in &entry.cases {
            assert!(case.reference.starts_with("FAM-"), "{}", case.reference);
        }
        seen.0 += usize::from(!entry.sections.is_empty());
        seen.1 += usize::from(entry.kind == EntryKind::Cpd && entry.cpd.is_some());
        seen.2 += usize::from(!entry.tags.is_empty());
        seen.3 += usize::from(entry.visibility == Visibility::Supervisor);
        assert!(entry.occurred_on <= today());
        assert!(entry.occurred_on > today() - chrono::Days::new(731));
    }
    assert!(seen.0 > 100 && seen.1 > 100 && seen.2 > 1000, "{seen:?}");
    assert_eq!(seen.3, summary.shared);
    let labels: Vec<Option<String>> = cases::table.select(cases::label).load(&mut conn).unwrap();
    for label in labels.into_iter().flatten() {
        assert!(privacy::scan("label", &label).is_empty(), "{label}");
    }
}

fn demo_command(dir: &DataDir, extra: &[&str]) -> Result<(), AppError> {
    let location = dir.cli_args();
    let mut args = vec!["praxis"];
    args.extend(location.iter().map(String::as_str));
    args.extend(["demo", "--users", "8"]);
    args.extend(["--entries", "400"]);
    args.extend(extra);
    run(Cli::parse_from(args))
}

#[test]
fn the_command_refuses_a_database_with_accounts_unless_forced() {
    let dir = DataDir::new();
    demo_command(&dir, &[]).expect("a new data directory is filled");
    let refused = demo_command(&dir, &[]).expect_err("accounts exist");
    assert!(matches!(refused, AppError::Conflict(_)), "{refused:?}");
    demo_command(&dir, &["--force", "--seed", "2"]).expect("forced");

    let app = TestApp::on(dir);
    let mut conn = app.db().conn().unwrap();
    let (accounts, demo_accounts) = demo::existing_accounts(&mut conn).unwrap();
    assert_eq!(
        (accounts, demo_accounts),
        (8, 8),
        "earlier demo accounts replaced"
    );
    let entries: i64 = entries::table.count().get_result(&mut conn).unwrap();
    assert_eq!(entries, 400);
    drop(conn);

    // The index was rebuilt: a demo practitioner finds their own notes by acronym.
    let reply = app.api(
        Method::Post,
        None,
        "/api/v1/tokens",
        Some(serde_json::json!({"username": "demo-sw-001", "password": DEMO_PASSWORD})),
    );
    assert_eq!(reply.status, Status::Created, "{}", reply.body);
    let token = reply.json()["token"].as_str().unwrap().to_string();
    let found = app
        .get_json(&token, "/api/v1/search?q=core+group&limit=5")
        .expect(Status::Ok)
        .json();
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");
}
