//! The search index: opened (or rebuilt) at start-up, kept up to date by one indexer thread
//! that follows the outbox, and read by every search.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use rocket::tokio::sync::watch;
use serde::{Deserialize, Serialize};
use tantivy::{Index, IndexWriter};

use super::freshness::OwnWrites;
use super::generation::{self, Generation};
use super::indexer;
use super::peers::{self, Peers};
use super::rebuild;
use super::related_cache::RelatedCache;
use super::replica::{PEERS_EVERY, Replica};
use super::schema::{SCHEMA_VERSION, SearchFields};
use crate::error::{AppError, AppResult};
use crate::platform::db::Database;
use crate::platform::instances::InstanceId;

/// How long the indexer sleeps when nothing wakes it: a write through this instance wakes
/// it at once, a write through another instance sharing the database is found by this poll.
const IDLE_POLL: Duration = Duration::from_millis(250);

/// What each index commit records: the schema it was built with and the last outbox change
/// it contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitPayload {
    /// [`SCHEMA_VERSION`] of the writer.
    pub schema: u32,
    /// Last outbox id applied.
    pub outbox: i64,
}

/// The longest a search waits for the changes it must see (see
/// [`SearchIndex::own_writes_searchable`]). Usually they are applied within milliseconds; the
/// wait holds no connection or thread, so a generous bound costs nothing while the indexer
/// is slowed by a burst of writes or a busy machine, and spares the author a missing entry.
pub const FRESHNESS: Duration = Duration::from_secs(5);

/// Whether searches can be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// Up to date (within a second of the database).
    Ready,
    /// Being rebuilt from the database: `done` of `total` records.
    Rebuilding {
        /// Records indexed so far.
        done: u64,
        /// Records to index.
        total: u64,
    },
}

/// What the indexer thread and the searches share.
pub struct Shared {
    /// The index searches read; replaced whole when a damaged index is rebuilt.
    current: RwLock<Arc<Generation>>,
    /// Last outbox id visible to searches.
    pub applied: AtomicI64,
    rebuilding_total: AtomicU64,
    rebuilding_done: AtomicU64,
    /// `applied`, watched: searches wait on it asynchronously for their author's writes.
    applied_watch: watch::Sender<i64>,
    /// A fault was reported and the indexer has not dealt with it yet.
    fault_reported: AtomicBool,
}

impl Shared {
    /// The index searches read now. A search keeps the one it started with to the end.
    pub fn current(&self) -> Arc<Generation> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Makes `generation` the index searches read.
    pub fn replace(&self, generation: Generation) {
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(generation);
    }

    /// Marks a reported fault as dealt with, so the next one is reported again.
    pub fn fault_handled(&self) {
        self.fault_reported.store(false, Ordering::Release);
    }

    /// Whether searches can be answered now.
    pub fn state(&self) -> IndexState {
        let total = self.rebuilding_total.load(Ordering::Acquire);
        if total == 0 {
            IndexState::Ready
        } else {
            IndexState::Rebuilding {
                done: self.rebuilding_done.load(Ordering::Acquire),
                total,
            }
        }
    }

    /// Marks a rebuild of `total` records as started (0 ends it).
    pub fn set_rebuilding(&self, total: u64) {
        self.rebuilding_done.store(0, Ordering::Release);
        self.rebuilding_total.store(total, Ordering::Release);
    }

    /// Records rebuild progress.
    pub fn set_rebuilt(&self, done: u64) {
        self.rebuilding_done.store(done, Ordering::Release);
    }

    /// Makes a commit visible and wakes searches waiting for it.
    pub fn published(&self, applied: i64) -> tantivy::Result<()> {
        self.current().reader.reload()?;
        self.applied.store(applied, Ordering::Release);
        self.applied_watch.send_replace(applied);
        Ok(())
    }
}

/// Messages to the indexer thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Something was written: apply the outbox now.
    Wake,
    /// Searching the index failed: check it, and move it aside and rebuild it if damaged.
    Check,
    /// Stop (the app is shutting down).
    Stop,
}

impl Command {
    /// The one command that stands for `first` and everything queued behind it: under a
    /// stream of writes and waiting searches, hundreds of wake-ups pile up while one round
    /// runs, and a single round after it serves them all. Stopping outranks checking, and
    /// checking outranks waking.
    pub fn coalesce(first: Command, queued: impl IntoIterator<Item = Command>) -> Command {
        queued
            .into_iter()
            .fold(first, |kept, next| match (kept, next) {
                (Command::Stop, _) | (_, Command::Stop) => Command::Stop,
                (Command::Check, _) | (_, Command::Check) => Command::Check,
                _ => Command::Wake,
            })
    }
}

/// The index and its indexer thread.
pub struct SearchIndex {
    shared: Arc<Shared>,
    own_writes: OwnWrites,
    peers: Arc<Peers>,
    database: Database,
    related_cache: RelatedCache,
    commands: Sender<Command>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

/// Options for opening the index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// The index folder.
    pub dir: PathBuf,
    /// Memory the writer may use, in megabytes.
    pub writer_memory_mb: usize,
    /// This instance, which reports its position to the others sharing the database.
    pub instance: InstanceId,
    /// How long an instance may go unseen and still hold back the outbox's pruning.
    pub outbox_retention: Duration,
}

/// Opens the index in `dir`, or creates it; reports whether it must be rebuilt from the
/// database (missing, unreadable, or built by another schema version).
pub fn open_or_create(dir: &Path) -> AppResult<(Index, bool)> {
    let fault = |error: tantivy::TantivyError| AppError::Internal(format!("search index: {error}"));
    if let Ok(index) = super::directory::open_index(dir) {
        let payload = index
            .load_metas()
            .ok()
            .and_then(|meta| meta.payload)
            .and_then(|payload| serde_json::from_str::<CommitPayload>(&payload).ok());
        let current = payload.is_some_and(|payload| payload.schema == SCHEMA_VERSION)
            && SearchFields::of(&index).is_ok();
        if current {
            return Ok((index, false));
        }
        tracing::warn!(
            "the search index in {} is from another version; rebuilding it",
            dir.display()
        );
    } else if dir.exists() {
        tracing::warn!(
            "the search index in {} cannot be read; rebuilding it",
            dir.display()
        );
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let (schema, _) = SearchFields::schema();
    let index = super::directory::create_index(dir, schema).map_err(fault)?;
    Ok((index, true))
}

/// The last outbox id an index contains (0 for a new one).
pub fn committed_outbox(index: &Index) -> i64 {
    index
        .load_metas()
        .ok()
        .and_then(|meta| meta.payload)
        .and_then(|payload| serde_json::from_str::<CommitPayload>(&payload).ok())
        .map_or(0, |payload| payload.outbox)
}

/// The writer of an index, with the given memory.
pub fn writer(index: &Index, memory_mb: usize) -> AppResult<IndexWriter> {
    index
        .writer(memory_mb.max(15) * 1024 * 1024)
        .map_err(|error| AppError::Internal(format!("search index writer: {error}")))
}

impl SearchIndex {
    /// Opens the index and starts the indexer thread, which first rebuilds the index when it
    /// is missing, stale or damaged (searches answer "rebuilding" meanwhile), then follows the
    /// outbox. Nothing about the index folder makes this fail: a damaged index is moved aside
    /// and rebuilt.
    pub fn start(options: &IndexOptions, database: Database) -> AppResult<Arc<Self>> {
        let opened = generation::open_or_recover(&options.dir, options.writer_memory_mb)?;
        let mut replica = Replica::new(options.instance.clone(), options.outbox_retention);
        let committed = committed_outbox(&opened.generation.index);
        let missed = match database
            .conn()
            .and_then(|mut conn| replica.join(&mut conn, committed))
        {
            Ok(missed) => missed,
            Err(error) => {
                tracing::error!("recording this instance's search position failed: {error}");
                false
            }
        };
        let peers = replica.peers();
        if peers.others_live() {
            // The others look for new instances every `PEERS_EVERY`: once they have, their
            // searches ask the database for what their authors write through this one.
            std::thread::sleep(PEERS_EVERY * 3);
        }
        if missed && !opened.needs_rebuild {
            tracing::warn!(
                "the search index in {} does not match the database's changes (it was away \
                 longer than the outbox retention, or the database was restored); rebuilding it",
                options.dir.display()
            );
        }
        let needs_rebuild = opened.needs_rebuild || missed;
        let shared = Arc::new(Shared {
            applied: AtomicI64::new(committed),
            current: RwLock::new(Arc::new(opened.generation)),
            rebuilding_total: AtomicU64::new(0),
            rebuilding_done: AtomicU64::new(0),
            applied_watch: watch::Sender::new(0),
            fault_reported: AtomicBool::new(false),
        });
        shared
            .applied_watch
            .send_replace(shared.applied.load(Ordering::Acquire));
        let empty_database = needs_rebuild
            && database
                .conn()
                .and_then(|mut conn| rebuild::nothing_to_index(&mut conn))
                .unwrap_or(false);
        if needs_rebuild && !empty_database {
            // Searches must not answer from an empty index before the thread starts (when
            // there is nothing to index, the empty index is already the right answer).
            shared.set_rebuilding(1);
        }
        // Changes saved before this start (a crash between a database commit and the index
        // commit) may be anyone's: every search waits for them, as for a change made now.
        let own_writes = OwnWrites::default();
        own_writes.note_for_everyone(
            database
                .conn()
                .and_then(|mut conn| super::outbox::latest(&mut conn))
                .unwrap_or(0),
        );
        let (commands, inbox) = mpsc::channel();
        let searches_database = database.clone();
        let worker_shared = Arc::clone(&shared);
        let worker_options = options.clone();
        let writer = opened.writer;
        let thread = std::thread::Builder::new()
            .name("praxis-indexer".into())
            .spawn(move || {
                indexer::run(
                    &worker_shared,
                    &worker_options,
                    writer,
                    &database,
                    &mut replica,
                    needs_rebuild,
                    |timeout| match inbox.recv_timeout(timeout) {
                        Ok(command) => Command::coalesce(command, inbox.try_iter()),
                        Err(RecvTimeoutError::Disconnected) => Command::Stop,
                        Err(RecvTimeoutError::Timeout) => Command::Wake,
                    },
                );
            })
            .map_err(|error| AppError::Internal(format!("starting the indexer: {error}")))?;
        Ok(Arc::new(Self {
            shared,
            own_writes,
            peers,
            database: searches_database,
            related_cache: RelatedCache::default(),
            commands,
            thread: Mutex::new(Some(thread)),
        }))
    }

    /// Reports that searching `generation` failed while `what` (for the log) with `problem`:
    /// the indexer checks the index and rebuilds it if it is damaged. Reported once until the
    /// indexer has looked; not at all for an index already found intact after a fault.
    pub fn report_fault(&self, generation: &Generation, what: &str, problem: &str) {
        if generation.checked_intact() {
            tracing::warn!("search failed while {what} (the index's files are intact): {problem}");
            return;
        }
        if !self.shared.fault_reported.swap(true, Ordering::AcqRel) {
            tracing::error!(
                "search failed while {what}: {problem}; checking the index, which is moved \
                 aside and rebuilt in the background if damaged"
            );
            let _ = self.commands.send(Command::Check);
        }
    }

    /// What searches read.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// Asks the indexer to apply the outbox now.
    pub fn wake(&self) {
        let _ = self.commands.send(Command::Wake);
    }

    /// Waits, asynchronously and holding nothing, until changes up to outbox id `wanted`
    /// are searchable, at most `timeout`; returns whether they are.
    pub async fn caught_up_to(&self, wanted: i64, timeout: Duration) -> bool {
        let mut applied = self.shared.applied_watch.subscribe();
        if *applied.borrow_and_update() >= wanted {
            return true;
        }
        self.wake();
        matches!(
            rocket::tokio::time::timeout(timeout, applied.wait_for(|&applied| applied >= wanted))
                .await,
            Ok(Ok(_))
        )
    }

    /// Related entries found recently.
    pub fn related_cache(&self) -> &RelatedCache {
        &self.related_cache
    }

    /// Each person's newest change not yet known to be searchable.
    pub fn own_writes(&self) -> &OwnWrites {
        &self.own_writes
    }

    /// Waits (briefly, asynchronously, holding no connection or thread) until the records
    /// `user_id` has created, and every change to an existing record, are searchable, so
    /// people find what they have just written and nobody finds what was taken back; other
    /// people's new records are not waited for. While other instances share the database,
    /// what `user_id` wrote through them is asked of it too (see [`peers`]). Returns whether
    /// the index has caught up.
    pub async fn own_writes_searchable(&self, user_id: i32) -> bool {
        let mut wanted = self.own_writes.wanted_by(user_id);
        if self.peers.others_live() {
            match self
                .database
                .run(move |conn| peers::recorded(conn, user_id))
                .await
            {
                Ok(elsewhere) => wanted = wanted.max(elsewhere),
                Err(error) => {
                    tracing::warn!(
                        "asking for a person's changes through other instances: {error}"
                    );
                }
            }
        }
        if wanted == 0 {
            return true;
        }
        if self.caught_up_to(wanted, FRESHNESS).await {
            self.own_writes.forget_through(user_id, wanted);
            true
        } else {
            tracing::warn!("a search answered before the index caught up with its author's change");
            false
        }
    }

    /// Stops the indexer thread and waits for it (also done on drop).
    pub fn stop(&self) {
        let _ = self.commands.send(Command::Stop);
        let handle = self
            .thread
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
            .take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }

    /// The poll interval of the indexer.
    pub fn idle_poll() -> Duration {
        IDLE_POLL
    }
}

impl Drop for SearchIndex {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::Command::{self, Check, Stop, Wake};

    #[test]
    fn queued_commands_come_to_the_weightiest() {
        assert_eq!(Command::coalesce(Wake, [Wake, Wake, Wake]), Wake);
        assert_eq!(Command::coalesce(Wake, []), Wake);
        assert_eq!(Command::coalesce(Wake, [Check, Wake]), Check);
        assert_eq!(Command::coalesce(Check, [Wake]), Check);
        assert_eq!(Command::coalesce(Wake, [Check, Stop, Wake]), Stop);
        assert_eq!(Command::coalesce(Stop, [Check]), Stop);
    }
}
