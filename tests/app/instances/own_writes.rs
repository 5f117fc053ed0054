//! Read-your-writes across instances: whoever saves through one instance finds it by their
//! very next search through another, without waiting for that instance to poll the outbox.

use rocket::http::Status;

use super::SharedDatabase;
use crate::search::{find, hit_ids, note};

/// Rounds of write-then-search: the other instance's poll (every 250 ms) would now and then
/// find a write in time by chance, but not every time over this many.
const ROUNDS: usize = 8;

#[test]
fn an_author_finds_their_write_at_once_through_another_instance() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    let b = shared.instance();
    a.user("sam", "practitioner");
    let token = a.token("sam");
    for round in 0..ROUNDS {
        let word = format!("skateboard{round}");
        let id = note(&a, &token, "Visit", &format!("Talked about the {word}."));
        let hits = hit_ids(&find(&b, &token, &word));
        assert!(
            hits.contains(&id),
            "round {round}: entry {id}, saved through A, not found by the next search through B"
        );
        let word = format!("allotment{round}");
        let id = note(&b, &token, "Visit", &format!("Talked about the {word}."));
        let hits = hit_ids(&find(&a, &token, &word));
        assert!(
            hits.contains(&id),
            "round {round}: entry {id}, saved through B, not found by the next search through A"
        );
    }
}

#[test]
fn a_browser_finds_its_entry_at_once_on_the_search_page_of_another_instance() {
    let shared = SharedDatabase::new();
    let a = shared.instance();
    let b = shared.instance();
    a.user("sam", "practitioner");
    let through_a = a.signed_in("sam");
    // One browser whose requests a load balancer spreads over both instances.
    let through_b = b.browser();
    through_b.adopt(through_a.cookies());
    for round in 0..ROUNDS {
        let word = format!("caravan{round}");
        let saved = through_a
            .post(
                "/entries",
                &[
                    ("kind", "diary"),
                    ("title", "Duty day"),
                    ("body", &format!("A call about the {word} site.")),
                ],
            )
            .expect(Status::SeeOther);
        let entry = saved.location().expect("the new entry's page").to_owned();
        let page = through_b
            .get(&format!("/search?q={word}"))
            .expect(Status::Ok);
        assert!(
            page.body.contains(&format!("href=\"{entry}\"")),
            "round {round}: {entry}, saved through A, not on B's search page:\n{}",
            page.body
        );
    }
}
