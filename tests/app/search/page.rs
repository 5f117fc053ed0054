//! The search page: a plain GET form that works without JavaScript, results with their
//! count and snippets, filters as radios and checkboxes with counts, the results fragment
//! for search-as-you-type, and the search box in the header of every signed-in page.

use regex::Regex;
use rocket::http::Status;
use serde_json::json;

use super::{case, create, days_ago, note};
use crate::common::TestApp;

/// Sam's entries for the page: three about a core group, one not.
fn sam_with_entries(app: &TestApp) -> (String, Vec<i64>) {
    app.user("sam", "practitioner");
    let token = app.token("sam");
    case(app, &token, "FAM-017");
    let ids = vec![
        create(
            app,
            &token,
            json!({"kind": "diary", "title": "Core group one", "body": "The core group met about the s47.",
                   "occurred_on": days_ago(3).to_string(), "cases": ["FAM-017"], "tags": ["CA1989-s47"]}),
        ),
        create(
            app,
            &token,
            json!({"kind": "reflection", "title": "Core group two", "model": "gibbs",
                   "sections": {"analysis": "The core group was tense."}, "cases": ["FAM-017"]}),
        ),
        create(
            app,
            &token,
            json!({"kind": "diary", "title": "Core group three", "body": "Core group minutes typed.",
                   "tags": ["CA1989-s47", "PCF-6"]}),
        ),
    ];
    note(app, &token, "Unrelated", "Supervision about workload.");
    (token, ids)
}

/// The entry ids a page links to, in order.
fn linked(body: &str) -> Vec<i64> {
    Regex::new(r#"<h2 class="entry-title"><a href="/entries/(\d+)">"#)
        .unwrap()
        .captures_iter(body)
        .map(|captures| captures[1].parse().unwrap())
        .collect()
}

#[test]
fn the_page_shows_the_count_snippets_and_filters_with_counts() {
    let app = TestApp::new();
    let (_, ids) = sam_with_entries(&app);
    let browser = app.signed_in("sam");
    let page = browser
        .get("/search?q=%22core+group%22")
        .expect(Status::Ok)
        .body;
    assert!(page.contains("<title>Search"), "{page}");
    assert!(page.contains("3 results"), "{page}");
    let mut shown = linked(&page);
    shown.sort();
    assert_eq!(shown, ids, "{page}");
    assert!(
        page.contains("<mark>core</mark> <mark>group</mark>")
            || page.contains("<mark>core group</mark>"),
        "{page}"
    );
    // What was typed stays in the box, escaped.
    assert!(
        page.contains(r#"value="&quot;core group&quot;""#)
            || page.contains(r#"value="&#34;core group&#34;""#),
        "{page}"
    );
    // Filters: kinds as radios with counts, cases as radios, tags as checkboxes.
    assert!(
        Regex::new(r#"<input type="radio" name="kind" value="diary"[^>]*> Diary note <span class="count">\(2\)</span>"#)
            .unwrap()
            .is_match(&page),
        "{page}"
    );
    assert!(
        Regex::new(r#"<input type="radio" name="kind" value="reflection"[^>]*> [^<]+ <span class="count">\(1\)</span>"#)
            .unwrap()
            .is_match(&page),
        "{page}"
    );
    assert!(
        page.contains(r#"<input type="radio" name="case" value="FAM-017" data-submit> FAM-017 <span class="count">(2)</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<input type="checkbox" name="tag" value="CA1989-s47" data-submit> CA1989-s47 <span class="count">(2)</span>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<input type="checkbox" name="tag" value="PCF-6" data-submit> PCF-6 <span class="count">(1)</span>"#),
        "{page}"
    );

    // Ticking filters is a plain GET of the same form (no JavaScript needed).
    let form = Regex::new(r#"<form method="get" action="/search"[^>]*data-search>"#).unwrap();
    assert!(form.is_match(&page), "{page}");
    let narrowed = browser
        .get("/search?q=core+group&kind=diary&tag=CA1989-s47&tag=PCF-6&case=&from=&to=&sort=relevance")
        .expect(Status::Ok)
        .body;
    assert!(narrowed.contains("1 result<"), "{narrowed}");
    assert_eq!(linked(&narrowed), vec![ids[2]]);
    assert!(
        narrowed.contains(r#"value="CA1989-s47" checked"#),
        "{narrowed}"
    );
    assert!(narrowed.contains(r#"value="diary" checked"#), "{narrowed}");
    let by_case = browser
        .get("/search?q=core+group&case=FAM-017&sort=date")
        .expect(Status::Ok)
        .body;
    assert!(by_case.contains("2 results"), "{by_case}");
    assert!(
        by_case.contains(r#"<option value="date" selected>"#),
        "{by_case}"
    );
    // Nothing found says so.
    let nothing = browser.get("/search?q=zebra").expect(Status::Ok).body;
    assert!(nothing.contains("0 results"), "{nothing}");
    assert!(nothing.contains("Nothing found"), "{nothing}");
    // A bad filter is explained on the page, not an error page.
    let bad = browser.get("/search?q=core&case=NOPE-1");
    assert_eq!(bad.status, Status::UnprocessableEntity);
    assert!(
        bad.body
            .contains("You have no case with the reference NOPE-1"),
        "{}",
        bad.body
    );
    assert!(bad.body.contains(r#"id="q""#), "{}", bad.body);
    // The page without a query is the empty form.
    let empty = browser.get("/search").expect(Status::Ok).body;
    assert!(empty.contains(r#"name="q""#), "{empty}");
    assert!(!empty.contains("results</p>"), "{empty}");
    // Signed out, the page asks to sign in.
    let anonymous = app.browser().get("/search?q=core");
    assert!(
        anonymous.status == Status::SeeOther || anonymous.status == Status::Unauthorized,
        "{anonymous:?}"
    );
    assert!(!anonymous.body.contains("Core group"), "{}", anonymous.body);
}

#[test]
fn more_results_are_a_link_to_the_next_page() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    for number in 0..25 {
        note(
            &app,
            &token,
            &format!("Visit {number}"),
            "Home visit recorded.",
        );
    }
    let browser = app.signed_in("sam");
    let first = browser
        .get("/search?q=visit&kind=diary")
        .expect(Status::Ok)
        .body;
    assert!(first.contains("25 results"), "{first}");
    assert_eq!(linked(&first).len(), 20);
    let next = Regex::new(r#"<a href="([^"]+)" rel="next">"#)
        .unwrap()
        .captures(&first)
        .unwrap_or_else(|| panic!("no next link: {first}"))[1]
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    assert!(next.contains("kind=diary"), "{next}");
    let second = browser.get(&next).expect(Status::Ok).body;
    assert_eq!(linked(&second).len(), 5, "{second}");
    assert!(!second.contains(r#"rel="next""#), "{second}");
    let mut all = linked(&first);
    all.extend(linked(&second));
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25);
}

#[test]
fn the_results_fragment_is_just_the_results() {
    let app = TestApp::new();
    let (_, ids) = sam_with_entries(&app);
    let browser = app.signed_in("sam");
    let part = browser
        .get("/search/results?q=core+gro&live=true")
        .expect(Status::Ok);
    assert!(
        part.header("Content-Type")
            .is_some_and(|kind| kind.starts_with("text/html")),
        "{:?}",
        part.headers
    );
    let body = part.body;
    assert!(!body.contains("<html"), "{body}");
    assert!(!body.contains("<form"), "{body}");
    assert!(!body.contains("site-header"), "{body}");
    assert!(body.contains("3 results"), "{body}");
    let mut shown = linked(&body);
    shown.sort();
    assert_eq!(shown, ids);
    // The same search without JavaScript is the whole page.
    let page = browser.get("/search?q=core+group").expect(Status::Ok).body;
    assert!(page.contains("<html"), "{page}");
    assert!(page.contains("3 results"), "{page}");
    // The fragment explains bad filters too.
    let bad = browser.get("/search/results?q=core&kind=memo&live=true");
    assert_eq!(bad.status, Status::UnprocessableEntity);
    assert!(bad.body.contains("error-summary"), "{}", bad.body);
    assert!(!bad.body.contains("<html"), "{}", bad.body);
}

#[test]
fn every_signed_in_page_has_the_search_box() {
    let app = TestApp::new();
    let (token, ids) = sam_with_entries(&app);
    let _ = token;
    app.user("root", "admin");
    let browser = app.signed_in("sam");
    let search_box = Regex::new(
        r#"(?s)<form class="site-search" method="get" action="/search"[^>]*>.*?<input id="site-search" name="q" type="search""#,
    )
    .unwrap();
    let entry_page = format!("/entries/{}", ids[0]);
    for path in [
        "/",
        "/entries",
        entry_page.as_str(),
        "/entries/new",
        "/cases",
        "/cases/FAM-017",
        "/deadlines",
        "/tags",
        "/cpd",
        "/bin",
        "/account",
        "/search",
        "/search?q=core",
    ] {
        let page = browser.get(path).expect(Status::Ok).body;
        assert!(search_box.is_match(&page), "{path}: {page}");
    }
    let admin = app.signed_in("root");
    for path in ["/", "/admin", "/admin/links", "/admin/audit"] {
        let page = admin.get(path).expect(Status::Ok).body;
        assert!(search_box.is_match(&page), "admin {path}");
    }
    // Signed out there is nothing to search.
    let sign_in = app.browser().get("/sign-in").expect(Status::Ok).body;
    assert!(!search_box.is_match(&sign_in), "{sign_in}");
    // The script offers `/` to jump to the box.
    let script = browser.get("/static/app.js").expect(Status::Ok).body;
    assert!(script.contains("site-search"), "{script}");
}
