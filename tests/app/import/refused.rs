//! Files an import refuses, each with a message naming the file, entry and field, and each
//! leaving nothing written.

use serde_json::json;

use super::formats::day_one_zip;
use super::{actor, import, import_limited, written, zip_of};
use crate::common::TestApp;

#[track_caller]
fn refused_with(app: &TestApp, name: &str, bytes: &[u8], words: &[&str]) {
    let sam = actor(app, "sam");
    let message = import(app, &sam, name, bytes).expect_err("refused");
    for word in words {
        assert!(message.contains(word), "{word:?} not in {message:?}");
    }
    assert_eq!(written(app, &sam), (0, 0), "nothing written for {name}");
}

#[test]
fn malformed_files_are_refused_with_nothing_written() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    refused_with(
        &app,
        "broken.json",
        b"{\"entries\": [",
        &["broken.json", "JSON"],
    );
    let wrong_type = json!({"metadata": {}, "entries": [
        {"uuid": "X1", "creationDate": "2024-03-01T09:30:00Z", "text": "fine"},
        {"uuid": "X2", "creationDate": 20240301, "text": "a number for a date"}
    ]});
    refused_with(
        &app,
        "Journal.json",
        wrong_type.to_string().as_bytes(),
        &["Journal.json", "entries[1].creationDate"],
    );
    let missing_date = json!({"tags": {}, "entries": [
        {"date": "2024-01-01", "title": "Fine", "body": "x", "tags": []},
        {"title": "No date", "body": "x", "tags": []}
    ]});
    refused_with(
        &app,
        "jrnl.json",
        missing_date.to_string().as_bytes(),
        &["jrnl.json", "entries[1]", "date"],
    );
    refused_with(
        &app,
        "notes.zip",
        &zip_of(&[("fine.md", b"Fine"), ("../../etc/evil.md", b"climbs out")]),
        &["notes.zip", "../../etc/evil.md", "outside"],
    );
    refused_with(&app, "latin1.md", b"Caf\xe9 notes", &["latin1.md", "UTF-8"]);
    refused_with(
        &app,
        "notes.zip",
        &zip_of(&[("fine.md", b"Fine"), ("bad.md", b"Caf\xe9")]),
        &["bad.md", "UTF-8"],
    );
}

#[test]
fn a_bad_entry_late_in_a_file_writes_none_of_the_good_ones() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let journal = json!({"metadata": {}, "entries": [
        {"uuid": "G1", "creationDate": "2024-03-01T09:30:00Z", "text": "Good"},
        {"uuid": "G2", "creationDate": "1970-03-01T09:30:00Z", "text": "Before the journal's dates"}
    ]});
    refused_with(
        &app,
        "Journal.json",
        journal.to_string().as_bytes(),
        &["Journal.json, entry 2 (G2)", "occurred_on"],
    );
}

#[test]
fn files_over_the_limit_and_zips_that_expand_past_it_are_refused() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = actor(&app, "sam");
    let bytes = day_one_zip();
    let message =
        import_limited(&app, &sam, "Day One.zip", &bytes, (bytes.len() - 1) as u64).unwrap_err();
    assert!(
        message.contains("larger than the import limit"),
        "{message}"
    );
    // A small zip of a large, very compressible file: refused while reading, never unpacked.
    let bomb = zip_of(&[("big.md", &vec![b'a'; 5_000_000])]);
    assert!(bomb.len() < 100_000, "the fixture compresses well");
    let message = import_limited(&app, &sam, "bomb.zip", &bomb, 1_000_000).unwrap_err();
    assert!(message.contains("expands to more than"), "{message}");
    assert_eq!(written(&app, &sam), (0, 0));
}
