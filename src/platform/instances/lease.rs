//! Leases: a background job that must run once across instances runs only on the instance
//! holding its lease. Taking or renewing one is a single statement, so two instances asking
//! at once cannot both get it.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;

use crate::platform::db::DbConnection;

use super::InstanceId;
use crate::error::AppResult;
use crate::platform::clock;
use crate::platform::db::Database;
use crate::platform::db::schema::leases;

/// Takes the lease `name` for `holder` until `now + term`, or renews it if `holder` has it
/// already; returns whether `holder` has it now. A lease another instance holds is taken
/// over only once it has expired (its holder stopped or lost touch with the database).
pub fn acquire(
    conn: &mut DbConnection,
    name: &str,
    holder: &InstanceId,
    term: TimeDelta,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let until = now + term;
    // The upsert's own condition (`DO UPDATE ... WHERE`), which `QueryDsl` does not offer.
    use diesel::query_dsl::methods::FilterDsl;
    let taken_query = diesel::insert_into(leases::table)
        .values((
            leases::name.eq(name),
            leases::holder.eq(holder.as_str()),
            leases::expires_at.eq(until),
        ))
        .on_conflict(leases::name)
        .do_update()
        .set((
            leases::holder.eq(holder.as_str()),
            leases::expires_at.eq(until),
        ))
        .filter(
            leases::holder
                .eq(holder.as_str())
                .or(leases::expires_at.lt(now)),
        );
    let taken = crate::on_backend!(conn, |c| taken_query.execute(c))?;
    Ok(taken > 0)
}

/// Gives up the lease `name` if `holder` has it, so another instance may take it at once
/// (an instance shutting down).
pub fn release(conn: &mut DbConnection, name: &str, holder: &InstanceId) -> AppResult<()> {
    diesel::delete(
        leases::table
            .filter(leases::name.eq(name))
            .filter(leases::holder.eq(holder.as_str())),
    )
    .execute(conn)?;
    Ok(())
}

/// A background job that runs on one instance at a time, as this instance sees it.
#[derive(Debug, Clone)]
pub struct JobLease {
    name: &'static str,
    holder: InstanceId,
    term: TimeDelta,
}

impl JobLease {
    /// The lease `name` as held by `holder` for `term` from each round; the term must
    /// outlast the wait between rounds, or another instance takes the job over meanwhile.
    pub fn new(name: &'static str, holder: InstanceId, term: std::time::Duration) -> Self {
        Self {
            name,
            holder,
            term: TimeDelta::from_std(term).unwrap_or(TimeDelta::minutes(5)),
        }
    }

    /// Whether this instance has the job for this round (taking or renewing the lease). A
    /// database that cannot be asked answers no: better a round skipped than run twice.
    pub fn held(&self, database: &Database) -> bool {
        let asked = database.conn().and_then(|mut conn| {
            acquire(&mut conn, self.name, &self.holder, self.term, clock::now())
        });
        asked.unwrap_or_else(|error| {
            tracing::warn!("could not ask for the {} lease: {error}", self.name);
            false
        })
    }

    /// Lets another instance take the job at once (this one is stopping).
    pub fn release(&self, database: &Database) {
        let released = database
            .conn()
            .and_then(|mut conn| release(&mut conn, self.name, &self.holder));
        if let Err(error) = released {
            tracing::warn!("could not give up the {} lease: {error}", self.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database() -> (tempfile::TempDir, Database) {
        let dir = tempfile::tempdir().unwrap();
        let database = Database::open(&dir.path().join("lease.sqlite3")).unwrap();
        database.migrate().unwrap();
        (dir, database)
    }

    fn instance(dir: &std::path::Path, name: &str) -> InstanceId {
        let folder = dir.join(name);
        std::fs::create_dir_all(&folder).unwrap();
        InstanceId::load_or_create(&folder).unwrap()
    }

    #[test]
    fn one_holder_at_a_time_until_the_lease_expires() {
        let (dir, database) = database();
        let (a, b) = (instance(dir.path(), "a"), instance(dir.path(), "b"));
        let mut conn = database.conn().unwrap();
        let now = crate::platform::clock::now();
        let term = TimeDelta::seconds(60);
        assert!(acquire(&mut conn, "job", &a, term, now).unwrap());
        assert!(!acquire(&mut conn, "job", &b, term, now).unwrap());
        assert!(acquire(&mut conn, "job", &a, term, now).unwrap(), "renewed");
        assert!(acquire(&mut conn, "other job", &b, term, now).unwrap());
        let later = now + TimeDelta::seconds(61);
        assert!(
            acquire(&mut conn, "job", &b, term, later).unwrap(),
            "expired"
        );
        assert!(!acquire(&mut conn, "job", &a, term, later).unwrap());
        release(&mut conn, "job", &a).unwrap();
        assert!(
            !acquire(&mut conn, "job", &a, term, later).unwrap(),
            "not a's to give"
        );
        release(&mut conn, "job", &b).unwrap();
        assert!(acquire(&mut conn, "job", &a, term, later).unwrap());
    }

    #[test]
    fn parallel_askers_get_one_lease() {
        let (dir, database) = database();
        let askers: Vec<InstanceId> = (0..8)
            .map(|n| instance(dir.path(), &format!("i{n}")))
            .collect();
        let now = crate::platform::clock::now();
        let granted: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = askers
                .iter()
                .map(|asker| {
                    let database = database.clone();
                    scope.spawn(move || {
                        let mut conn = database.dedicated().unwrap();
                        acquire(&mut conn, "job", asker, TimeDelta::seconds(60), now).unwrap()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| usize::from(handle.join().unwrap_or(false)))
                .sum()
        });
        assert_eq!(granted, 1);
    }
}
