//! Talking to the mail server: a transport built from `PRAXIS_SMTP_URL` and one message sent.

use std::path::Path;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};

use super::SmtpUrl;
use super::store::Queued;

/// How long one conversation with the server may take before it counts as failed.
const SERVER_TIMEOUT: Duration = Duration::from_secs(20);

/// A connection setup for the configured mail server.
pub struct Sender {
    transport: SmtpTransport,
}

/// How the URL asks for TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsMode {
    /// `smtps://`: TLS from the first byte.
    Wrapper,
    /// `smtp://...?tls=required`: STARTTLS, or no conversation.
    Required,
    /// `smtp://...?tls=opportunistic`: STARTTLS when offered.
    Opportunistic,
    /// Plain `smtp://`.
    None,
}

/// The host and TLS mode of a mail server URL, read without keeping its credentials.
fn host_and_mode(url: &str) -> Option<(String, TlsMode)> {
    let (scheme, rest) = url.split_once("://")?;
    let (authority, query) = match rest.split_once('?') {
        Some((authority, query)) => (authority, query),
        None => (rest, ""),
    };
    let host_port = authority.rsplit('@').next()?.split('/').next()?;
    let host = match host_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next()?,
        None => host_port.split(':').next()?,
    };
    let tls = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("tls="))
        .unwrap_or("");
    let mode = match (scheme, tls) {
        ("smtps", _) => TlsMode::Wrapper,
        ("smtp", "required") => TlsMode::Required,
        ("smtp", "opportunistic") => TlsMode::Opportunistic,
        ("smtp", _) => TlsMode::None,
        _ => return None,
    };
    (!host.is_empty()).then(|| (host.to_string(), mode))
}

/// TLS for `host` that also trusts the certificate authority in the PEM file at `ca_file`
/// (a council relay's internal CA, say).
fn tls_trusting(host: &str, mode: TlsMode, ca_file: &Path) -> Result<Tls, String> {
    let shown = ca_file.display();
    let pem = std::fs::read(ca_file).map_err(|error| format!("smtp_ca_file {shown}: {error}"))?;
    let authority = Certificate::from_pem(&pem)
        .map_err(|_| format!("smtp_ca_file {shown}: not a PEM certificate"))?;
    let parameters = TlsParameters::builder(host.to_string())
        .add_root_certificate(authority)
        .build()
        .map_err(|error| format!("smtp_ca_file {shown}: {error}"))?;
    Ok(match mode {
        TlsMode::Wrapper => Tls::Wrapper(parameters),
        TlsMode::Required => Tls::Required(parameters),
        TlsMode::Opportunistic => Tls::Opportunistic(parameters),
        TlsMode::None => {
            return Err(
                "smtp_ca_file is set but smtp_url asks for no TLS: use smtps:// or ?tls=required"
                    .into(),
            );
        }
    })
}

impl Sender {
    /// The transport for `url`: `smtp://` (plain, or STARTTLS with `?tls=required` or
    /// `?tls=opportunistic`), `smtps://` (TLS from the start), with `user:password@` for
    /// authentication; `ca_file` adds a certificate authority to trust besides the usual
    /// ones. The error never repeats the URL, which may hold the password.
    pub fn new(url: &SmtpUrl, ca_file: Option<&Path>) -> Result<Self, String> {
        const NOT_A_URL: &str =
            "not a mail server URL (smtp://host:port or smtps://user:password@host)";
        let mut builder = SmtpTransport::from_url(&url.0)
            .map_err(|_| NOT_A_URL.to_string())?
            .timeout(Some(SERVER_TIMEOUT));
        if let Some(ca_file) = ca_file {
            let (host, mode) = host_and_mode(&url.0).ok_or_else(|| NOT_A_URL.to_string())?;
            builder = builder.tls(tls_trusting(&host, mode, ca_file)?);
        }
        Ok(Self {
            transport: builder.build(),
        })
    }

    /// Sends one queued message from `from`; the error says what went wrong, without secrets.
    pub fn send(&self, from: &Mailbox, queued: &Queued) -> Result<(), String> {
        let to: Mailbox = queued
            .address
            .parse()
            .map_err(|_| "the recipient's address is not valid".to_string())?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&queued.subject)
            .message_id(Some(message_id(&queued.idempotency_key, from)))
            .header(ContentType::TEXT_PLAIN)
            .body(queued.body.clone())
            .map_err(|error| format!("the message could not be built: {error}"))?;
        self.transport
            .send(&message)
            .map(|_| ())
            .map_err(|error| format!("the mail server did not take the message: {error}"))
    }
}

/// A `Message-ID` from the notice's key, the same on every attempt, so a receiving system
/// that sees a message twice (sent, but the worker stopped before noting it) can tell.
fn message_id(key: &str, from: &Mailbox) -> String {
    let local: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '.' })
        .collect();
    format!("<{local}@{}>", from.email.domain())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_and_tls_mode_come_from_the_url_without_its_credentials() {
        let read = |url: &str| host_and_mode(url);
        assert_eq!(
            read("smtps://mailer:p%40ss@relay.council.test:465"),
            Some(("relay.council.test".into(), TlsMode::Wrapper))
        );
        assert_eq!(
            read("smtp://u:p@127.0.0.1:587?tls=required"),
            Some(("127.0.0.1".into(), TlsMode::Required))
        );
        assert_eq!(
            read("smtp://[::1]:25?tls=opportunistic"),
            Some(("::1".into(), TlsMode::Opportunistic))
        );
        assert_eq!(
            read("smtp://mail.test"),
            Some(("mail.test".into(), TlsMode::None))
        );
        assert_eq!(read("http://mail.test"), None);
        assert_eq!(read("smtps://"), None);
    }

    #[test]
    fn a_missing_ca_file_is_named_and_the_password_is_not() {
        let url = SmtpUrl("smtps://mailer:hunter2@mail.test:465".into());
        let error = Sender::new(&url, Some(Path::new("/nonexistent/ca.pem")))
            .err()
            .expect("refused");
        assert!(error.contains("/nonexistent/ca.pem"), "{error}");
        assert!(!error.contains("hunter2"), "{error}");
        let plain = SmtpUrl("smtp://mailer:hunter2@mail.test:25".into());
        let dir = std::env::temp_dir().join("praxis-no-such-dir-for-ca");
        let error = Sender::new(&plain, Some(&dir)).err().expect("refused");
        assert!(!error.contains("hunter2"), "{error}");
    }
}
