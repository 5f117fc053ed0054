//! Refuses sign-in for a while after repeated failures, per username and per address.
//!
//! Checking the counts and recording an attempt are one step under one lock: an attempt is
//! counted as a failure when it begins, before the slow password check, and forgiven only
//! when it succeeds. So attempts arriving together cannot all pass the check before any of
//! them is recorded.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::error::AppError;

/// An address may fail this many times more than a single username, because several
/// people in one office can share an address.
const ADDRESS_FACTOR: u32 = 4;

#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
}

type Counts = HashMap<String, Failures>;

/// Counts recent failed sign-ins; kept in memory, so a restart forgets them. Clones share
/// the same counts.
#[derive(Debug, Clone)]
pub struct SignInThrottle {
    failures: Arc<Mutex<Counts>>,
    allowed: u32,
    lockout: Duration,
}

/// A sign-in attempt that passed the throttle. It already counts as a failure; call
/// [`Attempt::succeeded`] once the password is accepted.
#[derive(Debug)]
#[must_use = "an attempt stays counted as a failure unless it is marked succeeded"]
pub struct Attempt {
    throttle: SignInThrottle,
    user_key: String,
    address_key: String,
}

fn user_key(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}

fn address_key(address: Option<&str>) -> String {
    format!("addr:{}", address.unwrap_or("unknown"))
}

impl SignInThrottle {
    /// Allows `allowed` failures per username inside `lockout`, then refuses for `lockout`.
    pub fn new(allowed: u32, lockout: Duration) -> Self {
        Self {
            failures: Arc::new(Mutex::new(HashMap::new())),
            allowed: allowed.max(1),
            lockout,
        }
    }

    fn counts(&self) -> MutexGuard<'_, Counts> {
        // A panic elsewhere while holding the lock leaves the counts usable.
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Begins an attempt for `username` from `address`: refuses it when either has failed
    /// too often recently, and otherwise counts it as a failure until it succeeds.
    pub fn begin(&self, username: &str, address: Option<&str>) -> Result<Attempt, AppError> {
        let now = Instant::now();
        let user_key = user_key(username);
        let address_key = address_key(address);
        let mut counts = self.counts();
        counts.retain(|_, entry| now.duration_since(entry.since) < self.lockout);
        let limits = [
            (&user_key, self.allowed),
            (&address_key, self.allowed * ADDRESS_FACTOR),
        ];
        for (key, limit) in limits {
            if let Some(entry) = counts.get(key.as_str())
                && entry.count >= limit
            {
                let waited = now.duration_since(entry.since);
                let left = self.lockout.saturating_sub(waited).as_secs().max(1);
                return Err(AppError::TooManyAttempts {
                    retry_after_secs: left,
                });
            }
        }
        for key in [&user_key, &address_key] {
            let entry = counts.entry(key.clone()).or_insert(Failures {
                count: 0,
                since: now,
            });
            entry.count += 1;
            entry.since = now;
        }
        drop(counts);
        Ok(Attempt {
            throttle: self.clone(),
            user_key,
            address_key,
        })
    }
}

impl Attempt {
    /// The password was right: forgets the username's failures, and takes this attempt back
    /// from the address's count (colleagues signing in from one office are not failures).
    pub fn succeeded(self) {
        let mut counts = self.throttle.counts();
        counts.remove(&self.user_key);
        if let Some(entry) = counts.get_mut(&self.address_key) {
            entry.count = entry.count.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(throttle: &SignInThrottle, username: &str, address: Option<&str>) {
        let _attempt = throttle.begin(username, address).expect("not yet refused");
    }

    #[test]
    fn refuses_after_the_allowed_failures_and_names_a_wait() {
        let throttle = SignInThrottle::new(3, Duration::from_secs(600));
        for _ in 0..3 {
            fail(&throttle, "Sam", Some("10.0.0.1"));
        }
        match throttle.begin("sam", Some("10.0.0.2")) {
            Err(AppError::TooManyAttempts { retry_after_secs }) => {
                assert!(retry_after_secs > 0 && retry_after_secs <= 600)
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(throttle.begin("alex", Some("10.0.0.2")).is_ok());
    }

    #[test]
    fn an_attempt_counts_before_it_ends() {
        let throttle = SignInThrottle::new(2, Duration::from_secs(600));
        let first = throttle.begin("sam", None).expect("first");
        let second = throttle.begin("sam", None).expect("second");
        assert!(
            throttle.begin("sam", None).is_err(),
            "two attempts in flight use up the allowance"
        );
        first.succeeded();
        drop(second);
        assert!(throttle.begin("sam", None).is_ok());
    }

    #[test]
    fn parallel_attempts_pass_at_most_the_allowed_number() {
        let throttle = SignInThrottle::new(5, Duration::from_secs(600));
        let passed: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..40)
                .map(|_| scope.spawn(|| throttle.begin("sam", None).is_ok()))
                .collect();
            handles
                .into_iter()
                .map(|handle| usize::from(handle.join().unwrap_or(false)))
                .sum()
        });
        assert_eq!(passed, 5);
    }

    #[test]
    fn success_clears_the_username_but_not_other_failures() {
        let throttle = SignInThrottle::new(2, Duration::from_secs(600));
        fail(&throttle, "sam", None);
        throttle.begin("sam", None).expect("allowed").succeeded();
        fail(&throttle, "sam", None);
        assert!(throttle.begin("sam", None).is_ok());
    }

    #[test]
    fn successes_do_not_use_up_the_address() {
        let throttle = SignInThrottle::new(1, Duration::from_secs(600));
        for colleague in 0..10 {
            throttle
                .begin(&format!("colleague{colleague}"), Some("10.0.0.1"))
                .expect("a shared office address is not throttled for successes")
                .succeeded();
        }
    }

    #[test]
    fn the_address_is_refused_after_its_larger_allowance() {
        let throttle = SignInThrottle::new(1, Duration::from_secs(600));
        for guess in 0..ADDRESS_FACTOR {
            fail(&throttle, &format!("user{guess}"), Some("10.0.0.9"));
        }
        assert!(throttle.begin("someone", Some("10.0.0.9")).is_err());
        assert!(throttle.begin("someone", Some("10.0.0.8")).is_ok());
    }

    #[test]
    fn failures_expire_after_the_lockout() {
        let throttle = SignInThrottle::new(1, Duration::from_millis(0));
        fail(&throttle, "sam", None);
        assert!(throttle.begin("sam", None).is_ok());
    }
}
