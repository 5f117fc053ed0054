//! The should-match fallback: a query whose words are not all found together in a page's
//! worth of entries also finds entries with most of its words, ranked below the full
//! matches; phrases, exclusions and prefixes stay exact.

use super::{find, hit_ids, note, search};
use crate::common::TestApp;

#[test]
fn entries_with_most_of_the_words_follow_those_with_all_of_them() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let two = note(&app, &token, "Visit", "The garden fence needed mending.");
    let all = note(
        &app,
        &token,
        "Visit",
        "Garden fence repair agreed with the landlord.",
    );
    let one = note(&app, &token, "Visit", "The garden was tidy.");
    let walled = note(
        &app,
        &token,
        "Visit",
        "The garden wall and fence were down.",
    );
    app.index_settled();

    let found = hit_ids(&find(&app, &token, "garden fence repair"));
    assert_eq!(
        found.first(),
        Some(&all),
        "the entry with every word comes first: {found:?}"
    );
    assert!(found.contains(&two), "two of three words: {found:?}");
    assert!(found.contains(&walled), "two of three words: {found:?}");
    assert!(
        !found.contains(&one),
        "one word of three is not most of them: {found:?}"
    );

    // An exclusion stays exact.
    let found = hit_ids(&find(&app, &token, "garden fence repair -wall"));
    assert!(!found.contains(&walled), "{found:?}");
    assert!(found.contains(&two), "{found:?}");
    // A phrase stays exact: most of the other words, and "fence repair" in that order.
    let found = hit_ids(&find(&app, &token, "garden landlord tidy \"fence repair\""));
    assert_eq!(found, vec![all], "{found:?}");

    // With a page's worth of full matches, nothing is relaxed.
    let page_of_one = search(
        &app,
        &token,
        &[("q", "garden fence repair"), ("limit", "1")],
    );
    assert_eq!(page_of_one["total"], 1, "{page_of_one}");
}
