//! Which search-outbox changes a piece of database work queued, so that searches wait for
//! exactly what they must (read-your-writes) and nothing more.
//!
//! A new record can only widen what people find, so only its author waits for it. A change
//! to an existing record may narrow who may read it (an entry made private, a record
//! amended), so every search waits for it: the index must never answer from permission
//! facts that were taken back. The outbox notes changes on the blocking thread that runs
//! the work; this module keeps them on that thread until [`capture`] collects them.

use std::cell::Cell;

/// The newest outbox ids one piece of work queued (0 for none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Queued {
    /// Newest change that only its author's searches must wait for (a new record).
    pub own: i64,
    /// Newest change that every search must wait for (a change to an existing record).
    pub everyone: i64,
}

impl Queued {
    /// Whether anything was queued.
    pub fn any(self) -> bool {
        self.own > 0 || self.everyone > 0
    }

    /// The newer of each.
    pub fn max(self, other: Self) -> Self {
        Self {
            own: self.own.max(other.own),
            everyone: self.everyone.max(other.everyone),
        }
    }
}

thread_local! {
    static QUEUED: Cell<Queued> = const { Cell::new(Queued { own: 0, everyone: 0 }) };
    /// The signed-in person the work on this thread acts for (0 for none).
    static AUTHOR: Cell<i32> = const { Cell::new(0) };
}

/// The signed-in person the work running on this thread acts for, if any: the outbox
/// records their newest change for searches through other instances.
pub fn author() -> Option<i32> {
    Some(AUTHOR.get()).filter(|&id| id != 0)
}

fn note(newer: Queued) {
    QUEUED.with(|queued| queued.set(queued.get().max(newer)));
}

/// Notes that outbox change `id`, a new record, was queued on this thread.
pub fn note_new(id: i64) {
    note(Queued {
        own: id,
        everyone: 0,
    });
}

/// Notes that outbox change `id`, a change to an existing record, was queued on this thread.
pub fn note_change(id: i64) {
    note(Queued {
        own: 0,
        everyone: id,
    });
}

/// Runs `work` for `author` (see [`author`]) and returns what it returned with the outbox
/// changes it queued. Work that fails queued nothing that will be committed, so it reports
/// none.
pub fn capture<T, E>(
    author: Option<i32>,
    work: impl FnOnce() -> Result<T, E>,
) -> (Result<T, E>, Queued) {
    QUEUED.with(|queued| queued.set(Queued::default()));
    AUTHOR.set(author.unwrap_or(0));
    let result = work();
    AUTHOR.set(0);
    let queued = QUEUED.with(|queued| queued.replace(Queued::default()));
    let queued = if result.is_ok() {
        queued
    } else {
        Queued::default()
    };
    (result, queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_the_newest_changes_of_successful_work_only() {
        let (result, queued) = capture(Some(4), || {
            assert_eq!(author(), Some(4));
            note_new(7);
            note_change(3);
            note_new(5);
            Ok::<_, ()>(1)
        });
        assert_eq!(result, Ok(1));
        assert_eq!(
            queued,
            Queued {
                own: 7,
                everyone: 3
            }
        );
        let (result, queued) = capture(None, || {
            assert_eq!(author(), None, "the author does not carry over either");
            note_change(9);
            Err::<(), _>("rolled back")
        });
        assert_eq!((result, queued), (Err("rolled back"), Queued::default()));
        let (_, queued) = capture(None, || Ok::<_, ()>(()));
        assert!(!queued.any(), "nothing carries over from earlier work");
    }
}
