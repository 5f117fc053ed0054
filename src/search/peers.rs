//! Read-your-writes across instances sharing one database.
//!
//! Each instance notes in memory the changes its own requests queued (see
//! [`freshness`](super::freshness)); a change written through another instance is known only
//! to the database. So every search-outbox change a signed-in person queues is also recorded
//! as theirs in `own_writes`, in the transaction that queues it, and a search asks the
//! database for it — but only while another instance is live: alone, an instance has noted
//! every change itself, and a search costs no extra round trip.

use std::sync::atomic::{AtomicBool, Ordering};

use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::db::DbConnection;
use crate::platform::db::schema::own_writes;

/// Whether other instances serve this database, as this instance last saw the instances
/// table (refreshed by its indexer, see [`Replica`](super::replica::Replica)).
#[derive(Debug, Default)]
pub struct Peers {
    others_live: AtomicBool,
}

impl Peers {
    /// Whether another live instance shares the database: searches must then ask it for
    /// the changes their author made elsewhere.
    pub fn others_live(&self) -> bool {
        self.others_live.load(Ordering::Acquire)
    }

    /// Records what the instances table said.
    pub fn set_others_live(&self, live: bool) {
        let was = self.others_live.swap(live, Ordering::AcqRel);
        if was != live {
            tracing::info!(
                "{}",
                if live {
                    "another instance serves this database: searches ask it for their author's \
                     changes made through other instances"
                } else {
                    "no other instance is live: searches wait only for changes made here"
                }
            );
        }
    }
}

/// Records that `user_id` queued outbox change `outbox_id` (kept when an even newer one is
/// recorded already). Call inside the transaction that queues it.
pub fn record(conn: &mut DbConnection, user_id: i32, outbox_id: i64) -> AppResult<()> {
    // The upsert's own condition (`DO UPDATE ... WHERE`), which `QueryDsl` does not offer.
    use diesel::query_dsl::methods::FilterDsl;
    let upsert = diesel::insert_into(own_writes::table)
        .values((
            own_writes::user_id.eq(user_id),
            own_writes::outbox_id.eq(outbox_id),
        ))
        .on_conflict(own_writes::user_id)
        .do_update()
        .set(own_writes::outbox_id.eq(outbox_id))
        .filter(own_writes::outbox_id.lt(outbox_id));
    crate::on_backend!(conn, |c| upsert.execute(c))?;
    Ok(())
}

/// The newest change `user_id` has queued through any instance (0 for none).
pub fn recorded(conn: &mut DbConnection, user_id: i32) -> AppResult<i64> {
    Ok(own_writes::table
        .find(user_id)
        .select(own_writes::outbox_id)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}
