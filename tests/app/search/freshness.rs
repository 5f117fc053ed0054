//! Freshness and snippets: a change saved through the API or a page is found (or no longer
//! found) by the very next search, a renamed case by its new reference; snippets are safe
//! HTML with the match marked.

use std::collections::BTreeMap;

use rocket::http::Status;
use serde_json::json;

use super::{case, create, facet, find, hit_ids, note, search};
use crate::common::TestApp;

#[test]
fn a_saved_change_is_found_by_the_very_next_search() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let browser = app.signed_in("sam");
    let id = note(
        &app,
        &token,
        "Home visit",
        "Noticed the damp in the bedroom.",
    );
    // Created: found at once.
    assert_eq!(hit_ids(&find(&app, &token, "damp")), vec![id]);

    // Changed: the old word no longer finds it, the new one does.
    app.put_json(
        &token,
        &format!("/api/v1/entries/{id}"),
        json!({"kind": "diary", "title": "Home visit", "body": "Noticed the mould in the bedroom."}),
    )
    .expect(Status::Ok);
    assert_eq!(find(&app, &token, "damp")["total"], 0);
    assert_eq!(hit_ids(&find(&app, &token, "mould")), vec![id]);
    // Only one document for the entry, however often it changes.
    for round in 0..3 {
        app.put_json(
            &token,
            &format!("/api/v1/entries/{id}"),
            json!({"kind": "diary", "title": format!("Home visit {round}"),
                   "body": "Noticed the mould in the bedroom."}),
        )
        .expect(Status::Ok);
    }
    let found = find(&app, &token, "mould");
    assert_eq!(hit_ids(&found), vec![id]);
    assert_eq!(found["hits"][0]["title"], "Home visit 2");

    // Binned: gone from search.
    app.api(
        rocket::http::Method::Delete,
        Some(&token),
        &format!("/api/v1/entries/{id}"),
        None,
    )
    .expect(Status::NoContent);
    assert_eq!(find(&app, &token, "mould")["total"], 0);
    assert_eq!(search(&app, &token, &[])["total"], 0);

    // Restored from the bin: found again.
    browser.get("/bin").expect(Status::Ok);
    browser
        .post(&format!("/entries/{id}/restore"), &[])
        .expect(Status::SeeOther);
    assert_eq!(hit_ids(&find(&app, &token, "mould")), vec![id]);

    // Written through a page (quick capture): found at once too.
    browser
        .post("/capture", &[("note", "Persistent truancy discussed.")])
        .expect(Status::SeeOther);
    assert_eq!(find(&app, &token, "truancy")["total"], 1);
}

#[test]
fn renaming_a_case_makes_its_entries_findable_by_the_new_reference() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    case(&app, &token, "FAM-017");
    let linked = create(
        &app,
        &token,
        json!({"kind": "diary", "title": "Visit", "body": "Visit to the family.",
               "cases": ["FAM-017"]}),
    );
    note(&app, &token, "Other", "Visit to another family.");
    assert_eq!(hit_ids(&find(&app, &token, "FAM-017")), vec![linked]);

    app.put_json(
        &token,
        "/api/v1/cases/FAM-017",
        json!({"reference": "FAM-099", "category": "child_in_need"}),
    )
    .expect(Status::Ok);
    let renamed = find(&app, &token, "FAM-099");
    assert_eq!(hit_ids(&renamed), vec![linked], "{renamed}");
    assert_eq!(renamed["hits"][0]["cases"], json!(["FAM-099"]));
    assert_eq!(
        facet(&renamed, "case"),
        BTreeMap::from([("FAM-099".into(), 1)])
    );
    assert_eq!(find(&app, &token, "FAM-017")["total"], 0);
    let filtered = search(&app, &token, &[("case", "FAM-099")]);
    assert_eq!(hit_ids(&filtered), vec![linked]);
}

#[test]
fn snippets_are_safe_html_with_the_match_marked() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let id = note(
        &app,
        &token,
        "Script <em>test</em>",
        "Visit: <script>alert(1)</script> s47 <img src=x onerror=alert(2)> & \"quotes\"",
    );
    let result = find(&app, &token, "s47");
    assert_eq!(hit_ids(&result), vec![id], "{result}");
    let snippet = result["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(snippet.contains("&lt;script&gt;"), "{snippet}");
    assert!(snippet.contains("<mark>s47</mark>"), "{snippet}");
    assert!(!snippet.contains("<script"), "{snippet}");
    assert!(!snippet.contains("<img"), "{snippet}");
    // The only tags left are the marks.
    let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<'), "{snippet}");

    // A title with markup is escaped on the page; the snippet too.
    let browser = app.signed_in("sam");
    let page = browser.get("/search?q=s47").expect(Status::Ok).body;
    assert!(page.contains("&lt;script&gt;"), "{page}");
    assert!(!page.contains("<em>test"), "{page}");
    assert!(
        page.contains("Script &lt;em&gt;test") || page.contains("Script &#60;em&#62;test"),
        "{page}"
    );
    assert!(page.contains("<mark>s47</mark>"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    // Without words, the opening of the text is shown, escaped.
    let browsed = search(&app, &token, &[]);
    let opening = browsed["hits"][0]["snippet_html"].as_str().unwrap();
    assert!(!opening.contains("<script"), "{opening}");
    assert!(!opening.contains("<img"), "{opening}");

    // Results as you type are marked the same way.
    let part = browser
        .get("/search/results?q=s47&live=true")
        .expect(Status::Ok)
        .body;
    assert!(part.contains("<mark>s47</mark>"), "{part}");
    assert!(!part.contains("<script"), "{part}");
}
