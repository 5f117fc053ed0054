//! The language of the field, query by query: acronyms, legislation and their spelt-out
//! phrasings find each other both ways; stemming and folding; phrases, OR, NOT, `-word`
//! and prefixes; and hostile input that never breaks a search.

use std::collections::BTreeSet;

use rocket::http::Status;

use super::{encode, find, hit_ids, hit_set, note, search_reply};
use crate::common::TestApp;

/// Ways of writing the same thing: every phrasing must find entries written with any other.
/// The third column names groups whose entries a query may also find, because their
/// phrasings contain this group's words ("initial child protection conference" is about
/// child protection).
const GROUPS: &[(&str, &[&str], &[&str])] = &[
    ("s47", &["s47", "s.47", "section 47", "S47", "s 47"], &[]),
    ("s20", &["s20", "section 20", "S.20"], &[]),
    ("s7 report", &["s7 report", "section 7 report"], &[]),
    (
        "lac",
        &[
            "LAC",
            "CLA",
            "looked after children",
            "looked-after child",
            "children in care",
        ],
        &[],
    ),
    ("cp", &["CP", "child protection"], &["icpc", "rcpc"]),
    ("cin", &["CIN", "child in need"], &[]),
    (
        "icpc",
        &["ICPC", "initial child protection conference"],
        &[],
    ),
    ("rcpc", &["RCPC", "review child protection conference"], &[]),
    ("edt", &["EDT", "emergency duty team"], &[]),
    (
        "camhs",
        &["CAMHS", "child and adolescent mental health services"],
        &[],
    ),
    (
        "dv",
        &["DV", "DA", "domestic violence", "domestic abuse"],
        &[],
    ),
    ("yot", &["YOT", "youth offending team"], &[]),
    ("iro", &["IRO", "independent reviewing officer"], &[]),
    ("pe", &["PE", "practice educator"], &[]),
    (
        "asye",
        &["ASYE", "assessed and supported year in employment"],
        &[],
    ),
    ("nqsw", &["NQSW", "newly qualified social worker"], &[]),
    ("plo", &["PLO", "public law outline"], &[]),
    ("mash", &["MASH", "multi-agency safeguarding hub"], &[]),
    ("lado", &["LADO", "local authority designated officer"], &[]),
    ("sgo", &["SGO", "special guardianship order"], &[]),
    ("fgc", &["FGC", "family group conference"], &[]),
    // Stemming: endings do not matter.
    (
        "safeguard",
        &["safeguarding", "safeguard", "safeguards"],
        &["mash"],
    ),
    // Case and accents do not matter.
    ("cafe", &["CAFÉ", "cafe", "Café"], &[]),
];

#[test]
fn every_phrasing_of_a_term_finds_entries_written_with_any_other() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    // One entry per phrasing, each otherwise plain.
    let mut written: Vec<(&str, &str, i64)> = Vec::new();
    for (group, phrasings, _) in GROUPS {
        for phrasing in *phrasings {
            let id = note(
                &app,
                &token,
                "Vocabulary",
                &format!("Talked through the {phrasing} with my manager."),
            );
            written.push((group, phrasing, id));
        }
    }
    let control = note(
        &app,
        &token,
        "Vocabulary",
        "Talked through the visit with my manager.",
    );
    let mut failures = Vec::new();
    for (group, phrasings, overlaps) in GROUPS {
        let wanted: BTreeSet<i64> = written
            .iter()
            .filter(|(other, _, _)| other == group)
            .map(|(_, _, id)| *id)
            .collect();
        let allowed: BTreeSet<i64> = written
            .iter()
            .filter(|(other, _, _)| other == group || overlaps.contains(other))
            .map(|(_, _, id)| *id)
            .collect();
        for query in *phrasings {
            let found = hit_set(&find(&app, &token, query));
            let missing: Vec<&str> = written
                .iter()
                .filter(|(_, _, id)| wanted.contains(id) && !found.contains(id))
                .map(|(_, phrasing, _)| *phrasing)
                .collect();
            let extra: Vec<&str> = written
                .iter()
                .filter(|(_, _, id)| found.contains(id) && !allowed.contains(id))
                .map(|(_, phrasing, _)| *phrasing)
                .collect();
            if !missing.is_empty() || !extra.is_empty() || found.contains(&control) {
                failures.push(format!(
                    "{query:?} missed {missing:?}, also found {extra:?}, control {}",
                    found.contains(&control)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_quoted_phrase_matches_the_words_together_only() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let together = note(&app, &token, "Meeting", "The core group met on Tuesday.");
    let apart = note(
        &app,
        &token,
        "Meeting",
        "The core issue for the group was attendance.",
    );
    let reversed = note(&app, &token, "Meeting", "The group core was missing.");
    assert_eq!(
        hit_ids(&find(&app, &token, "\"core group\"")),
        vec![together]
    );
    assert_eq!(
        hit_set(&find(&app, &token, "core group")),
        BTreeSet::from([together, apart, reversed])
    );
    // A phrase and a word, a phrase excluded, a phrase that is a vocabulary phrasing.
    assert_eq!(
        hit_ids(&find(&app, &token, "\"core group\" tuesday")),
        vec![together]
    );
    let mut failures = Vec::new();
    for (query, expected) in [
        ("group -\"core group\"", BTreeSet::from([apart, reversed])),
        (
            "group NOT \"core group\"",
            BTreeSet::from([apart, reversed]),
        ),
        ("-\"core group\"", BTreeSet::from([apart, reversed])),
        ("\"the core\" -\"core group\"", BTreeSet::from([apart])),
        (
            "\"core group\" OR \"group core\"",
            BTreeSet::from([together, reversed]),
        ),
    ] {
        let reply = search_reply(&app, &token, &[("q", query), ("limit", "100")]);
        if reply.status != Status::Ok {
            failures.push(format!("{query:?} answered {}", reply.status));
        } else if hit_set(&reply.json()) != expected {
            failures.push(format!("{query:?} found {}", reply.body));
        }
    }
    let spelt = note(
        &app,
        &token,
        "Conference",
        "Prepared for the child protection conference.",
    );
    let acronym = note(
        &app,
        &token,
        "Conference",
        "Prepared for the CP conference.",
    );
    let scattered = note(
        &app,
        &token,
        "Conference",
        "The child needs protection, said the conference.",
    );
    let found = hit_set(&find(&app, &token, "\"child protection\""));
    assert!(
        found.contains(&spelt) && found.contains(&acronym),
        "{found:?}"
    );
    assert!(!found.contains(&scattered), "{found:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn or_not_and_minus_behave() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let kestrel = note(&app, &token, "Birds", "A kestrel over the estate.");
    let heron = note(&app, &token, "Birds", "A heron by the canal.");
    let both = note(&app, &token, "Birds", "A kestrel and a heron.");
    let neither = note(&app, &token, "Birds", "Nothing but pigeons.");
    let cases: &[(&str, &[i64])] = &[
        ("kestrel", &[kestrel, both]),
        ("kestrel heron", &[both]),
        ("kestrel AND heron", &[both]),
        ("kestrel OR heron", &[kestrel, heron, both]),
        ("kestrel OR pigeons", &[kestrel, both, neither]),
        ("kestrel NOT heron", &[kestrel]),
        ("kestrel -heron", &[kestrel]),
        ("heron -kestrel", &[heron]),
        ("-kestrel", &[heron, neither]),
        ("NOT kestrel", &[heron, neither]),
        ("-kestrel -heron", &[neither]),
        ("kestrel -heron OR pigeons", &[kestrel, neither]),
    ];
    for (query, expected) in cases {
        let found = hit_set(&find(&app, &token, query));
        let expected: BTreeSet<i64> = expected.iter().copied().collect();
        assert_eq!(found, expected, "{query}");
    }
}

#[test]
fn a_word_ending_in_a_star_matches_words_it_begins() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let safeguarding = note(
        &app,
        &token,
        "Duty",
        "Safeguarding concerns raised at school.",
    );
    let safety = note(&app, &token, "Duty", "A safety plan was agreed.");
    let other = note(&app, &token, "Duty", "Nothing relevant here.");
    let cases: &[(&str, &[i64])] = &[
        ("safeg*", &[safeguarding]),
        ("Safeg*", &[safeguarding]),
        ("safeguardi*", &[safeguarding]),
        ("saf*", &[safeguarding, safety]),
        ("saf* -safety", &[safeguarding]),
        ("concern*", &[safeguarding]),
        ("releva*", &[other]),
        ("zzz*", &[]),
    ];
    let mut failures = Vec::new();
    for (query, expected) in cases {
        let found = hit_set(&find(&app, &token, query));
        let expected: BTreeSet<i64> = expected.iter().copied().collect();
        if found != expected {
            failures.push(format!("{query:?} found {found:?}, not {expected:?}"));
        }
    }
    // The results fragment treats the last word as still being typed.
    let browser = app.signed_in("sam");
    let part = browser
        .get("/search/results?q=safeg&live=true")
        .expect(Status::Ok)
        .body;
    assert!(part.contains(&format!("/entries/{safeguarding}")), "{part}");
    assert!(part.contains("1 result"), "{part}");
    // Every step of typing a word keeps finding it, and marks what matched.
    let word = "safeguarding";
    for length in 2..=word.len() {
        let typed = &word[..length];
        let part = browser
            .get(&format!("/search/results?q={typed}&live=true"))
            .expect(Status::Ok)
            .body;
        if !part.contains(&format!("/entries/{safeguarding}")) {
            failures.push(format!("typing {typed:?} lost the entry"));
        } else if !part.contains("<mark>") {
            failures.push(format!("typing {typed:?} marked nothing"));
        }
    }
    let typed = browser
        .get("/search/results?q=safeg%20&live=true")
        .expect(Status::Ok)
        .body;
    assert!(
        typed.contains("0 results"),
        "a finished word is a word: {typed}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Queries typed in a hurry, pasted, or meant to break things.
fn hostile() -> Vec<String> {
    let mut queries: Vec<String> = [
        "\"core group",
        "core group\"",
        "\"",
        "\"\"",
        "\"\"\"",
        "-",
        "- s47",
        "s47 -",
        "--s47",
        "((",
        "))",
        "(s47",
        "s47)",
        "OR",
        "OR OR",
        "OR s47 OR",
        "NOT",
        "NOT NOT s47",
        "AND",
        "*",
        "**",
        "s*",
        "s47*",
        "*s47",
        "s4?",
        "\u{0}",
        "s47\u{0}",
        "\u{feff}s47",
        "😀",
        "s47 😀 🧒🏽",
        "s47'; DROP TABLE entries; --",
        "' OR '1'='1",
        "1; SELECT * FROM users",
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "{{7*7}}",
        "%",
        "%00",
        "\\",
        "title:s47",
        "s47^2",
        "s47~1",
        "[a TO z]",
        "/.*/",
        "+s47 +",
        "&&||!",
        "ñandú",
        "ß",
        "İstanbul",
        "\u{202e}s47",
        "\t\n\r",
        " ",
    ]
    .iter()
    .map(|query| query.to_string())
    .collect();
    queries.push("s47 ".repeat(2_500));
    queries.push("a".repeat(10_000));
    queries.push("\"".repeat(10_000));
    queries.push("(".repeat(10_000));
    queries.push("- ".repeat(5_000));
    queries.push("OR ".repeat(3_000));
    queries.push("safeg* ".repeat(1_500));
    queries
}

#[test]
fn hostile_input_answers_with_results_or_nothing_never_an_error() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let s47 = note(
        &app,
        &token,
        "Enquiry",
        "The s47 enquiry began; core group next week.",
    );
    note(&app, &token, "Other", "Nothing about it.");
    let browser = app.signed_in("sam");
    let mut failures = Vec::new();
    for query in hostile() {
        let shown: String = query.chars().take(40).collect();
        let reply = search_reply(&app, &token, &[("q", &query)]);
        if reply.status != Status::Ok {
            failures.push(format!("API {shown:?}: {} {}", reply.status, reply.body));
        } else {
            let result = reply.json();
            assert!(result["total"].as_u64().is_some(), "{shown:?}: {result}");
            assert!(result["hits"].is_array(), "{shown:?}: {result}");
        }
        let page = browser.get(&format!("/search?q={}", encode(&query)));
        if page.status != Status::Ok {
            failures.push(format!("page {shown:?}: {}", page.status));
        } else {
            assert!(page.body.contains("<html"), "page {shown:?}");
            assert!(
                page.body.contains("result"),
                "page {shown:?}: {}",
                page.body
            );
            assert!(!page.body.contains("<img src=x"), "page {shown:?}");
        }
        let part = browser.get(&format!("/search/results?live=true&q={}", encode(&query)));
        if part.status != Status::Ok {
            failures.push(format!("fragment {shown:?}: {}", part.status));
        }
    }
    // Queries with words find them, whatever surrounds them.
    for query in [
        "\"core group",
        "- s47",
        "s47 -",
        "(s47",
        "s47)",
        "OR s47 OR",
        "s47*",
        "s47\u{0}",
        "s47 😀 🧒🏽",
        "+s47 +",
        "((s47))",
    ] {
        let found = hit_ids(&find(&app, &token, query));
        if found != vec![s47] {
            failures.push(format!("{query:?} found {found:?}"));
        }
    }
    assert_eq!(
        hit_ids(&find(&app, &token, &"s47 ".repeat(2_500))),
        vec![s47]
    );
    // Words that are in no entry find nothing, however long.
    for query in [
        "a".repeat(10_000),
        "x".repeat(41),
        "<script>alert(1)</script>".to_string(),
        "ñandú".to_string(),
    ] {
        let shown: String = query.chars().take(40).collect();
        let result = find(&app, &token, &query);
        if result["total"] != 0 {
            failures.push(format!("{shown:?} found {}", result["total"]));
        }
    }
    // And the database is where it was.
    assert_eq!(super::search(&app, &token, &[])["total"], 2);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
