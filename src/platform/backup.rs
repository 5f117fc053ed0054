//! `praxis backup` and `praxis restore`: a consistent copy of the database taken while the
//! server keeps serving, and putting one back while it is stopped. The search index is not
//! copied: it is a projection, rebuilt from the restored database.

use std::fs;
use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use diesel::sqlite::SqliteConnection;

use super::db::migrations;
use crate::error::{AppError, AppResult};

/// What a backup file holds, as checked after writing it or before restoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// Accounts.
    pub users: i64,
    /// Journal entries, including those in the bin.
    pub entries: i64,
    /// Size of the file in bytes.
    pub bytes: u64,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    count: i64,
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

fn connect(path: &Path) -> AppResult<SqliteConnection> {
    let url = path.to_string_lossy();
    let mut conn = SqliteConnection::establish(&url)
        .map_err(|error| AppError::Config(format!("cannot open {}: {error}", path.display())))?;
    conn.batch_execute("PRAGMA busy_timeout = 5000;")?;
    Ok(conn)
}

/// Writes a copy of the database at `live` to `out` (which must not exist) in one read
/// transaction, so the server's writes go on meanwhile and the copy is consistent; then
/// checks the copy and makes it readable by its owner only.
pub fn backup(live: &Path, out: &Path) -> AppResult<Contents> {
    if out.exists() {
        return Err(AppError::invalid(
            "out",
            format!("{} exists already; name a new file.", out.display()),
        ));
    }
    // Created private first: SQLite writes into an empty file, keeping its mode.
    super::data_dir::create_private(out)?;
    let mut conn = connect(live)?;
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(out.to_string_lossy())
        .execute(&mut conn)
        .map_err(|error| AppError::Config(format!("cannot write {}: {error}", out.display())))?;
    inspect(out)
}

/// Checks that `file` is a sound Praxis database this version can open, and counts what it
/// holds.
pub fn inspect(file: &Path) -> AppResult<Contents> {
    let refuse = |why: String| AppError::invalid("file", why);
    let unreadable =
        |error: std::io::Error| refuse(format!("cannot read {}: {error}", file.display()));
    let mut header = [0u8; 16];
    let bytes = fs::metadata(file).map_err(unreadable)?.len();
    fs::File::open(file)
        .and_then(|mut opened| std::io::Read::read_exact(&mut opened, &mut header))
        .map_err(unreadable)?;
    if &header != b"SQLite format 3\0" {
        return Err(refuse(format!(
            "{} is not a Praxis backup (not an SQLite database).",
            file.display()
        )));
    }
    let mut conn = connect(file)?;
    let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut conn)?;
    if check.iter().any(|row| row.integrity_check != "ok") {
        return Err(refuse(format!("{} is damaged.", file.display())));
    }
    let newer = migrations::unknown(&mut conn, &migrations::MIGRATIONS)
        .map_err(|_| refuse(format!("{} is not a Praxis database.", file.display())))?;
    if !newer.is_empty() {
        return Err(refuse(format!(
            "{} was written by a newer version of Praxis (migrations {}); upgrade first.",
            file.display(),
            newer.join(", ")
        )));
    }
    let count = |conn: &mut SqliteConnection, table: &str| -> AppResult<i64> {
        let row: Count = diesel::sql_query(format!("SELECT COUNT(*) AS count FROM {table}"))
            .get_result(conn)
            .map_err(|_| refuse(format!("{} is not a Praxis database.", file.display())))?;
        Ok(row.count)
    };
    Ok(Contents {
        users: count(&mut conn, "users")?,
        entries: count(&mut conn, "entries")?,
        bytes,
    })
}

/// Puts the backup `file` in place of the database at `live`, whose server must be stopped
/// (the caller holds the search index's lock to prove it). The database it replaces is kept
/// beside it, renamed, never deleted; returns that name.
pub fn restore(file: &Path, live: &Path, now: chrono::NaiveDateTime) -> AppResult<PathBuf> {
    inspect(file)?;
    let kept = live.with_extension(format!(
        "sqlite3.before-restore-{}",
        now.format("%Y%m%dT%H%M%S")
    ));
    if live.exists() {
        // The write-ahead log belongs to the file it logs: both move together.
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", live.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}{suffix}", kept.display()));
                fs::rename(&from, &to).map_err(|error| {
                    AppError::Config(format!("cannot move {} aside: {error}", from.display()))
                })?;
            }
        }
    }
    fs::copy(file, live).map_err(|error| {
        AppError::Config(format!(
            "cannot copy {} into place: {error}",
            file.display()
        ))
    })?;
    super::data_dir::restrict_file(live)?;
    Ok(kept)
}
