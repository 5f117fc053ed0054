//! Email over TLS with authentication, against real SMTP servers started here with a
//! throwaway certificate authority (as a council relay's internal CA): implicit TLS
//! (`smtps://`), STARTTLS (`?tls=required`), and wrong credentials, which leave the message
//! in the outbox for a retry and never put the password in what is recorded.

use std::io::{self, Read, Write};
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder, response};
use mailin_embedded::{Server, SslConfig};
use praxis::config::Config;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::pem::PemObject;
use serde_json::json;

use crate::common::TestApp;
use crate::email::opt_in;
use crate::supervision::{create, days_ago, draft, pair};

const USER: &str = "praxis-relay";
const PASSWORD: &str = "s3cret-Relay-pass";

/// What the server took: (recipients, whether the client had authenticated).
type Taken = Arc<Mutex<Vec<(Vec<String>, bool)>>>;

/// Checks credentials and keeps what it is given; one clone per connection.
#[derive(Clone, Default)]
struct Relay {
    taken: Taken,
    signed_in: bool,
    to: Vec<String>,
}

impl Relay {
    fn check(&mut self, user: &str, password: &str) -> Response {
        self.signed_in = user == USER && password == PASSWORD;
        if self.signed_in {
            response::AUTH_OK
        } else {
            response::INVALID_CREDENTIALS
        }
    }
}

impl Handler for Relay {
    fn data_start(&mut self, _: &str, _: &str, _: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        response::OK
    }

    fn data(&mut self, _buf: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let taken = (self.to.clone(), self.signed_in);
        self.taken.lock().unwrap().push(taken);
        response::OK
    }

    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        self.check(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.check(user, password)
    }
}

/// A certificate authority and a server certificate for 127.0.0.1 it signed, written to
/// `dir`: (CA file, server certificate file, server key file).
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut authority = CertificateParams::new(Vec::<String>::new()).unwrap();
    authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let authority = CertifiedIssuer::self_signed(authority, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .unwrap()
        .signed_by(&key, &authority)
        .unwrap();
    let paths = (
        dir.join("ca.pem"),
        dir.join("server.pem"),
        dir.join("server.key"),
    );
    std::fs::write(&paths.0, authority.pem()).unwrap();
    std::fs::write(&paths.1, server.pem()).unwrap();
    std::fs::write(&paths.2, key.serialize_pem()).unwrap();
    (paths.0, paths.1, paths.2)
}

/// rustls is built here with two crypto providers; the servers use the process default.
fn one_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
    });
}

/// A relay that offers STARTTLS and AUTH after it, on a free port.
fn starttls_relay(cert: &Path, key: &Path) -> (u16, Taken) {
    one_crypto_provider();
    let relay = Relay::default();
    let taken = Arc::clone(&relay.taken);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let mut server = Server::new(relay);
    server
        .with_name("relay.test")
        .with_tcp_listener(listener)
        .with_auth(AuthMechanism::Plain)
        .with_auth(AuthMechanism::Login)
        .with_ssl(SslConfig::Trusted {
            cert_path: cert.display().to_string(),
            key_path: key.display().to_string(),
            chain_path: cert.display().to_string(),
        })
        .unwrap();
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    (port, taken)
}

/// Reads one line (up to and including `\n`) from a TLS stream; empty at the end.
fn read_line(stream: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stream.read(&mut byte)? == 1 {
        line.push(byte[0]);
        if byte[0] == b'\n' {
            break;
        }
    }
    Ok(line)
}

/// A relay that speaks TLS from the first byte (as on port 465) and offers AUTH inside it:
/// each connection's SMTP conversation is mailin's, over rustls.
fn implicit_tls_relay(cert: &Path, key: &Path) -> (u16, Taken) {
    one_crypto_provider();
    let chain = rustls::pki_types::CertificateDer::pem_file_iter(cert)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = rustls::pki_types::PrivateKeyDer::from_pem_file(key).unwrap();
    let config = Arc::new(
        rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    );
    let relay = Relay::default();
    let taken = Arc::clone(&relay.taken);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let (config, relay) = (Arc::clone(&config), relay.clone());
            std::thread::spawn(move || -> io::Result<()> {
                let connection = rustls::ServerConnection::new(config).map_err(io::Error::other)?;
                let mut tls = rustls::StreamOwned::new(connection, tcp);
                let mut builder = SessionBuilder::new("relay.test");
                builder
                    .enable_auth(AuthMechanism::Plain)
                    .enable_auth(AuthMechanism::Login);
                let mut session = builder.build(IpAddr::from([127, 0, 0, 1]), relay);
                session.tls_active();
                session.greeting().write_to(&mut tls)?;
                tls.flush()?;
                loop {
                    let line = read_line(&mut tls)?;
                    if line.is_empty() {
                        return Ok(());
                    }
                    let reply = session.process(&line);
                    if reply.action != Action::NoReply {
                        reply.write_to(&mut tls)?;
                        tls.flush()?;
                    }
                    if reply.action == Action::Close {
                        return Ok(());
                    }
                }
            });
        }
    });
    (port, taken)
}

/// The app's configuration for a relay at `url`, trusting the CA in `ca_file`.
fn relaying(url: String, ca_file: &Path) -> impl FnOnce(Config) -> Config {
    let ca_file = ca_file.display().to_string();
    move |config| {
        config
            .with_setting("smtp_url", json!(url))
            .with_setting("smtp_ca_file", json!(ca_file))
            .with_setting("public_url", json!("https://praxis.test/"))
            .with_setting("digest_time", json!("00:00"))
            .with_setting("email_poll_seconds", json!(1))
            .with_setting("email_retry_seconds", json!(1))
    }
}

/// Waits (at most 30 seconds) until `done` holds of what the server took.
#[track_caller]
fn wait_until(taken: &Taken, done: impl Fn(&[(Vec<String>, bool)]) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done(&taken.lock().unwrap()) {
        assert!(
            Instant::now() < deadline,
            "still waiting: {:?}",
            taken.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// sam opts into notices and pat asks for a signature: one message waits for sam.
fn one_notice_for_sam(app: &TestApp) {
    let (pat, _sam) = pair(app, "pat", "sam");
    opt_in(app, "sam", false, true);
    create(app, &pat, "sam", draft(days_ago(1)));
}

/// Sends sam's notice through the relay at `url` and checks it arrived, after signing in.
fn delivered_through(url: String, ca: &Path, taken: &Taken) {
    let app = TestApp::with_config(relaying(url, ca));
    one_notice_for_sam(&app);
    wait_until(taken, |taken| !taken.is_empty());
    assert_eq!(
        taken.lock().unwrap()[0],
        (vec!["sam@example.org".to_string()], true)
    );
}

/// Waits (at most 30 seconds) until the one outbox row has been tried `attempts` times;
/// returns whether it was sent and the reason recorded.
#[track_caller]
fn tried(app: &TestApp, attempts: i32) -> (bool, String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let rows = crate::email::outbox(app);
        if let [(_, tries, sent, error)] = rows.as_slice()
            && *tries >= attempts
        {
            return (*sent, error.clone().unwrap_or_default());
        }
        assert!(
            Instant::now() < deadline,
            "not tried {attempts} times: {rows:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_notice_goes_over_implicit_tls_with_authentication() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let (port, taken) = implicit_tls_relay(&cert, &key);
    let url = format!("smtps://{USER}:{PASSWORD}@127.0.0.1:{port}");
    delivered_through(url, &ca, &taken);
}

#[test]
fn a_notice_goes_over_starttls_with_authentication() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let (port, taken) = starttls_relay(&cert, &key);
    let url = format!("smtp://{USER}:{PASSWORD}@127.0.0.1:{port}?tls=required");
    delivered_through(url, &ca, &taken);
}

#[test]
fn wrong_credentials_leave_the_message_for_a_retry_and_the_password_unrecorded() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let (port, taken) = starttls_relay(&cert, &key);
    let wrong = "not-the-Relay-pass";
    let url = format!("smtp://{USER}:{wrong}@127.0.0.1:{port}?tls=required");
    let app = TestApp::with_config(relaying(url, &ca));
    one_notice_for_sam(&app);
    // Two attempts: the first failure was kept for a retry, which failed the same way.
    let (sent, error) = tried(&app, 2);
    assert!(!sent, "still waiting to be sent");
    assert!(!error.is_empty(), "the reason is recorded");
    assert!(!error.contains(wrong) && !error.contains(USER), "{error}");
    assert!(taken.lock().unwrap().is_empty());
}

#[test]
fn without_the_private_ca_the_relays_certificate_is_refused_and_nothing_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let (_ca, cert, key) = certificates(dir.path());
    let (port, taken) = implicit_tls_relay(&cert, &key);
    let url = format!("smtps://{USER}:{PASSWORD}@127.0.0.1:{port}");
    let app = TestApp::with_config(move |config| {
        relaying(url, Path::new("unused"))(config).with_setting("smtp_ca_file", json!(null))
    });
    one_notice_for_sam(&app);
    let (sent, error) = tried(&app, 1);
    assert!(!sent);
    assert!(!error.contains(PASSWORD), "{error}");
    assert!(taken.lock().unwrap().is_empty());
}
