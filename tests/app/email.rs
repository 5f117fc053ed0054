//! Email reminders through a real SMTP server (mailin-embedded) started by the tests: the
//! digest and notices reach only those who asked, at their address, naming kinds, dates and
//! links but no record text; a message the server could not take is sent once it is back;
//! nothing is sent twice, across restarts too.

use std::io;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::{Handler, Response, Server, response};
use praxis::config::Config;
use rocket::http::Status;
use serde_json::json;

use crate::common::TestApp;
use crate::supervision::{create, days_ago, draft, id, pair, session_path};

/// A message as the server received it.
#[derive(Debug, Clone)]
pub(crate) struct Received {
    pub(crate) to: Vec<String>,
    pub(crate) text: String,
}

/// Keeps what the server receives; one clone per connection.
#[derive(Clone, Default)]
struct Catcher {
    received: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Catcher {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let message = Received {
            to: self.to.clone(),
            text: String::from_utf8_lossy(&self.data).to_string(),
        };
        self.received.lock().unwrap().push(message);
        response::OK
    }
}

/// A free port on the loopback interface, to start a server on now or later.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts an SMTP server on `port`; returns what it receives. It runs until the tests end.
pub(crate) fn smtp_server(port: u16) -> Arc<Mutex<Vec<Received>>> {
    let catcher = Catcher::default();
    let received = Arc::clone(&catcher.received);
    let listener = TcpListener::bind(("127.0.0.1", port)).expect("the port is free");
    let mut server = Server::new(catcher);
    server.with_name("mail.test").with_tcp_listener(listener);
    std::thread::spawn(move || {
        let _ = server.serve();
    });
    received
}

/// The app's configuration for a mail server on `port`, with quick rounds and retries.
pub(crate) fn mailing(port: u16) -> impl FnOnce(Config) -> Config {
    move |config| {
        config
            .with_setting("smtp_url", json!(format!("smtp://127.0.0.1:{port}")))
            .with_setting("public_url", json!("https://praxis.test/"))
            .with_setting("digest_time", json!("00:00"))
            .with_setting("email_poll_seconds", json!(1))
            .with_setting("email_retry_seconds", json!(1))
    }
}

/// Waits (at most 30 seconds) until `done` holds of the received messages; returns them.
#[track_caller]
pub(crate) fn wait_for(
    received: &Arc<Mutex<Vec<Received>>>,
    done: impl Fn(&[Received]) -> bool,
) -> Vec<Received> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let now = received.lock().unwrap().clone();
        if done(&now) {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "still waiting; received {now:#?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Turns on `username`'s reminders through the account page.
pub(crate) fn opt_in(app: &TestApp, username: &str, digest: bool, immediate: bool) {
    let browser = app.signed_in(username);
    browser.get("/account/email").expect(Status::Ok);
    let address = format!("{username}@example.org");
    let mut fields = vec![("address", address.as_str())];
    if digest {
        fields.push(("daily_digest", "true"));
    }
    if immediate {
        fields.push(("immediate", "true"));
    }
    let saved = browser
        .post("/account/email", &fields)
        .expect(Status::SeeOther);
    assert_eq!(saved.location(), Some("/account/email"));
}

/// The outbox rows: (key, attempts, sent, last error).
pub(crate) fn outbox(app: &TestApp) -> Vec<(String, i32, bool, Option<String>)> {
    use diesel::prelude::*;
    use praxis::platform::db::schema::email_outbox::dsl::*;
    let mut conn = app.db().conn().unwrap();
    email_outbox
        .order(id.asc())
        .select((idempotency_key, attempts, sent_at.is_not_null(), last_error))
        .load(&mut conn)
        .unwrap()
}

#[test]
fn the_digest_reaches_only_those_who_asked_names_no_record_text_and_comes_once() {
    let port = free_port();
    let received = smtp_server(port);
    let app = TestApp::with_config(mailing(port));
    let (pat, sam) = pair(&app, "pat", "sam");
    crate::inbox::labelled_case(&app, &sam);
    let record = id(&create(&app, &pat, "sam", draft(days_ago(2))));
    opt_in(&app, "sam", true, false);

    let mail = wait_for(&received, |mail| !mail.is_empty());
    assert_eq!(mail.len(), 1, "{mail:#?}");
    assert_eq!(mail[0].to, ["sam@example.org"]);
    let text = &mail[0].text;
    assert!(
        text.contains("Subject: Praxis: 1 thing waiting for you"),
        "{text}"
    );
    assert!(text.contains("Supervision record to sign"), "{text}");
    assert!(
        text.contains(&format!(
            "https://praxis.test/supervision/sessions/{record}#signatures-heading"
        )),
        "{text}"
    );
    for private in ["Caseload", "wellbeing", "heavy week", "sibling"] {
        assert!(!text.contains(private), "{private} in {text}");
    }

    // pat asked for nothing and got nothing. After a restart, pat asks for the digest: the
    // round that writes his also looks at sam's, which was written already and is not again.
    let app = app.restart_with(mailing(port));
    opt_in(&app, "pat", true, false);
    let mail = wait_for(&received, |mail| mail.len() >= 2);
    assert_eq!(mail[1].to, ["pat@example.org"]);
    let keys: Vec<String> = outbox(&app).into_iter().map(|(key, ..)| key).collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(keys[0].starts_with("digest:") && keys[1].starts_with("digest:"));
    assert_eq!(received.lock().unwrap().len(), 2);
}

#[test]
fn a_notice_the_server_could_not_take_is_sent_once_it_is_back() {
    let port = free_port();
    let app = TestApp::with_config(mailing(port));
    let (pat, _sam) = pair(&app, "pat", "sam");
    opt_in(&app, "sam", false, true);
    let record = id(&create(&app, &pat, "sam", draft(days_ago(1))));
    // The request above returned while no server listens: it only wrote a row.
    let deadline = Instant::now() + Duration::from_secs(30);
    while !outbox(&app).iter().any(|(_, attempts, _, _)| *attempts > 0) {
        assert!(
            Instant::now() < deadline,
            "no failed attempt: {:?}",
            outbox(&app)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let rows = outbox(&app);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(!rows[0].2, "not sent while the server is down");
    let error = rows[0].3.clone().unwrap_or_default();
    assert!(!error.is_empty());

    let received = smtp_server(port);
    let mail = wait_for(&received, |mail| !mail.is_empty());
    assert_eq!(mail[0].to, ["sam@example.org"]);
    assert!(
        mail[0]
            .text
            .contains("Subject: Praxis: Supervision record to sign")
    );
    assert!(mail[0].text.contains(&format!(
        "/supervision/sessions/{record}#signatures-heading"
    )));
    let deadline = Instant::now() + Duration::from_secs(30);
    while !outbox(&app)[0].2 {
        assert!(Instant::now() < deadline, "never marked sent");
        std::thread::sleep(Duration::from_millis(50));
    }

    // A comment is a new notice, naming the kind and not the words.
    app.post_json(
        &pat,
        &format!("{}/comments", session_path(record)),
        json!({"body": "Please check the wellbeing part."}),
    )
    .expect(Status::Created);
    let mail = wait_for(&received, |mail| mail.len() >= 2);
    assert!(mail[1].text.contains("Comment on a supervision record"));
    assert!(!mail[1].text.contains("wellbeing part"));
    assert_eq!(mail.len(), 2, "{mail:#?}");
    assert_eq!(outbox(&app).len(), 2);
}

#[test]
fn reminders_start_off_and_a_bad_address_is_refused_with_what_was_typed() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let page = browser.get("/account/email").expect(Status::Ok).body;
    assert!(!page.contains("checked"), "both start off");
    assert!(page.contains("no mail server set up"));
    assert!(
        browser
            .get("/account")
            .expect(Status::Ok)
            .body
            .contains("/account/email")
    );
    let refused = browser
        .post(
            "/account/email",
            &[("address", "sam at example"), ("daily_digest", "true")],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(refused.contains("value=\"sam at example\""));
    assert!(refused.contains("Enter an email address"));
    assert!(outbox(&app).is_empty());
    // Opened again after going elsewhere, the form shows what is saved: nothing.
    browser.get("/account").expect(Status::Ok);
    let again = browser.get("/account/email").expect(Status::Ok).body;
    assert!(!again.contains("checked"), "nothing was saved");
}
