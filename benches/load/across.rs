//! How soon a write through one instance is found through the other: a practitioner saves
//! an entry shared with their supervisor through one instance, and the supervisor searches
//! for its word through the other until it is found (for at most ten seconds). Directions
//! alternate. The searcher is the supervisor, not the author: an author's own search
//! through another instance is the cross-instance read-your-writes case, measured apart.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::client::request;
use super::percentile::nearest_rank_ms;
use super::script::letters;
use super::team::Member;

/// How long a probe searches before it counts the write as not found.
const GIVE_UP: Duration = Duration::from_secs(10);
/// Between two searches of one probe.
const POLL: Duration = Duration::from_millis(10);
/// Between the starts of two probes.
const PERIOD: Duration = Duration::from_millis(250);

/// Who writes, who searches, and through which ports.
pub struct Prober<'a> {
    /// The author (a practitioner).
    pub writer: &'a Member,
    /// Their supervisor, who may read what they share.
    pub reader: &'a Member,
    /// The two instances' ports.
    pub ports: [u16; 2],
    /// Letters unique to the bench run, so that no earlier probe's entry matches.
    pub run_tag: String,
    /// The number of the next probe, which makes its word.
    pub next: AtomicU64,
}

/// What the probes found.
#[derive(Debug, Clone, Default)]
pub struct Across {
    /// From the write's 201 to the first search through the other instance that found it.
    pub found: Vec<Duration>,
    /// Writes not found within [`GIVE_UP`].
    pub missed: usize,
    /// Writes or searches answered other than 201/200, or not answered.
    pub failed: usize,
}

impl Across {
    /// The nearest-rank percentile `p` (0-100) of the found times, ms; NaN with none.
    pub fn percentile_ms(&self, p: f64) -> f64 {
        nearest_rank_ms(&self.found, p)
    }

    /// Probes made.
    pub fn probes(&self) -> usize {
        self.found.len() + self.missed + self.failed
    }
}

impl Prober<'_> {
    /// Probes one every [`PERIOD`] until `stop` is set (a probe under way finishes first).
    pub fn until(&self, stop: &AtomicBool) -> Across {
        let mut across = Across::default();
        while !stop.load(Ordering::Relaxed) {
            self.paced_probe(&mut across);
        }
        across
    }

    /// Makes `count` probes one after another.
    pub fn times(&self, count: usize) -> Across {
        let mut across = Across::default();
        for _ in 0..count {
            self.paced_probe(&mut across);
        }
        across
    }

    fn paced_probe(&self, across: &mut Across) {
        let started = Instant::now();
        self.probe(self.next.fetch_add(1, Ordering::Relaxed), across);
        sleep(PERIOD.saturating_sub(started.elapsed()));
    }

    fn probe(&self, number: u64, across: &mut Across) {
        let (write_port, search_port) = if number.is_multiple_of(2) {
            (self.ports[0], self.ports[1])
        } else {
            (self.ports[1], self.ports[0])
        };
        let word = format!("qzacross{}x{}", self.run_tag, letters(number));
        let entry = serde_json::json!({
            "kind": "diary",
            "title": format!("Shared visit note {word}"),
            "body": format!("Visit with the family; plan reviewed. Marker {word}."),
            "visibility": "supervisor",
        });
        let written = request(
            write_port,
            "POST",
            "/api/v1/entries",
            &[
                format!("Authorization: Bearer {}", self.writer.token),
                "Content-Type: application/json".into(),
            ],
            Some(&entry.to_string()),
        );
        if !matches!(written, Ok(ref answer) if answer.status == 201) {
            across.failed += 1;
            return;
        }
        let saved = Instant::now();
        let auth = format!("Authorization: Bearer {}", self.reader.token);
        let path = format!("/api/v1/search?limit=1&q={word}");
        while saved.elapsed() < GIVE_UP {
            let answer = match request(search_port, "GET", &path, std::slice::from_ref(&auth), None)
            {
                Ok(answer) if answer.status == 200 => answer,
                _ => {
                    across.failed += 1;
                    return;
                }
            };
            let total = serde_json::from_str::<serde_json::Value>(&answer.body)
                .ok()
                .and_then(|body| body["total"].as_u64())
                .unwrap_or(0);
            if total > 0 {
                across.found.push(saved.elapsed());
                return;
            }
            sleep(POLL);
        }
        across.missed += 1;
    }
}
