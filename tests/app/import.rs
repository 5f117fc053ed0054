//! Importing: fixture files written here in each format's documented shape (Praxis's own
//! export, Day One, jrnl, Markdown files), the round trip compared field by field, a second
//! import creating nothing, every malformed file refused with nothing written, and the
//! preview matching what is imported.

use std::io::{Cursor, Write};

use diesel::prelude::*;
use praxis::accounts::directory;
use praxis::deadlines::timescales::Timescales;
use praxis::import::apply::{Outcome, apply};
use praxis::import::archive::read_upload;
use praxis::import::parse;
use praxis::import::plan::{Plan, build};
use praxis::platform::auth::Actor;
use praxis::platform::clock;
use praxis::platform::db::schema::{entries, import_sources};
use zip::write::SimpleFileOptions;

use crate::common::TestApp;

mod api;
mod formats;
mod pages;
mod refused;
mod round_trip;

/// The default limit, 100 MB.
pub(crate) const LIMIT: u64 = 100_000_000;

pub(crate) fn actor(app: &TestApp, username: &str) -> Actor {
    let mut conn = app.db().conn().unwrap();
    directory::find_by_username(&mut conn, username)
        .unwrap()
        .expect("the user")
        .actor()
        .unwrap()
}

/// The preview of importing `bytes` as `name`.
pub(crate) fn preview(
    app: &TestApp,
    person: &Actor,
    name: &str,
    bytes: &[u8],
) -> Result<Plan, String> {
    let upload = read_upload(name, bytes, None, LIMIT).map_err(|error| message(&error))?;
    let parsed = parse(&upload).map_err(|error| message(&error))?;
    let mut conn = app.db().conn().unwrap();
    build(
        &mut conn,
        person,
        &parsed,
        &Timescales::shipped(),
        clock::today(),
    )
    .map_err(|error| message(&error))
}

/// Imports `bytes` as `name`, with the given limit.
pub(crate) fn import_limited(
    app: &TestApp,
    person: &Actor,
    name: &str,
    bytes: &[u8],
    limit: u64,
) -> Result<Outcome, String> {
    let upload = read_upload(name, bytes, None, limit).map_err(|error| message(&error))?;
    let parsed = parse(&upload).map_err(|error| message(&error))?;
    let mut conn = app.db().conn().unwrap();
    apply(
        &mut conn,
        person,
        &parsed,
        &Timescales::shipped(),
        clock::today(),
        clock::now(),
        |_, _| {},
    )
    .map_err(|error| message(&error))
}

/// Imports `bytes` as `name`.
pub(crate) fn import(
    app: &TestApp,
    person: &Actor,
    name: &str,
    bytes: &[u8],
) -> Result<Outcome, String> {
    import_limited(app, person, name, bytes, LIMIT)
}

/// The words of a refusal, as a person would read them.
pub(crate) fn message(error: &praxis::error::AppError) -> String {
    match error {
        praxis::error::AppError::Invalid(errors) => errors
            .iter()
            .map(|error| format!("{}: {}", error.field, error.message))
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// The person's entries (live ones) and remembered source keys.
pub(crate) fn written(app: &TestApp, person: &Actor) -> (i64, i64) {
    let mut conn = app.db().conn().unwrap();
    let entries: i64 = entries::table
        .filter(entries::author_id.eq(person.user_id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    let keys: i64 = import_sources::table
        .filter(import_sources::user_id.eq(person.user_id))
        .count()
        .get_result(&mut conn)
        .unwrap();
    (entries, keys)
}

/// A zip of (name, contents).
pub(crate) fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, contents) in files {
        archive
            .start_file(name.to_string(), SimpleFileOptions::default())
            .unwrap();
        archive.write_all(contents).unwrap();
    }
    archive.finish().unwrap().into_inner()
}
