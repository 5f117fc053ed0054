//! Related entries found recently, kept for a minute: finding them is the costliest part of an
//! entry page (a query of the entry's 25 most telling words over everything the reader may
//! read), and what is like an entry changes slowly.
//!
//! Only entry ids are kept, per reader and per version of the entry; every use reads the
//! entries again and applies the reader's permissions afresh, so a kept answer can be late
//! (an entry written a moment ago is not yet among them) but can never show what the reader
//! may no longer read.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

/// How long an answer is kept.
pub const KEPT_FOR: Duration = Duration::from_secs(60);

/// Answers kept before the cache is swept (expired ones dropped, or all if none expired).
const MOST_KEPT: usize = 20_000;

/// Whose answer, about which version of which entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Asked {
    /// The reader.
    pub reader: i32,
    /// The entry.
    pub entry: i32,
    /// When the entry was last changed: a changed entry is asked about afresh.
    pub version: NaiveDateTime,
}

/// Recent answers.
#[derive(Debug, Default)]
pub struct RelatedCache {
    answers: Mutex<HashMap<Asked, (Instant, Vec<i32>)>>,
}

impl RelatedCache {
    fn answers(&self) -> std::sync::MutexGuard<'_, HashMap<Asked, (Instant, Vec<i32>)>> {
        self.answers
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// The ids found for `asked` within the last [`KEPT_FOR`].
    pub fn get(&self, asked: &Asked) -> Option<Vec<i32>> {
        self.answers()
            .get(asked)
            .filter(|(found_at, _)| found_at.elapsed() < KEPT_FOR)
            .map(|(_, ids)| ids.clone())
    }

    /// Keeps the ids found for `asked`.
    pub fn put(&self, asked: Asked, ids: Vec<i32>) {
        let mut answers = self.answers();
        if answers.len() >= MOST_KEPT {
            answers.retain(|_, (found_at, _)| found_at.elapsed() < KEPT_FOR);
            if answers.len() >= MOST_KEPT {
                answers.clear();
            }
        }
        answers.insert(asked, (Instant::now(), ids));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_per_reader_and_per_version() {
        let cache = RelatedCache::default();
        let version = NaiveDateTime::default();
        let asked = Asked {
            reader: 1,
            entry: 7,
            version,
        };
        cache.put(asked, vec![3, 4]);
        assert_eq!(cache.get(&asked), Some(vec![3, 4]));
        assert_eq!(cache.get(&Asked { reader: 2, ..asked }), None);
        let edited = version + chrono::Duration::seconds(1);
        assert_eq!(
            cache.get(&Asked {
                version: edited,
                ..asked
            }),
            None
        );
    }
}
