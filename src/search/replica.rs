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

/// The longest an instance goes without reporting that it is alive: a third of the
/// retention window, so a live instance is never taken for gone, and at most a minute.
///
/// Every write to a SQLite database makes each of its other connections drop the pages it
/// had read and its memory map of the file at its next read, so a report is paid for by the
/// next read on every connection. At a report every 20 s, searches at a million entries in
/// a stretch with no other writes took 0.1 to 0.4 ms more at p50 (about 35 page faults each,
/// against none without background writes; README, Search).
const REPORT_AT_MOST_EVERY: Duration = Duration::from_secs(60);

/// The least time between two reports of a new position: often enough for other instances
/// and operators to see where this one stands, seldom enough that the writes cost nothing
/// beside the requests' own.
const POSITION_EVERY: Duration = Duration::from_secs(1);

/// How often the instance looks whether others are live. Another instance's writes may go
/// unwaited-for by this one's searches for this long after it starts, so it is short; the
/// look is one query on the indexer's own connection.
pub const PEERS_EVERY: Duration = Duration::from_millis(250);

/// How many reports' worth of time an instance still counts as live for read-your-writes
/// after its last one, so that one late report does not make it look gone.
const LIVE_FOR_REPORTS: u32 = 3;

/// How often an instance reports that it is alive, for a retention window of `retention`.
fn report_every(retention: Duration) -> Duration {
    (retention / 3).min(REPORT_AT_MOST_EVERY)
}

/// One instance's place among the replicas.
#[derive(Debug, Clone)]
pub struct Replica {
    instance: InstanceId,
    retention: TimeDelta,
    report_every: Duration,
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
            report_every: report_every(retention),
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
        let live_for = self.report_every * LIVE_FOR_REPORTS;
        let live_since = clock::now() - TimeDelta::from_std(live_for).unwrap_or(self.retention);
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
        self.next_report = Instant::now() + self.report_every;
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

    /// Every [`report_every`] of the retention window, reports that this instance is alive at
    /// `applied` and prunes the outbox through the lowest position among live instances,
    /// keeping what is younger than the retention window. In between, a new position is
    /// reported at most every [`POSITION_EVERY`]; whether other instances are live is looked
    /// at every [`PEERS_EVERY`].
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
        self.next_report = Instant::now() + self.report_every;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_instance_reports_three_times_within_any_retention_window_and_at_most_each_minute() {
        for minutes in [1, 2, 3, 5, 10, 60, 24 * 60] {
            let retention = Duration::from_secs(minutes * 60);
            let every = report_every(retention);
            assert!(every * 3 <= retention, "{minutes} min: {every:?}");
            assert!(every <= REPORT_AT_MOST_EVERY, "{minutes} min: {every:?}");
        }
        assert_eq!(
            report_every(Duration::from_secs(60)),
            Duration::from_secs(20)
        );
        assert_eq!(
            report_every(Duration::from_secs(3600)),
            Duration::from_secs(60)
        );
    }
}
