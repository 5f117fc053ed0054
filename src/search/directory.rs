//! The index folder, written without forcing each file to disk.
//!
//! The search index is a projection of the database: everything in it can be rebuilt from
//! the database, and the outbox position it records says from where. tantivy's own folder
//! forces every file of every commit to disk (a dozen `fdatasync` calls per commit, some
//! taking 100 ms on a shared disk), and under a stream of writes each author's next search
//! waits for that. Without them, a commit still replaces `meta.json` by renaming a complete
//! file, so a stopped or killed process leaves the last commit intact (its files sit in the
//! page cache). Only a power cut can leave a commit half on disk, and a damaged index is
//! detected when opened, moved aside and rebuilt (`generation`).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tantivy::directory::error::{
    DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError,
};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};
use tantivy::schema::Schema;
use tantivy::{Index, TantivyError};

/// An index folder read through memory maps, as tantivy's own, whose writes are not forced
/// to disk.
#[derive(Debug, Clone)]
pub struct UnsyncedDirectory {
    maps: MmapDirectory,
    root: PathBuf,
}

impl UnsyncedDirectory {
    /// The folder `root`, which must exist.
    pub fn open(root: &Path) -> Result<Self, OpenDirectoryError> {
        Ok(Self {
            maps: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// Opens the index in `dir`.
pub fn open_index(dir: &Path) -> tantivy::Result<Index> {
    Index::open(UnsyncedDirectory::open(dir).map_err(TantivyError::from)?)
}

/// Creates an empty index in `dir`, an existing empty folder.
pub fn create_index(dir: &Path, schema: Schema) -> tantivy::Result<Index> {
    Index::create(
        UnsyncedDirectory::open(dir).map_err(TantivyError::from)?,
        schema,
        tantivy::IndexSettings::default(),
    )
}

/// A file being written: flushed when finished, not forced to disk.
struct UnsyncedFile(File);

impl Write for UnsyncedFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.write(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

impl TerminatingWrite for UnsyncedFile {
    fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
        self.0.flush()
    }
}

/// Numbers the temporary files of whole-file replacements within this process.
static REPLACEMENTS: AtomicU64 = AtomicU64::new(0);

impl Directory for UnsyncedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.maps.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.maps.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.maps.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.root.join(path))
            .map_err(|error| {
                if error.kind() == io::ErrorKind::AlreadyExists {
                    OpenWriteError::FileAlreadyExists(path.to_path_buf())
                } else {
                    OpenWriteError::wrap_io_error(error, path.to_path_buf())
                }
            })?;
        Ok(BufWriter::new(Box::new(UnsyncedFile(file))))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.maps.atomic_read(path)
    }

    /// Writes the whole file beside its place and renames it there, so readers see the old
    /// content or the new, never part of it.
    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let target = self.root.join(path);
        let name = path
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        let mut temporary_name = name.to_os_string();
        temporary_name.push(format!(
            ".{}.{}.partial",
            std::process::id(),
            REPLACEMENTS.fetch_add(1, Ordering::Relaxed)
        ));
        let temporary = target.with_file_name(temporary_name);
        let written = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)?;
            file.write_all(data)?;
            file.flush()?;
            std::fs::rename(&temporary, &target)
        })();
        if written.is_err() {
            // Best effort: a stray partial file is harmless, tantivy never reads it.
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.maps.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.maps.watch(callback)
    }

    /// Nothing to force: see the module's notes.
    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::doc;
    use tantivy::schema::{STORED, TEXT};

    #[test]
    fn an_index_written_here_reads_back_after_reopening() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT | STORED);
        let index = create_index(dir.path(), builder.build()).expect("created");
        let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        writer
            .add_document(doc!(body => "core group on Tuesday"))
            .expect("added");
        writer.commit().expect("committed");
        drop(writer);
        drop(index);

        let reopened = open_index(dir.path()).expect("reopened");
        let searcher = reopened.reader().expect("reader").searcher();
        assert_eq!(searcher.num_docs(), 1);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("listed")
            .filter_map(Result::ok)
            .filter(|file| file.file_name().to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "no partial files are left behind");
    }
}
