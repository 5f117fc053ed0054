//! Periodic clean-up, run by one instance at a time among those sharing the database: sign-in
//! failure counts past their lockout, sessions past their idle limit and instances unseen for
//! a month are removed, so that no table grows with every name tried, browser left open or
//! container replaced.

use std::time::Duration;

use crate::error::AppResult;
use crate::platform::auth::session;
use crate::platform::auth::throttle::SignInThrottle;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::instances::lease::JobLease;
use crate::platform::instances::{InstanceId, store};
use crate::platform::periodic::Periodic;

/// How often the clean-up runs.
const EVERY: Duration = Duration::from_secs(5 * 60);
/// The lease that lets one instance run it.
const LEASE: &str = "maintenance";
/// How long an instance may go unseen before its row is forgotten. Far beyond any retention
/// window, so it only tidies away instances that are gone for good; one that comes back
/// registers again (and rebuilds its index, being far behind).
const FORGET_INSTANCES_AFTER: chrono::TimeDelta = chrono::TimeDelta::days(30);

/// What the clean-up needs to know.
#[derive(Debug, Clone)]
pub struct Chores {
    /// The sign-in limits, whose stale counts are forgotten.
    pub throttle: SignInThrottle,
    /// How long a session may be idle before it ends.
    pub session_idle: chrono::Duration,
}

impl Chores {
    /// Does the clean-up once; returns how many rows went.
    pub fn run(&self, database: &Database) -> AppResult<usize> {
        let mut conn = database.conn()?;
        let now = clock::now();
        let counts = self.throttle.forget_stale(&mut conn, now)?;
        let sessions = session::purge_idle(&mut conn, now, self.session_idle)?;
        let instances = store::forget_unseen_since(&mut conn, now - FORGET_INSTANCES_AFTER)?;
        Ok(counts + sessions + instances)
    }
}

/// The clean-up thread; dropping it (when the app shuts down) stops it.
pub struct Maintenance(#[allow(dead_code)] Periodic);

impl Maintenance {
    /// Starts the thread, which runs the chores now and every [`EVERY`] while this instance
    /// holds the lease.
    pub fn start(database: Database, instance: InstanceId, chores: Chores) -> AppResult<Self> {
        let lease = JobLease::new(LEASE, instance, EVERY * 2);
        let (round_database, round_lease) = (database.clone(), lease.clone());
        let round = move || {
            if round_lease.held(&round_database) {
                match chores.run(&round_database) {
                    Ok(0) => {}
                    Ok(gone) => tracing::debug!("clean-up removed {gone} stale rows"),
                    Err(error) => tracing::warn!("clean-up failed: {error}"),
                }
            }
        };
        let finish = move || lease.release(&database);
        Periodic::start("praxis-maintenance", EVERY, round, finish).map(Self)
    }
}
