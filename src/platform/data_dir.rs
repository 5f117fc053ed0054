//! The data directory holds confidential records, so nobody but the account running Praxis
//! may enter it: the directory is kept at mode 0700 and what is inside at 0600 (files) and
//! 0700 (folders). The directory's own mode is what protects files SQLite and tantivy create
//! later with the process's default mode; the files are tightened as well, at start-up, so a
//! copy or a looser parent does not expose them.

use std::path::Path;

use crate::error::{AppError, AppResult};

/// Mode of the data directory and every folder inside it.
pub const DIR_MODE: u32 = 0o700;

/// Mode of every file inside the data directory.
pub const FILE_MODE: u32 = 0o600;

fn failed(action: &str, path: &Path, error: std::io::Error) -> AppError {
    AppError::Internal(format!("{action} {}: {error}", path.display()))
}

/// Creates the data directory if needed, warns if it was reachable by others and closes it,
/// and creates the database file empty and private before SQLite opens it, so that SQLite
/// gives its WAL and shared-memory files the same private mode.
pub fn prepare(dir: &Path, database: &Path) -> AppResult<()> {
    prepare_dir(dir)?;
    create_private(database)?;
    restrict(database, FILE_MODE)
}

/// Creates the data directory if needed, warns if it was reachable by others and closes it
/// (the database being elsewhere, on a PostgreSQL server).
pub fn prepare_dir(dir: &Path) -> AppResult<()> {
    std::fs::create_dir_all(dir)
        .map_err(|error| failed("cannot create the data directory", dir, error))?;
    let loose =
        loose_mode(dir, DIR_MODE).map_err(|error| failed("reading the mode of", dir, error))?;
    if let Some(mode) = loose {
        tracing::warn!(
            "the data directory {} had mode {mode:o}, open to other accounts; setting it to \
             {DIR_MODE:o}",
            dir.display()
        );
        set_mode(dir, DIR_MODE).map_err(|error| failed("setting the mode of", dir, error))?;
    }
    Ok(())
}

/// Tightens every file and folder inside `dir` that is looser than 0600 / 0700; returns how
/// many were changed. Files that vanish meanwhile (a merged index segment) are skipped.
pub fn restrict_contents(dir: &Path) -> AppResult<usize> {
    let mut changed = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(failed("reading", dir, error)),
    };
    for entry in entries {
        let entry = entry.map_err(|error| failed("reading", dir, error))?;
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            changed += usize::from(restrict_if_loose(&path, DIR_MODE)?);
            changed += restrict_contents(&path)?;
        } else if kind.is_file() {
            changed += usize::from(restrict_if_loose(&path, FILE_MODE)?);
        }
    }
    Ok(changed)
}

/// Makes the file at `path` readable by its owner only (a database copied into place).
pub fn restrict_file(path: &Path) -> AppResult<()> {
    restrict(path, FILE_MODE)
}

fn restrict(path: &Path, wanted: u32) -> AppResult<()> {
    restrict_if_loose(path, wanted).map(|_| ())
}

/// Sets `wanted` when `path` allows more than it; a path that vanished is left alone.
fn restrict_if_loose(path: &Path, wanted: u32) -> AppResult<bool> {
    let outcome = match loose_mode(path, wanted) {
        Ok(Some(_)) => set_mode(path, wanted).map(|()| true),
        Ok(None) => Ok(false),
        Err(error) => Err(error),
    };
    match outcome {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(failed("setting the mode of", path, error)),
        Ok(changed) => Ok(changed),
    }
}

/// The mode of `path` when it allows more than `wanted`.
#[cfg(unix)]
fn loose_mode(path: &Path, wanted: u32) -> std::io::Result<Option<u32>> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    Ok((mode & !wanted != 0).then_some(mode))
}

#[cfg(not(unix))]
fn loose_mode(_path: &Path, _wanted: u32) -> std::io::Result<Option<u32>> {
    Ok(None)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

/// Creates `path` empty and readable by its owner only, unless it exists already.
pub fn create_private(path: &Path) -> AppResult<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(failed("creating", path, error)),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_loose_directory_and_its_contents_are_closed() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("data");
        std::fs::create_dir_all(dir.join("index")).unwrap();
        std::fs::write(dir.join("index/segment.idx"), b"x").unwrap();
        set_mode(&dir, 0o755).unwrap();
        set_mode(&dir.join("index"), 0o775).unwrap();
        set_mode(&dir.join("index/segment.idx"), 0o644).unwrap();
        let database = dir.join("praxis.sqlite3");
        prepare(&dir, &database).unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&database), 0o600);
        assert_eq!(restrict_contents(&dir).unwrap(), 2);
        assert_eq!(mode(&dir.join("index")), 0o700);
        assert_eq!(mode(&dir.join("index/segment.idx")), 0o600);
        assert_eq!(
            restrict_contents(&dir).unwrap(),
            0,
            "nothing left to change"
        );
    }

    #[test]
    fn stricter_modes_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("read-only");
        std::fs::write(&file, b"x").unwrap();
        set_mode(&file, 0o400).unwrap();
        assert_eq!(restrict_contents(dir.path()).unwrap(), 0);
        assert_eq!(mode(&file), 0o400);
    }

    #[test]
    fn an_existing_database_file_is_kept_and_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("praxis.sqlite3");
        std::fs::write(&database, b"existing").unwrap();
        set_mode(&database, 0o644).unwrap();
        prepare(dir.path(), &database).unwrap();
        assert_eq!(std::fs::read(&database).unwrap(), b"existing");
        assert_eq!(mode(&database), 0o600);
    }
}
