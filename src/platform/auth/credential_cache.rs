//! Who a session cookie or API token belongs to, remembered for a few seconds, so that a
//! busy person's every page does not ask the database again.
//!
//! An answer is kept only while the database would give the same one without writing:
//! never past the moment the session or token must be touched (its last-seen time
//! refreshed), its idle limit or its expiry, and never past [`FRESH_FOR`]. Anything that
//! ends sessions, revokes tokens or changes an account forgets every answer at once
//! ([`forget_all`]), in this process, and in every other instance sharing the database
//! within half a second (see `credential_watch`); the short lifetime bounds what is left
//! behind should that watch fail.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::actor::Actor;

/// The longest an answer is kept.
pub const FRESH_FOR: Duration = Duration::from_secs(15);

/// Answers kept before expired ones are swept out.
const SWEEP_AT: usize = 10_000;

/// Bumped whenever sessions end, tokens are revoked or accounts change: answers from
/// before the bump are not used again. Process-wide, because the changes are made deep in
/// stores that have no handle on the cache; an app that did not make the change only loses
/// its answers early.
static CHANGES: AtomicU64 = AtomicU64::new(0);

/// Forgets every remembered answer (call after ending sessions, revoking tokens, or
/// changing an account's name, role or state).
pub fn forget_all() {
    CHANGES.fetch_add(1, Ordering::AcqRel);
}

#[derive(Debug, Clone)]
struct Remembered {
    actor: Actor,
    until: Instant,
    changes: u64,
}

/// Recent answers, keyed by the credential's fingerprint.
#[derive(Debug, Default)]
pub struct CredentialCache {
    answers: Mutex<HashMap<String, Remembered>>,
}

impl CredentialCache {
    fn answers(&self) -> std::sync::MutexGuard<'_, HashMap<String, Remembered>> {
        self.answers
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// The remembered owner of the credential with this fingerprint, if still fresh.
    pub fn get(&self, fingerprint: &str) -> Option<Actor> {
        let changes = CHANGES.load(Ordering::Acquire);
        let answers = self.answers();
        answers
            .get(fingerprint)
            .filter(|answer| answer.changes == changes && answer.until > Instant::now())
            .map(|answer| answer.actor.clone())
    }

    /// Remembers the owner of a credential for `usable_for` (capped at [`FRESH_FOR`]);
    /// `changes` is what [`CredentialCache::changes`] said before the database was asked.
    pub fn put(&self, fingerprint: String, actor: Actor, usable_for: Duration, changes: u64) {
        let now = Instant::now();
        let mut answers = self.answers();
        if answers.len() >= SWEEP_AT {
            answers.retain(|_, answer| answer.until > now);
        }
        answers.insert(
            fingerprint,
            Remembered {
                actor,
                until: now + usable_for.min(FRESH_FOR),
                changes,
            },
        );
    }

    /// The current count of changes; read it before asking the database, so that a change
    /// made while the question was out is not hidden by the answer.
    pub fn changes() -> u64 {
        CHANGES.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::auth::Role;

    fn sam() -> Actor {
        Actor {
            user_id: 1,
            username: "sam".into(),
            display_name: "Sam".into(),
            role: Role::Practitioner,
        }
    }

    #[test]
    fn an_answer_lasts_its_time_and_no_longer_than_a_change() {
        let cache = CredentialCache::default();
        cache.put(
            "a".into(),
            sam(),
            Duration::from_secs(60),
            CredentialCache::changes(),
        );
        assert_eq!(cache.get("a"), Some(sam()));
        assert_eq!(cache.get("b"), None);
        cache.put(
            "c".into(),
            sam(),
            Duration::ZERO,
            CredentialCache::changes(),
        );
        assert_eq!(cache.get("c"), None, "an answer due a touch is not kept");
        forget_all();
        assert_eq!(cache.get("a"), None, "a change forgets every answer");
    }

    #[test]
    fn an_answer_asked_before_a_change_is_not_kept() {
        let cache = CredentialCache::default();
        let before = CredentialCache::changes();
        forget_all();
        cache.put("a".into(), sam(), Duration::from_secs(60), before);
        assert_eq!(cache.get("a"), None);
    }
}
