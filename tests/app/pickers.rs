//! Words, not codes: the tag and case boxes take words and codes separated with commas, and
//! the suggestion API offers a person's own cases and usable tags, nobody else's.

use rocket::http::Status;
use serde_json::Value;

use crate::common::{Browser, TestApp};

fn suggestions(browser: &Browser<'_>, kind: &str, typed: &str) -> Vec<String> {
    let path = format!("/api/v1/suggestions/{kind}?q={}", typed.replace(' ', "%20"));
    let reply = browser.get(&path).expect(Status::Ok);
    reply
        .json()
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|choice: &Value| choice["value"].as_str().map(str::to_string))
        .collect()
}

/// sam with case FAM-014 ("Child B, school refusal") and a topic of their own.
fn sam_with_a_case(app: &TestApp) -> Browser<'_> {
    app.user("sam", "practitioner");
    let sam = app.signed_in("sam");
    sam.get("/");
    sam.post(
        "/cases",
        &[
            ("reference", "FAM-014"),
            ("label", "Child B, school refusal"),
            ("category", "other"),
        ],
    )
    .expect(Status::SeeOther);
    sam.post("/tags", &[("title", "Attachment theory")])
        .expect(Status::SeeOther);
    sam
}

/// Saves an entry from the form and returns its page.
fn saved_entry_page(browser: &Browser<'_>, fields: &[(&str, &str)]) -> String {
    let saved = browser.post("/entries", fields).expect(Status::SeeOther);
    let location = saved.location().expect("the entry").to_string();
    browser.get(&location).expect(Status::Ok).body
}

#[test]
fn words_in_the_tag_box_are_tags() {
    let app = TestApp::new();
    let sam = sam_with_a_case(&app);
    let page = saved_entry_page(
        &sam,
        &[
            ("kind", "diary"),
            ("body", "Strategy discussion held."),
            ("tag_codes", "s47, PCF 6, critical reflection, care act"),
            ("case_refs", "fam-014"),
        ],
    );
    for code in ["CA1989-s47", "PCF-6", "CareAct2014", "FAM-014"] {
        assert!(page.contains(code), "{code} linked");
    }
}

#[test]
fn a_case_is_found_by_words_from_its_label() {
    let app = TestApp::new();
    let sam = sam_with_a_case(&app);
    let page = saved_entry_page(
        &sam,
        &[
            ("kind", "diary"),
            ("body", "School meeting."),
            ("case_refs", "school refusal"),
        ],
    );
    assert!(page.contains("FAM-014"));
}

#[test]
fn unknown_words_are_named_and_kept() {
    let app = TestApp::new();
    let sam = sam_with_a_case(&app);
    let refused = sam.post(
        "/entries",
        &[
            ("kind", "diary"),
            ("body", "Visit."),
            ("tag_codes", "s47, zebra crossing"),
        ],
    );
    assert_eq!(refused.status, Status::UnprocessableEntity);
    assert!(
        refused.body.contains("Unknown tag: zebra crossing."),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("s47, zebra crossing") || refused.body.contains("CA1989-s47"));
}

#[test]
fn suggestions_come_from_words() {
    let app = TestApp::new();
    let sam = sam_with_a_case(&app);
    for (typed, code) in [
        ("s47", "CA1989-s47"),
        ("section 47", "CA1989-s47"),
        ("care act", "CareAct2014"),
        ("PCF 6", "PCF-6"),
        ("critical reflection", "PCF-6"),
        ("attach", "attachment-theory"),
    ] {
        let found = suggestions(&sam, "tags", typed);
        assert!(found.contains(&code.to_string()), "{typed}: {found:?}");
    }
    assert_eq!(
        suggestions(&sam, "cases", "fam"),
        vec!["FAM-014".to_string()]
    );
    assert_eq!(
        suggestions(&sam, "cases", "school"),
        vec!["FAM-014".to_string()]
    );
}

#[test]
fn suggestions_never_show_anyone_elses_cases_or_topics() {
    let app = TestApp::new();
    let _sam = sam_with_a_case(&app);
    app.user("kim", "practitioner");
    let kim = app.signed_in("kim");
    assert!(suggestions(&kim, "cases", "fam").is_empty());
    assert!(suggestions(&kim, "cases", "school").is_empty());
    assert!(!suggestions(&kim, "tags", "attach").contains(&"attachment-theory".to_string()));
    let stranger = app.browser();
    assert_eq!(
        stranger.get("/api/v1/suggestions/cases?q=fam").status,
        Status::Unauthorized
    );
    let long = "x".repeat(101);
    assert_eq!(
        kim.get(&format!("/api/v1/suggestions/tags?q={long}"))
            .status,
        Status::UnprocessableEntity
    );
}

/// What `username`'s draft `text` mentions, asked with their API token.
fn mentions_for(app: &TestApp, username: &str, text: &str) -> Value {
    let token = app.token(username);
    app.post_json(
        &token,
        "/api/v1/suggestions/mentions",
        serde_json::json!({ "text": text }),
    )
    .expect(Status::Ok)
    .json()
}

#[test]
fn a_draft_s_mentions_are_offered_from_the_writer_s_own_cases() {
    let app = TestApp::new();
    let _sam = sam_with_a_case(&app);
    app.user("kim", "practitioner");
    let text = "Core group under section 47 for FAM-014 and FAM-0145.";
    let found = mentions_for(&app, "sam", text);
    assert_eq!(found["tags"][0]["value"], "CA1989-s47", "{found}");
    assert_eq!(found["cases"].as_array().map(Vec::len), Some(1), "{found}");
    assert_eq!(found["cases"][0]["value"], "FAM-014");
    let for_kim = mentions_for(&app, "kim", text);
    assert_eq!(
        for_kim["cases"],
        serde_json::json!([]),
        "nobody else's cases"
    );
}
