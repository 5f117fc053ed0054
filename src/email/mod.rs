//! Email reminders: a daily digest of what waits in the inbox and immediate notices of new
//! signatures asked for and comments, for the people who ask for them (off by default).
//!
//! Requests never talk to the mail server. The [`scheduler`] writes messages into the
//! `email_outbox` table, each under a key naming the notice it carries, so the same notice is
//! never written twice; the [`worker`], a thread of its own with its own connection, sends
//! them, claiming each row before sending and marking it sent after, and retries failures
//! with a growing delay. Rows outlive restarts, so nothing is lost.
//!
//! A message says only what waits: kinds, dates, counts and the person's own case references,
//! with links into Praxis. Never entry or record text, names, case labels or reflections.
//!
//! Immediate notices are found by comparing the inbox with the notices already written, on
//! each round of the worker, rather than by every slice writing a row when it changes a record:
//! any inbox source, including ones added later, gets notices for free, and a notice can never
//! describe something the inbox would not show.

pub mod compose;
pub mod html;
pub mod preferences;
pub mod scheduler;
pub mod sender;
mod store;
pub mod worker;

use std::fmt;
use std::path::Path;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::config::Settings;

/// The mail server's URL, which may hold a password: its `Debug` shows only the scheme and
/// host, so it never reaches a log.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SmtpUrl(pub String);

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("?", ""));
        let host = rest.rsplit('@').next().unwrap_or("");
        let host = host.split(['/', '?']).next().unwrap_or("");
        write!(f, "SmtpUrl({scheme}://{host})")
    }
}

/// What the email worker needs from the settings, checked once at start.
#[derive(Debug, Clone)]
pub struct EmailSettings {
    /// The mail server.
    pub smtp_url: SmtpUrl,
    /// A certificate authority to trust for the mail server's certificate, as a PEM file.
    pub smtp_ca_file: Option<std::path::PathBuf>,
    /// The sender.
    pub from: lettre::message::Mailbox,
    /// Where links point; without it they are paths only.
    pub public_url: String,
    /// When the daily digest is written, local time.
    pub digest_time: NaiveTime,
    /// Seconds between rounds.
    pub poll: std::time::Duration,
    /// Seconds before the first retry.
    pub retry: std::time::Duration,
}

impl EmailSettings {
    /// Checks the email settings (also when no server is configured, so mistakes show early).
    pub fn check(settings: &Settings) -> Result<(), String> {
        Self::digest_time(settings)?;
        settings
            .smtp_from
            .parse::<lettre::message::Mailbox>()
            .map_err(|error| format!("smtp_from is not an email address: {error}"))?;
        if let Some(url) = &settings.smtp_url {
            sender::Sender::new(url, settings.smtp_ca_file.as_deref().map(Path::new))
                .map_err(|error| format!("smtp_url: {error}"))?;
        }
        if settings.email_poll_seconds == 0 || settings.email_retry_seconds == 0 {
            return Err("email_poll_seconds and email_retry_seconds must be at least 1".into());
        }
        Ok(())
    }

    /// The worker's settings, when a mail server is configured.
    pub fn from_settings(settings: &Settings) -> Result<Option<Self>, String> {
        Self::check(settings)?;
        let Some(smtp_url) = settings.smtp_url.clone() else {
            return Ok(None);
        };
        let from = settings
            .smtp_from
            .parse()
            .map_err(|error| format!("smtp_from: {error}"))?;
        Ok(Some(Self {
            smtp_url,
            smtp_ca_file: settings.smtp_ca_file.as_ref().map(std::path::PathBuf::from),
            from,
            public_url: settings
                .public_url
                .as_deref()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
            digest_time: Self::digest_time(settings)?,
            poll: std::time::Duration::from_secs(settings.email_poll_seconds),
            retry: std::time::Duration::from_secs(settings.email_retry_seconds),
        }))
    }

    fn digest_time(settings: &Settings) -> Result<NaiveTime, String> {
        NaiveTime::parse_from_str(settings.digest_time.trim(), "%H:%M").map_err(|_| {
            format!(
                "digest_time must be a time of day such as 07:00, not {:?}",
                settings.digest_time
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_shows_no_password_when_printed() {
        let url = SmtpUrl("smtps://mailer:hunter2@mail.example.org:465".into());
        let shown = format!("{url:?}");
        assert_eq!(shown, "SmtpUrl(smtps://mail.example.org:465)");
        assert!(!shown.contains("hunter2"));
    }
}
