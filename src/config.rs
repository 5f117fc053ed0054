//! Configuration: the data directory from the command line or `PRAXIS_DATA_DIR`, and the
//! application's settings from Rocket's sources (defaults here, `Rocket.toml`, `ROCKET_*`)
//! plus `PRAXIS_*` environment variables.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::figment::providers::{Env, Serialized};
use serde::{Deserialize, Serialize};

use crate::error::AppResult;
use crate::platform::db::Location;

/// Where the data directory is and what the running app needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    /// Holds the database, the generated secret key and (later) the search index.
    pub data_dir: PathBuf,
    /// No console banner and no Rocket log output (tests).
    pub quiet: bool,
    /// Settings given in code, which win over every other source (tests, embedding).
    pub overrides: Vec<(String, serde_json::Value)>,
    /// Where the database is (`PRAXIS_DATABASE_URL`): a `postgres://` URL, or `sqlite://PATH`
    /// or a file path; without one, SQLite in the data directory.
    pub database_url: Option<String>,
}

impl Config {
    /// A configuration using `data_dir`.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            quiet: false,
            overrides: Vec::new(),
            database_url: None,
        }
    }

    /// The same configuration with its database elsewhere: a `postgres://` URL, or a SQLite
    /// file (`sqlite://PATH` or a path) that several data directories may share.
    pub fn with_database_url(mut self, url: impl Into<String>) -> Self {
        self.database_url = Some(url.into());
        self
    }

    /// The same configuration with one setting fixed, e.g. `("rules_file", json!("local.toml"))`.
    pub fn with_setting(mut self, key: &str, value: serde_json::Value) -> Self {
        self.overrides.push((key.to_string(), value));
        self
    }

    /// The same configuration without console output.
    pub fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The SQLite database file in the data directory, used when no database URL is set.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(crate::platform::db::DATABASE_FILE)
    }

    /// Where the database is: the configured URL, or the file in the data directory.
    pub fn database_location(&self) -> AppResult<Location> {
        match &self.database_url {
            Some(url) => Location::parse(url),
            None => Ok(Location::Sqlite(self.database_path())),
        }
    }

    /// The search index folder.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }

    /// The file holding the generated cookie secret.
    pub fn secret_key_path(&self) -> PathBuf {
        self.data_dir.join("secret.key")
    }
}

/// Longest lifetime of a personal API token, in days (ten years).
pub const MAX_API_TOKEN_DAYS: u32 = 3650;

/// Tunable behaviour, read from the figment; every field has a default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Minutes without a request after which a browser session ends.
    pub session_idle_minutes: u32,
    /// Failed sign-ins for one username before further attempts are refused for a while.
    pub sign_in_attempts: u32,
    /// How long sign-in stays refused after too many failures, in minutes.
    pub sign_in_lockout_minutes: u32,
    /// Mark cookies `Secure`; turn on when the app is served over HTTPS by a proxy.
    pub cookie_secure: bool,
    /// A TOML file of local timescale rules that add to or override the shipped ones.
    pub rules_file: Option<String>,
    /// Extra days the service is closed (YYYY-MM-DD), which do not count as working days.
    pub closures: Vec<String>,
    /// Memory the search indexer may use, in megabytes.
    pub search_writer_memory_mb: usize,
    /// Proxies (addresses or networks such as `10.0.0.0/8`) whose `X-Forwarded-For` and
    /// `X-Real-IP` headers are believed; from anyone else those headers are ignored.
    pub trusted_proxies: Vec<String>,
    /// Days a personal API token works after it is issued.
    pub api_token_days: u32,
    /// The IANA time zone in which "today" is reckoned and times are shown to people
    /// (`PRAXIS_TIMEZONE`); stored times stay UTC.
    pub timezone: String,
    /// The bearer token a Prometheus scraper sends to read `/metrics`
    /// (`PRAXIS_METRICS_TOKEN`); without one, metrics are off.
    pub metrics_token: Option<crate::platform::metrics::MetricsToken>,
    /// The address people reach this service at, such as `https://praxis.example.org`
    /// (`PRAXIS_PUBLIC_URL`), for links that leave the site (calendar subscriptions, emails);
    /// when unset, the address a request came in on is used, and emails carry paths only.
    pub public_url: Option<String>,
    /// The mail server for email reminders (`PRAXIS_SMTP_URL`), e.g. `smtp://host:25`,
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://user:pass@host` (TLS).
    /// Without it no email is sent. Holds a password: never logged.
    pub smtp_url: Option<crate::email::SmtpUrl>,
    /// A PEM file of a certificate authority to trust for the mail server's certificate
    /// besides the usual public ones (`PRAXIS_SMTP_CA_FILE`), for relays with an internal CA.
    pub smtp_ca_file: Option<String>,
    /// The sender of email reminders (`PRAXIS_SMTP_FROM`).
    pub smtp_from: String,
    /// The local time of day (HH:MM) the daily digest is written (`PRAXIS_DIGEST_TIME`).
    pub digest_time: String,
    /// Seconds between the email worker's rounds (`PRAXIS_EMAIL_POLL_SECONDS`).
    pub email_poll_seconds: u64,
    /// Seconds before the first retry of a failed email; each further retry waits twice as
    /// long, up to an hour (`PRAXIS_EMAIL_RETRY_SECONDS`).
    pub email_retry_seconds: u64,
    /// The largest file an import accepts, and the most its zip may expand to, in megabytes
    /// (`PRAXIS_IMPORT_MAX_MB`).
    pub import_max_mb: u64,
    /// How long, in minutes, the search outbox keeps changes and an instance sharing the
    /// database may go unseen and still catch up from it rather than rebuild its index
    /// (`PRAXIS_OUTBOX_RETENTION_MINUTES`).
    pub outbox_retention_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle_minutes: 60,
            sign_in_attempts: 5,
            sign_in_lockout_minutes: 15,
            cookie_secure: false,
            rules_file: None,
            closures: Vec::new(),
            search_writer_memory_mb: 64,
            trusted_proxies: Vec::new(),
            api_token_days: 90,
            timezone: crate::platform::clock::DEFAULT_ZONE.name().to_string(),
            metrics_token: None,
            public_url: None,
            smtp_url: None,
            smtp_ca_file: None,
            smtp_from: "Praxis <praxis@localhost>".to_string(),
            digest_time: "07:00".to_string(),
            email_poll_seconds: 15,
            email_retry_seconds: 30,
            import_max_mb: 100,
            outbox_retention_minutes: 60,
        }
    }
}

impl Settings {
    /// Reads the settings from a figment, falling back to the defaults for anything unset.
    pub fn from_figment(figment: &Figment) -> Result<Self, crate::error::AppError> {
        let settings: Self = Figment::from(Serialized::defaults(Settings::default()))
            .merge(figment.clone())
            .extract()
            .map_err(|error| crate::error::AppError::Config(error.to_string()))?;
        if !(1..=MAX_API_TOKEN_DAYS).contains(&settings.api_token_days) {
            return Err(crate::error::AppError::Config(format!(
                "api_token_days must be between 1 and {MAX_API_TOKEN_DAYS}, not {}",
                settings.api_token_days
            )));
        }
        crate::platform::clock::parse_zone(&settings.timezone)
            .map_err(crate::error::AppError::Config)?;
        if settings.outbox_retention_minutes == 0 {
            return Err(crate::error::AppError::Config(
                "outbox_retention_minutes must be at least 1".to_string(),
            ));
        }
        if let Some(token) = &settings.metrics_token {
            token.check().map_err(crate::error::AppError::Config)?;
        }
        if let Some(url) = &settings.public_url {
            crate::platform::web::site::check_public_url(url)
                .map_err(crate::error::AppError::Config)?;
        }
        crate::email::EmailSettings::check(&settings).map_err(crate::error::AppError::Config)?;
        Ok(settings)
    }

    /// The configured time zone (checked when the settings were read).
    pub fn time_zone(&self) -> chrono_tz::Tz {
        crate::platform::clock::parse_zone(&self.timezone)
            .unwrap_or(crate::platform::clock::DEFAULT_ZONE)
    }

    /// How long the search outbox keeps changes for instances that are away.
    pub fn outbox_retention(&self) -> std::time::Duration {
        std::time::Duration::from_secs(u64::from(self.outbox_retention_minutes) * 60)
    }

    /// How long a personal API token works after it is issued.
    pub fn api_token_lifetime(&self) -> chrono::Duration {
        chrono::Duration::days(i64::from(self.api_token_days))
    }
}

/// Rocket's own figment plus `PRAXIS_*` environment variables (for example
/// `PRAXIS_SESSION_IDLE_MINUTES=30`).
pub fn figment() -> Figment {
    rocket::Config::figment().merge(Env::prefixed("PRAXIS_").ignore(&["data_dir"]).global())
}
