//! The token a Prometheus scraper sends: a secret, so it is never printed.

use serde::{Deserialize, Serialize};

use crate::platform::auth::secret::constant_time_eq;

/// Fewest characters a metrics token may have.
pub const MIN_LENGTH: usize = 24;

/// `PRAXIS_METRICS_TOKEN`: whoever sends it as a bearer token may read `/metrics`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MetricsToken(String);

impl MetricsToken {
    /// Whether `sent` is the token (in time independent of where they differ).
    pub fn matches(&self, sent: &str) -> bool {
        constant_time_eq(&self.0, sent)
    }

    /// Refuses a token too short to be a secret.
    pub fn check(&self) -> Result<(), String> {
        if self.0.chars().count() < MIN_LENGTH {
            Err(format!(
                "metrics_token must have at least {MIN_LENGTH} characters (e.g. from `openssl rand -hex 24`)"
            ))
        } else {
            Ok(())
        }
    }
}

impl std::fmt::Debug for MetricsToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MetricsToken(hidden)")
    }
}
