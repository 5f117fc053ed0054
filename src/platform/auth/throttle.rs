//! Refuses sign-in for a while after repeated failures, per username and per address.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
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

/// Counts recent failed sign-ins; kept in memory, so a restart forgets them. Clones share
/// the same counts.
#[derive(Debug, Clone)]
pub struct SignInThrottle {
    failures: Arc<Mutex<HashMap<String, Failures>>>,
    allowed: u32,
    lockout: Duration,
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

    fn keys(username: &str, address: Option<&str>) -> [(String, u32); 2] {
        [
            (format!("user:{}", username.trim().to_lowercase()), 1),
            (
                format!("addr:{}", address.unwrap_or("unknown")),
                ADDRESS_FACTOR,
            ),
        ]
    }

    /// Refuses when either the username or the address has failed too often recently.
    pub fn check(&self, username: &str, address: Option<&str>) -> Result<(), AppError> {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        failures.retain(|_, entry| now.duration_since(entry.since) < self.lockout);
        for (key, factor) in Self::keys(username, address) {
            if let Some(entry) = failures.get(&key)
                && entry.count >= self.allowed * factor
            {
                let waited = now.duration_since(entry.since);
                let left = self.lockout.saturating_sub(waited).as_secs().max(1);
                return Err(AppError::TooManyAttempts {
                    retry_after_secs: left,
                });
            }
        }
        Ok(())
    }

    /// Counts a failed attempt.
    pub fn record_failure(&self, username: &str, address: Option<&str>) {
        let now = Instant::now();
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, _) in Self::keys(username, address) {
            let entry = failures.entry(key).or_insert(Failures {
                count: 0,
                since: now,
            });
            entry.count += 1;
            entry.since = now;
        }
    }

    /// Forgets the username's failures after a successful sign-in.
    pub fn record_success(&self, username: &str) {
        let mut failures = self
            .failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let [(user_key, _), _] = Self::keys(username, None);
        failures.remove(&user_key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_the_allowed_failures_and_names_a_wait() {
        let throttle = SignInThrottle::new(3, Duration::from_secs(600));
        for _ in 0..3 {
            assert!(throttle.check("Sam", Some("10.0.0.1")).is_ok());
            throttle.record_failure("Sam", Some("10.0.0.1"));
        }
        match throttle.check("sam", Some("10.0.0.2")) {
            Err(AppError::TooManyAttempts { retry_after_secs }) => {
                assert!(retry_after_secs > 0 && retry_after_secs <= 600)
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert!(throttle.check("alex", Some("10.0.0.2")).is_ok());
    }

    #[test]
    fn success_clears_the_username() {
        let throttle = SignInThrottle::new(2, Duration::from_secs(600));
        throttle.record_failure("sam", None);
        throttle.record_success("sam");
        throttle.record_failure("sam", None);
        assert!(throttle.check("sam", None).is_ok());
    }

    #[test]
    fn failures_expire_after_the_lockout() {
        let throttle = SignInThrottle::new(1, Duration::from_millis(0));
        throttle.record_failure("sam", None);
        assert!(throttle.check("sam", None).is_ok());
    }
}
