//! Timing searches over HTTP, and how soon a saved entry is found under a steady write load.

use std::collections::HashMap;
use std::sync::mpsc;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::http::{Client, encode};
use super::mix::BenchQuery;
use super::stats::{Samples, Searcher};

/// Searches over one keep-alive connection, as the mix's askers.
pub struct ApiSearch {
    client: Client,
    tokens: HashMap<String, String>,
    paths: Vec<String>,
}

impl ApiSearch {
    /// Connects to the server on `port`.
    pub fn new(port: u16, tokens: HashMap<String, String>, mix: &[BenchQuery]) -> Self {
        Self {
            client: Client::connect(port).expect("connect"),
            tokens,
            paths: mix.iter().map(BenchQuery::path).collect(),
        }
    }
}

impl Searcher for ApiSearch {
    fn search(&mut self, at: usize, bench: &BenchQuery, username: &str) -> usize {
        let token = &self.tokens[username];
        let reply = self
            .client
            .get(&self.paths[at], token)
            .expect("search request");
        assert_eq!(reply.status, 200, "{}: {}", self.paths[at], reply.body);
        let _ = bench;
        reply.json()["total"].as_u64().unwrap_or(0) as usize
    }
}

/// How soon entries written through the API were found by a search.
#[derive(Debug, Default)]
pub struct Freshness {
    /// From the create request returning to the first search that finds the entry.
    pub found: Samples,
    /// How long the create requests took.
    pub writes: Samples,
    /// Entries not found within 10 s.
    pub missed: usize,
}

/// A word no generated entry contains, different for every `n`.
fn probe_word(n: usize) -> String {
    let mut word = String::from("zqx");
    let mut rest = n;
    for _ in 0..4 {
        word.push((b'a' + (rest % 26) as u8) as char);
        rest /= 26;
    }
    word
}

/// Searches for `word` until it is found; the time since `written`, or `None` after 10 s.
fn find(port: u16, token: &str, word: &str, written: Instant) -> Option<Duration> {
    let mut client = Client::connect(port).ok()?;
    let path = format!("/api/v1/search?limit=1&q={}", encode(word));
    while written.elapsed() < Duration::from_secs(10) {
        let reply = client.get(&path, token).ok()?;
        if reply.status == 200 && reply.json()["total"].as_u64().unwrap_or(0) > 0 {
            return Some(written.elapsed());
        }
        sleep(Duration::from_millis(2));
    }
    None
}

/// Writes `per_second` entries a second for `seconds` seconds as the token's owner; after
/// each write returns, a thread of its own searches for the new entry until found.
pub fn freshness(port: u16, token: &str, per_second: u32, seconds: u32) -> Freshness {
    let mut writer = Client::connect(port).expect("connect");
    let (found_tx, found_rx) = mpsc::channel();
    let mut result = Freshness::default();
    let period = Duration::from_secs(1) / per_second;
    let start = Instant::now();
    let mut probes = Vec::new();
    for n in 0..(per_second * seconds) as usize {
        let due = start + period * n as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            sleep(wait);
        }
        let word = probe_word(n);
        let body = serde_json::json!({
            "kind": "diary",
            "title": format!("Freshness probe {word}"),
            "body": format!("Home visit note {word}: core group actions checked."),
        });
        let sent = Instant::now();
        let reply = writer
            .post("/api/v1/entries", Some(token), &body.to_string())
            .expect("create request");
        let written = Instant::now();
        result.writes.push(written - sent);
        assert_eq!(reply.status, 201, "create: {}", reply.body);
        let (tx, token) = (found_tx.clone(), token.to_string());
        probes.push(std::thread::spawn(move || {
            let _ = tx.send(find(port, &token, &word, written));
        }));
    }
    drop(found_tx);
    for probe in probes {
        let _ = probe.join();
    }
    for outcome in found_rx {
        match outcome {
            Some(elapsed) => result.found.push(elapsed),
            None => result.missed += 1,
        }
    }
    result
}
