//! The test harness: an app on its own temporary data directory, people in it, and
//! browsers and API clients that act for them.

use std::cell::RefCell;

use praxis::accounts::model::{LinkKind, NewAccount};
use praxis::accounts::{admin, service};
use praxis::config::Config;
use praxis::platform::db::Database;
use regex::Regex;
use rocket::http::{ContentType, Cookie, Header, Method, Status};
use rocket::local::blocking::{Client, LocalResponse};
use serde_json::Value;

pub use crate::data_dir::DataDir;

/// Every test account's password.
pub const PASSWORD: &str = "correct horse battery";

/// A running app on a temporary data directory (and, on PostgreSQL, its own database).
pub struct TestApp {
    pub client: Client,
    pub dir: DataDir,
}

/// What came back from a request.
#[derive(Debug)]
pub struct Reply {
    pub status: Status,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The seconds of `Retry-After`, which must be there and positive.
    #[track_caller]
    pub fn retry_after_secs(&self) -> u64 {
        let seconds: u64 = self
            .header("Retry-After")
            .unwrap_or_else(|| panic!("no Retry-After: {:?}", self.headers))
            .parse()
            .expect("Retry-After in seconds");
        assert!(seconds > 0, "Retry-After: {seconds}");
        seconds
    }

    pub fn location(&self) -> Option<&str> {
        self.header("Location")
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    /// Fails the test with the body when the status is not `expected`.
    #[track_caller]
    pub fn expect(self, expected: Status) -> Self {
        assert_eq!(self.status, expected, "body: {}", self.body);
        self
    }
}

/// What came back from a request whose body may not be text (a zip download).
#[derive(Debug)]
pub struct Download {
    pub status: Status,
    pub bytes: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

impl Download {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Fails the test when the status is not `expected`.
    #[track_caller]
    pub fn expect(self, expected: Status) -> Self {
        assert_eq!(
            self.status,
            expected,
            "body: {}",
            String::from_utf8_lossy(&self.bytes)
        );
        self
    }
}

fn download(response: LocalResponse<'_>) -> Download {
    let headers = response
        .headers()
        .iter()
        .map(|header| (header.name().to_string(), header.value().to_string()))
        .collect();
    let status = response.status();
    let bytes = response.into_bytes().unwrap_or_default();
    Download {
        status,
        bytes,
        headers,
    }
}

fn reply(response: LocalResponse<'_>) -> (Reply, Vec<Cookie<'static>>) {
    let cookies: Vec<Cookie<'static>> = response
        .cookies()
        .iter()
        .map(|c| c.clone().into_owned())
        .collect();
    let headers = response
        .headers()
        .iter()
        .map(|header| (header.name().to_string(), header.value().to_string()))
        .collect();
    let status = response.status();
    let body = response.into_string().unwrap_or_default();
    (
        Reply {
            status,
            body,
            headers,
        },
        cookies,
    )
}

impl TestApp {
    /// A fresh app with an empty database.
    pub fn new() -> Self {
        Self::on(DataDir::new())
    }

    /// An app on an existing data directory (to test restarts), or on a new directory.
    pub fn on(dir: impl Into<DataDir>) -> Self {
        Self::launch(dir.into(), |config| config)
    }

    /// A fresh app whose configuration `f` adjusts, e.g. with
    /// `config.with_setting("closures", json!(["2026-12-24"]))`. `f` gets the quiet
    /// configuration of the new temporary data directory (`config.data_dir()`), so it may also
    /// write files there, such as a local rules file to name in a setting.
    pub fn with_config(f: impl FnOnce(Config) -> Config) -> Self {
        Self::launch(DataDir::new(), f)
    }

    /// An app on the data directory `dir` (and its database) with the configuration `f`
    /// adjusts.
    pub fn launch(dir: impl Into<DataDir>, f: impl FnOnce(Config) -> Config) -> Self {
        let dir = dir.into();
        let config = f(dir.config());
        let rocket = praxis::build(config).expect("the app builds");
        let client = Client::untracked(rocket).expect("the app launches");
        Self { client, dir }
    }

    /// Stops this instance and starts another on the same data.
    pub fn restart(self) -> Self {
        let Self { client, dir } = self;
        drop(client);
        Self::on(dir)
    }

    /// Stops this instance and starts another on the same data with the configuration `f`
    /// adjusts, as [`TestApp::with_config`] does.
    pub fn restart_with(self, f: impl FnOnce(Config) -> Config) -> Self {
        let Self { client, dir } = self;
        drop(client);
        Self::launch(dir, f)
    }

    pub fn db(&self) -> &Database {
        self.client
            .rocket()
            .state::<Database>()
            .expect("database state")
    }

    /// Waits (at most ten seconds) until the search index has applied every change saved so
    /// far. A search waits only for its asker's own new records, so a test in which one person
    /// writes and another searches settles the index in between, as time would.
    pub fn index_settled(&self) {
        let index = self
            .client
            .rocket()
            .state::<std::sync::Arc<praxis::search::index::SearchIndex>>()
            .expect("search index state");
        let latest = praxis::search::outbox::latest(&mut self.db().conn().unwrap()).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        index.wake();
        while index
            .shared()
            .applied
            .load(std::sync::atomic::Ordering::Acquire)
            < latest
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the search index did not catch up with change {latest}"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Creates an account with [`PASSWORD`]; returns its id.
    pub fn user(&self, username: &str, role: &str) -> i32 {
        let account = NewAccount::validate(username, None, role, PASSWORD).expect("valid account");
        let mut conn = self.db().conn().unwrap();
        service::create_account(
            &mut conn,
            None,
            &account,
            None,
            praxis::platform::clock::now(),
        )
        .expect("account created")
    }

    /// Links a supervisor (or practice educator) to a supervisee (or student).
    pub fn link(&self, supervisor: &str, supervisee: &str, kind: LinkKind) {
        let mut conn = self.db().conn().unwrap();
        admin::link(
            &mut conn,
            None,
            supervisor,
            supervisee,
            kind,
            None,
            praxis::platform::clock::now(),
        )
        .expect("linked");
        drop(conn);
        // Made through the admin pages, the link would hold every search until its records
        // are re-indexed; made here, the test waits for that itself.
        self.index_settled();
    }

    /// A browser that has not signed in.
    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: RefCell::new(Vec::new()),
            csrf: RefCell::new(None),
        }
    }

    /// A browser signed in as `username`.
    pub fn signed_in(&self, username: &str) -> Browser<'_> {
        let browser = self.browser();
        browser.sign_in(username, PASSWORD).expect(Status::SeeOther);
        browser
    }

    /// A personal API token for `username`.
    pub fn token(&self, username: &str) -> String {
        let reply = self.api(
            Method::Post,
            None,
            "/api/v1/tokens",
            Some(serde_json::json!({"username": username, "password": PASSWORD})),
        );
        assert_eq!(reply.status, Status::Created, "{}", reply.body);
        reply.json()["token"].as_str().expect("token").to_string()
    }

    /// An API request with an optional bearer token and JSON body.
    pub fn api(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self.client.req(method, path.to_string());
        if let Some(token) = token {
            request = request.header(Header::new("Authorization", format!("Bearer {token}")));
        }
        if let Some(body) = body {
            request = request.header(ContentType::JSON).body(body.to_string());
        }
        reply(request.dispatch()).0
    }

    /// An API request with a raw body (for malformed input).
    pub fn api_raw(&self, method: Method, token: &str, path: &str, body: &str) -> Reply {
        let request = self
            .client
            .req(method, path.to_string())
            .header(Header::new("Authorization", format!("Bearer {token}")))
            .header(ContentType::JSON)
            .body(body);
        reply(request.dispatch()).0
    }

    /// A GET with a bearer token whose body is kept as bytes (downloads).
    pub fn get_bytes(&self, token: &str, path: &str) -> Download {
        let request = self
            .client
            .get(path.to_string())
            .header(Header::new("Authorization", format!("Bearer {token}")));
        download(request.dispatch())
    }

    pub fn get_json(&self, token: &str, path: &str) -> Reply {
        self.api(Method::Get, Some(token), path, None)
    }

    pub fn post_json(&self, token: &str, path: &str, body: Value) -> Reply {
        self.api(Method::Post, Some(token), path, Some(body))
    }

    pub fn put_json(&self, token: &str, path: &str, body: Value) -> Reply {
        self.api(Method::Put, Some(token), path, Some(body))
    }

    /// Replaces a shared draft as someone who first read it: the object `body` is sent with
    /// the `version` the document showed (unless it names one), as the API requires.
    pub fn put_as_read(&self, token: &str, path: &str, mut body: serde_json::Value) -> Reply {
        let read = self.get_json(token, path);
        if let (Status::Ok, Some(fields)) = (read.status, body.as_object_mut()) {
            fields
                .entry("version")
                .or_insert_with(|| read.json()["version"].clone());
        }
        self.put_json(token, path, body)
    }

    /// Signs through the API as a client does: reads the document (`sign_path` without
    /// `/sign`) for the `version` it shows `token`'s holder and names it. A document the
    /// holder cannot read gives no version, so the signature names none.
    pub fn sign_as_read(&self, token: &str, sign_path: &str) -> Reply {
        let document = sign_path.strip_suffix("/sign").expect("a sign path");
        let read = self.get_json(token, document);
        let body = match read.status {
            Status::Ok => serde_json::json!({"version": read.json()["version"]}),
            _ => serde_json::json!({}),
        };
        self.post_json(token, sign_path, body)
    }
}

/// A browser: keeps its cookies and the CSRF token of the last page it saw.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: RefCell<Vec<Cookie<'static>>>,
    csrf: RefCell<Option<String>>,
}

fn csrf_in(body: &str) -> Option<String> {
    let pattern = Regex::new(r#"name="csrf" value="([0-9a-f]+)""#).unwrap();
    pattern
        .captures(body)
        .map(|captures| captures[1].to_string())
}

impl Browser<'_> {
    fn remember(&self, reply: &Reply, cookies: Vec<Cookie<'static>>) {
        let mut jar = self.cookies.borrow_mut();
        if cookies.iter().any(|cookie| cookie.name() == "praxis_csrf") {
            // The token rotated (sign-in, sign-out): like a browser, use the next page's.
            *self.csrf.borrow_mut() = None;
        }
        for cookie in cookies {
            jar.retain(|kept| kept.name() != cookie.name());
            let removed = cookie.value().is_empty()
                || cookie
                    .max_age()
                    .is_some_and(|age| age.is_zero() || age.is_negative());
            if !removed {
                jar.push(cookie);
            }
        }
        if let Some(token) = csrf_in(&reply.body) {
            *self.csrf.borrow_mut() = Some(token);
        }
    }

    /// Sends a request and, like a browser, follows the redirect that answers a refused
    /// form (post/redirect/get) to the form's page, whose reply is returned.
    fn send(&self, method: Method, path: &str, form: Option<String>) -> Reply {
        let reply = self.send_once(method, path, form);
        let bounced = reply.status == Status::SeeOther
            && reply.headers.iter().any(|(name, value)| {
                name.eq_ignore_ascii_case("Set-Cookie")
                    && value.starts_with("praxis_bounce=")
                    && !value.starts_with("praxis_bounce=;")
            });
        match reply.location() {
            Some(home) if bounced => {
                let home = home.to_string();
                self.send_once(Method::Get, &home, None)
            }
            _ => reply,
        }
    }

    fn send_once(&self, method: Method, path: &str, form: Option<String>) -> Reply {
        let mut request = self.app.client.req(method, path.to_string());
        for cookie in self.cookies.borrow().iter() {
            request = request.cookie(cookie.clone());
        }
        if let Some(body) = form {
            request = request.header(ContentType::Form).body(body);
        }
        let (reply, cookies) = reply(request.dispatch());
        self.remember(&reply, cookies);
        reply
    }

    pub fn get(&self, path: &str) -> Reply {
        self.send(Method::Get, path, None)
    }

    /// A GET whose body is kept as bytes (downloads); cookies are sent but not updated.
    pub fn get_bytes(&self, path: &str) -> Download {
        let mut request = self.app.client.get(path.to_string());
        for cookie in self.cookies.borrow().iter() {
            request = request.cookie(cookie.clone());
        }
        download(request.dispatch())
    }

    /// The CSRF token from the last page, fetching a page if none was seen.
    pub fn csrf(&self) -> String {
        if self.csrf.borrow().is_none() {
            self.get("/sign-in");
        }
        if self.csrf.borrow().is_none() {
            self.get("/account");
        }
        self.csrf
            .borrow()
            .clone()
            .expect("a page with a CSRF token")
    }

    /// Posts a form with this browser's CSRF token.
    pub fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf", self.csrf())];
        all.extend(fields.iter().map(|(key, value)| (*key, value.to_string())));
        self.post_raw(path, &all)
    }

    /// Posts exactly these fields (no token added).
    pub fn post_raw(&self, path: &str, fields: &[(&str, String)]) -> Reply {
        self.send(Method::Post, path, Some(form_body(fields)))
    }

    /// Posts exactly these fields (no token added) without following any redirect.
    pub fn post_raw_once(&self, path: &str, fields: &[(&str, String)]) -> Reply {
        self.send_once(Method::Post, path, Some(form_body(fields)))
    }

    pub fn sign_in(&self, username: &str, password: &str) -> Reply {
        self.post(
            "/sign-in",
            &[("username", username), ("password", password)],
        )
    }

    /// The cookies this browser holds (to carry a session across a restart).
    pub fn cookies(&self) -> Vec<Cookie<'static>> {
        self.cookies.borrow().clone()
    }

    /// Copies another browser's cookies and token into this one.
    pub fn adopt(&self, cookies: Vec<Cookie<'static>>) {
        *self.cookies.borrow_mut() = cookies;
    }
}

fn form_body(fields: &[(&str, String)]) -> String {
    fields
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    rocket::http::RawStr::new(text).percent_encode().to_string()
}

/// Removes a stopped app's search index folder. A dropped client does not wait for the
/// index's background threads, and a merge finishing just then can add a file while the
/// folder is being emptied; the removal is tried again until the folder stays gone.
pub fn remove_index_folder(folder: &std::path::Path) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        match std::fs::remove_dir_all(folder) {
            Ok(()) => return,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return,
            Err(error) if std::time::Instant::now() >= deadline => {
                panic!("removing {}: {error}", folder.display())
            }
            Err(_) => std::thread::sleep(std::time::Duration::from_millis(50)),
        }
    }
}
