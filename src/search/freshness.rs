//! Read-your-writes: each person's newest new record still on its way into the index, noted
//! as their request finishes, so their next search waits for it and nobody else's does; and
//! the newest change to an existing record, which every search waits for, because it may
//! take back what someone was allowed to read (see `platform::db::written`).
//!
//! Kept per person rather than per session: someone who saves through the API and then
//! searches in the browser finds what they saved too.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Request, Response};

use super::index::SearchIndex;
use crate::platform::auth::guards::SignedIn;
use crate::platform::db::request::queued_by;

/// The outbox changes searches must wait for: each person's own, and everyone's.
#[derive(Debug, Default)]
pub struct OwnWrites {
    newest: Mutex<HashMap<i32, i64>>,
    everyone: AtomicI64,
}

impl OwnWrites {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, i64>> {
        self.newest
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Notes that `user_id` queued outbox change `id`.
    pub fn note(&self, user_id: i32, id: i64) {
        let mut newest = self.lock();
        let entry = newest.entry(user_id).or_insert(id);
        *entry = (*entry).max(id);
    }

    /// Notes a change every search must wait for.
    pub fn note_for_everyone(&self, id: i64) {
        self.everyone.fetch_max(id, Ordering::AcqRel);
    }

    /// The newest change of `user_id` not yet known to be searchable.
    pub fn newest(&self, user_id: i32) -> Option<i64> {
        self.lock().get(&user_id).copied()
    }

    /// The newest change a search by `user_id` must wait for (0 for none).
    pub fn wanted_by(&self, user_id: i32) -> i64 {
        self.newest(user_id)
            .unwrap_or(0)
            .max(self.everyone.load(Ordering::Acquire))
    }

    /// Forgets `user_id`'s changes up to `applied`, which are searchable now; a newer one
    /// noted meanwhile stays.
    pub fn forget_through(&self, user_id: i32, applied: i64) {
        let mut newest = self.lock();
        if newest.get(&user_id).is_some_and(|&id| id <= applied) {
            newest.remove(&user_id);
        }
    }
}

/// After each request that queued a change for the index: wakes the indexer, so the change
/// is applied at once rather than at the next poll, and notes the change as its author's.
pub struct IndexWaker(pub Arc<SearchIndex>);

#[rocket::async_trait]
impl Fairing for IndexWaker {
    fn info(&self) -> Info {
        Info {
            name: "Search index waker",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, _res: &mut Response<'r>) {
        let queued = queued_by(req);
        if !queued.any() {
            return;
        }
        self.0.wake();
        let own_writes = self.0.own_writes();
        own_writes.note_for_everyone(queued.everyone);
        if let Some(actor) = &req.local_cache(SignedIn::default).0 {
            // A writer waits for their own changes to existing records too, should they
            // search again before anyone else does.
            own_writes.note(actor.user_id, queued.own.max(queued.everyone));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_change_until_it_is_searchable() {
        let own = OwnWrites::default();
        own.note(1, 5);
        own.note(1, 3);
        own.note(2, 4);
        assert_eq!(own.newest(1), Some(5));
        own.forget_through(1, 4);
        assert_eq!(own.newest(1), Some(5), "change 5 is not searchable yet");
        own.forget_through(1, 5);
        assert_eq!(own.newest(1), None);
        assert_eq!(
            own.newest(2),
            Some(4),
            "another person's change is theirs alone"
        );
        assert_eq!(own.wanted_by(1), 0);
        own.note_for_everyone(6);
        assert_eq!((own.wanted_by(1), own.wanted_by(2)), (6, 6));
    }
}
