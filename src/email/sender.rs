//! Talking to the mail server: a transport built from `PRAXIS_SMTP_URL` and one message sent.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{SmtpTransport, Transport};

use super::SmtpUrl;
use super::store::Queued;

/// How long one conversation with the server may take before it counts as failed.
const SERVER_TIMEOUT: Duration = Duration::from_secs(20);

/// A connection setup for the configured mail server.
pub struct Sender {
    transport: SmtpTransport,
}

impl Sender {
    /// The transport for `url`: `smtp://` (plain, or STARTTLS with `?tls=required` or
    /// `?tls=opportunistic`), `smtps://` (TLS from the start), with `user:password@` for
    /// authentication. The error never repeats the URL, which may hold the password.
    pub fn new(url: &SmtpUrl) -> Result<Self, String> {
        let transport = SmtpTransport::from_url(&url.0)
            .map_err(|_| {
                "not a mail server URL (smtp://host:port or smtps://user:password@host)".to_string()
            })?
            .timeout(Some(SERVER_TIMEOUT))
            .build();
        Ok(Self { transport })
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
