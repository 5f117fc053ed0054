//! One opened index with its fields and reader, and how one is obtained whatever state the
//! index folder is in: a current index is checked and opened; one from another version is
//! replaced; a damaged one (unreadable, truncated, missing or corrupt files) is moved aside to
//! `index.broken-<time>` and replaced by a fresh one to rebuild from the database. When no
//! folder can be used at all, the index lives in memory until the next start.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use super::fault::caught;
use super::index::CommitPayload;
use super::schema::{SCHEMA_VERSION, SearchFields, register_analyzer};
use crate::error::{AppError, AppResult};

/// Decompressed document-store blocks kept per segment. tantivy keeps 100 by default, which
/// across the many small segments a stream of writes leaves (until they merge) holds hundreds
/// of megabytes; a search reads at most a page of documents, so a few blocks serve it.
const DOC_STORE_CACHE_BLOCKS: usize = 4;

/// An index as searches use it; replaced whole when the index is rebuilt after a fault.
pub struct Generation {
    /// The index.
    pub index: Index,
    /// Its field handles.
    pub fields: SearchFields,
    /// The reader every search uses; reloaded after each commit.
    pub reader: IndexReader,
    /// Its files were checked after a fault and found intact, so later faults of this index
    /// come from elsewhere and rebuilding would not help.
    checked_intact: AtomicBool,
}

impl Generation {
    /// Whether the files were checked after a fault and found intact.
    pub fn checked_intact(&self) -> bool {
        self.checked_intact.load(Ordering::Acquire)
    }

    /// Records that the files were checked after a fault and found intact.
    pub fn mark_intact(&self) {
        self.checked_intact.store(true, Ordering::Release);
    }

    /// Checks every file of the index against its checksum and opens a new reader on it (which
    /// finds missing or truncated files); says what is wrong, if anything.
    pub fn check(&self) -> Result<(), String> {
        caught(|| check_files(&self.index)).and_then(|checked| checked)
    }
}

/// A generation with the writer the indexer thread keeps.
pub struct Opened {
    /// What searches read.
    pub generation: Generation,
    /// The indexer's writer.
    pub writer: IndexWriter,
    /// The index is new and must be built from the database.
    pub needs_rebuild: bool,
}

/// Why an existing index cannot be used.
enum Unusable {
    /// Another process (`praxis reindex`, a second server) writes it.
    InUse(String),
    /// Damaged or unreadable.
    Damaged(String),
}

/// The index in `dir`, opened if current and intact, else replaced by a fresh one to be
/// rebuilt. Fails only when not even an index in memory can be made.
pub fn open_or_recover(dir: &Path, memory_mb: usize) -> AppResult<Opened> {
    let unusable = match caught(|| open_current(dir, memory_mb)) {
        Ok(Ok(Some(opened))) => return Ok(opened),
        Ok(Ok(None)) => None,
        Ok(Err(unusable)) => Some(unusable),
        Err(panic) => Some(Unusable::Damaged(panic)),
    };
    match unusable {
        None => {}
        Some(Unusable::InUse(problem)) => {
            tracing::error!(
                "the search index in {} is in use by another process ({problem}); searching \
                 from an index in memory, rebuilt from the database, until the next start",
                dir.display()
            );
            return in_memory(memory_mb);
        }
        Some(Unusable::Damaged(problem)) => {
            let aside = move_aside(dir);
            tracing::error!(
                "the search index in {} is damaged ({problem}); {}; rebuilding it from the \
                 database in the background (search answers 503 meanwhile)",
                dir.display(),
                aside.map_or_else(
                    || "it was removed".to_string(),
                    |aside| format!("it was moved to {}", aside.display())
                ),
            );
        }
    }
    fresh(dir, memory_mb)
}

/// A new, empty index in `dir` (whatever was there is removed), or in memory if the folder
/// cannot be used.
pub fn fresh(dir: &Path, memory_mb: usize) -> AppResult<Opened> {
    let on_disk = || -> Result<Opened, String> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|error| error.to_string())?;
        }
        std::fs::create_dir_all(dir).map_err(|error| error.to_string())?;
        let (schema, _) = SearchFields::schema();
        let index =
            super::directory::create_index(dir, schema).map_err(|error| error.to_string())?;
        finish(index, memory_mb, true).map_err(|unusable| match unusable {
            Unusable::InUse(problem) | Unusable::Damaged(problem) => problem,
        })
    };
    match caught(on_disk).and_then(|made| made) {
        Ok(opened) => Ok(opened),
        Err(problem) => {
            tracing::error!(
                "cannot create a search index in {} ({problem}); searching from an index in \
                 memory until the next start",
                dir.display()
            );
            in_memory(memory_mb)
        }
    }
}

/// Moves a damaged index aside as `<dir>.broken-<time>`, keeping only the newest such copy,
/// so it can be looked at later; removes it if it cannot be moved. Returns where it went.
pub fn move_aside(dir: &Path) -> Option<PathBuf> {
    let parent = dir.parent()?;
    let prefix = format!("{}.broken-", dir.file_name()?.to_string_lossy());
    if let Ok(listing) = std::fs::read_dir(parent) {
        for old in listing.flatten() {
            if old.file_name().to_string_lossy().starts_with(&prefix)
                && let Err(error) = std::fs::remove_dir_all(old.path())
            {
                tracing::warn!("cannot remove {}: {error}", old.path().display());
            }
        }
    }
    let aside = parent.join(format!(
        "{prefix}{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S")
    ));
    match std::fs::rename(dir, &aside) {
        Ok(()) => Some(aside),
        Err(error) => {
            tracing::warn!("cannot move {} aside: {error}", dir.display());
            None
        }
    }
}

/// The index in `dir` if it is current and intact; `None` if missing or built by another
/// version (nothing worth keeping).
fn open_current(dir: &Path, memory_mb: usize) -> Result<Option<Opened>, Unusable> {
    if !dir.join("meta.json").exists() {
        return Ok(None);
    }
    let damaged = |error: TantivyError| Unusable::Damaged(error.to_string());
    let index = super::directory::open_index(dir).map_err(damaged)?;
    let payload = index
        .load_metas()
        .map_err(damaged)?
        .payload
        .and_then(|payload| serde_json::from_str::<CommitPayload>(&payload).ok());
    if payload.is_none_or(|payload| payload.schema != SCHEMA_VERSION) {
        tracing::warn!(
            "the search index in {} is from another version; rebuilding it",
            dir.display()
        );
        return Ok(None);
    }
    check_files(&index).map_err(Unusable::Damaged)?;
    finish(index, memory_mb, false).map(Some)
}

fn check_files(index: &Index) -> Result<(), String> {
    let damaged = index
        .validate_checksum()
        .map_err(|error| error.to_string())?;
    if !damaged.is_empty() {
        let mut names: Vec<String> = damaged
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        names.sort();
        return Err(format!(
            "files that fail their checksum: {}",
            names.join(", ")
        ));
    }
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map(|_: IndexReader| ())
        .map_err(|error| error.to_string())
}

/// The fields, reader and writer of an opened index.
fn finish(index: Index, memory_mb: usize, needs_rebuild: bool) -> Result<Opened, Unusable> {
    let damaged = |error: TantivyError| Unusable::Damaged(error.to_string());
    register_analyzer(&index);
    let fields = SearchFields::of(&index).map_err(damaged)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
        .try_into()
        .map_err(damaged)?;
    let writer = index
        .writer(memory_mb.max(15) * 1024 * 1024)
        .map_err(|error| match error {
            TantivyError::LockFailure(LockError::LockBusy, _) => Unusable::InUse(error.to_string()),
            other => damaged(other),
        })?;
    Ok(Opened {
        generation: Generation {
            index,
            fields,
            reader,
            checked_intact: AtomicBool::new(false),
        },
        writer,
        needs_rebuild,
    })
}

fn in_memory(memory_mb: usize) -> AppResult<Opened> {
    let (schema, _) = SearchFields::schema();
    finish(Index::create_in_ram(schema), memory_mb, true).map_err(|unusable| match unusable {
        Unusable::InUse(problem) | Unusable::Damaged(problem) => {
            AppError::Internal(format!("cannot create a search index in memory: {problem}"))
        }
    })
}
