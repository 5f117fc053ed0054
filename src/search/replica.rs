//! This instance's index as one replica among the instances sharing the database: it
//! reports how far it has applied the outbox, prunes what every live instance has applied,
//! and notices when changes it has not applied were pruned (it was away longer than the
//! retention window), so that it is rebuilt rather than left incomplete.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::platform::db::DbConnection;
use chrono::TimeDelta;

use super::outbox;
use super::peers::Peers;
use crate::error::AppResult;
use crate::platform::clock;
use crate::platform::instances::{InstanceId, store};

/// The longest an instance goes without reporting that it is alive; well inside the
/// shortest retention window, so a live instance is never taken for gone.
const REPORT_EVERY: Duration = Duration::from_secs(20);

/// The least time between two reports of a new position: often enough for other instances
/// and operators to see where this one stands, seldom enough that the writes cost nothing
/// beside the requests' own.
const POSITION_EVERY: Duration = Duration::from_secs(1);

/// How often the instance looks whether others are live. Another instance's writes may go
/// unwaited-for by this one's searches for this long after it starts, so it is short; the
/// look is one query on the indexer's own connection.
pub const PEERS_EVERY: Duration = Duration::from_millis(250);

/// How long after its last report an instance still counts as live for read-your-writes:
/// a few reports' worth, so one late report does not make it look gone.
const LIVE_FOR: Duration = Duration::from_secs(3 * REPORT_EVERY.as_secs());

/// One instance's place among the replicas.
#[derive(Debug, Clone)]
pub struct Replica {
    instance: InstanceId,
    retention: TimeDelta,
    next_report: Instant,
    reported: i64,
    reported_at: Instant,
    peers: Arc<Peers>,
    next_peer_look: Instant,
}

impl Replica {
    /// The replica kept by `instance`; instances seen within `retention` hold back pruning,
    /// and no change younger than `retention` is pruned.
    pub fn new(instance: InstanceId, retention: Duration) -> Self {
        Self {
            instance,
            retention: TimeDelta::from_std(retention).unwrap_or(TimeDelta::hours(1)),
            next_report: Instant::now(),
            reported: 0,
            reported_at: Instant::now(),
            peers: Arc::default(),
            next_peer_look: Instant::now(),
        }
    }

    /// Whether other instances are live, as this replica last looked.
    pub fn peers(&self) -> Arc<Peers> {
        Arc::clone(&self.peers)
    }

    /// Looks again whether other instances are live, when [`PEERS_EVERY`] has passed.
    fn look_for_peers(&mut self, conn: &mut DbConnection) -> AppResult<()> {
        if Instant::now() < self.next_peer_look {
            return Ok(());
        }
        let live_since = clock::now() - TimeDelta::from_std(LIVE_FOR).unwrap_or(self.retention);
        self.peers
            .set_others_live(store::others_seen_since(conn, &self.instance, live_since)?);
        self.next_peer_look = Instant::now() + PEERS_EVERY;
        Ok(())
    }

    /// Takes this instance's place with an index that has applied `applied`; returns
    /// whether that index must be rebuilt: changes it lacks were pruned, or it holds changes
    /// the database never had (a database restored from an older copy).
    pub fn join(&mut self, conn: &mut DbConnection, applied: i64) -> AppResult<bool> {
        store::register(conn, &self.instance, applied, clock::now())?;
        self.next_report = Instant::now() + REPORT_EVERY;
        self.noted_report(applied);
        self.look_for_peers(conn)?;
        let pruned = outbox::pruned_through(conn)?;
        let newest = outbox::latest(conn)?.max(pruned);
        Ok(applied < pruned || applied > newest)
    }

    /// Whether changes after `applied` that this index has not applied were pruned.
    pub fn missed_changes(&self, conn: &mut DbConnection, applied: i64) -> AppResult<bool> {
        Ok(applied < outbox::pruned_through(conn)?)
    }

    /// Reports a commit that has applied the outbox through `applied`.
    pub fn committed(&mut self, conn: &mut DbConnection, applied: i64) -> AppResult<()> {
        store::report(conn, &self.instance, applied, clock::now())?;
        self.noted_report(applied);
        Ok(())
    }

    fn noted_report(&mut self, applied: i64) {
        self.reported = applied;
        self.reported_at = Instant::now();
    }

    /// Every [`REPORT_EVERY`], reports that this instance is alive at `applied` and prunes
    /// the outbox through the lowest position among live instances, keeping what is younger
    /// than the retention window. In between, a new position is reported at most every
    /// [`POSITION_EVERY`]; whether other instances are live is looked at every
    /// [`PEERS_EVERY`].
    pub fn tick(&mut self, conn: &mut DbConnection, applied: i64) -> AppResult<()> {
        self.look_for_peers(conn)?;
        if Instant::now() < self.next_report {
            if applied != self.reported && self.reported_at.elapsed() >= POSITION_EVERY {
                self.committed(conn, applied)?;
            }
            return Ok(());
        }
        let now = clock::now();
        store::report(conn, &self.instance, applied, now)?;
        self.noted_report(applied);
        let window_start = now - self.retention;
        let lowest = store::lowest_live_position(conn, window_start)?.unwrap_or(applied);
        let forgotten = outbox::prune(conn, lowest.min(applied), window_start)?;
        if forgotten > 0 {
            tracing::debug!("pruned {forgotten} search changes every live instance has applied");
        }
        self.next_report = Instant::now() + REPORT_EVERY;
        Ok(())
    }
}
