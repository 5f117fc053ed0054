//! Cases (pages and API, validation, the confidentiality guard, entries over time) and the
//! tag catalogue (API, browsing, topics, loading at start-up).

use chrono::{Days, NaiveDate};
use diesel::prelude::*;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::{Reply, TestApp};

mod catalogue;
mod topics;

fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

fn days_ago(days: u64) -> String {
    today()
        .checked_sub_days(Days::new(days))
        .unwrap()
        .to_string()
}

/// Whether a problem document names `field` among its errors.
fn names_field(reply: &Reply, field: &str) -> bool {
    reply.header("Content-Type") == Some("application/problem+json")
        && reply.json()["errors"]
            .as_array()
            .is_some_and(|errors| errors.iter().any(|error| error["field"] == field))
}

fn case_count(app: &TestApp) -> i64 {
    use praxis::platform::db::schema::cases;
    let mut conn = app.db().conn().unwrap();
    cases::table.count().get_result(&mut conn).unwrap()
}

fn references(reply: Reply) -> Vec<String> {
    reply
        .expect(Status::Ok)
        .json()
        .as_array()
        .expect("a list of cases")
        .iter()
        .map(|case| case["reference"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn cases_are_created_read_and_changed_through_the_api() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let opened = days_ago(30);
    let created = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-017", "label": "sibling group of three", "category": "child_protection",
                   "cp_primary": "neglect", "cp_secondary": "emotional", "opened_on": opened}),
        )
        .expect(Status::Created);
    assert_eq!(created.location(), Some("/api/v1/cases/FAM-017"));
    let case = created.json();
    for field in [
        "reference",
        "label",
        "category",
        "cp_primary",
        "cp_secondary",
        "status",
        "opened_on",
        "closed_on",
        "privacy_warnings",
    ] {
        assert!(case.get(field).is_some(), "{field} missing from {case}");
    }
    assert_eq!(case["reference"], "FAM-017");
    assert_eq!(case["label"], "sibling group of three");
    assert_eq!(case["category"], "child_protection");
    assert_eq!(case["cp_primary"], "neglect");
    assert_eq!(case["cp_secondary"], "emotional");
    assert_eq!(case["status"], "open");
    assert_eq!(case["opened_on"], opened.as_str());
    assert_eq!(case["closed_on"], Value::Null);
    assert_eq!(case["privacy_warnings"], json!([]));

    let read = app
        .get_json(&token, "/api/v1/cases/FAM-017")
        .expect(Status::Ok)
        .json();
    assert_eq!(read["label"], "sibling group of three");
    // References are matched whatever the case of the letters.
    app.get_json(&token, "/api/v1/cases/fam-017")
        .expect(Status::Ok);

    // A minimal case opens today.
    let minimal = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-018", "category": "looked_after"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(minimal["opened_on"], today().to_string());
    assert_eq!(minimal["label"], Value::Null);
    assert_eq!(minimal["cp_primary"], Value::Null);

    // One worker cannot hold the same reference twice, in any letter case.
    let before = case_count(&app);
    for reference in ["FAM-017", "fam-017", " FAM-017 "] {
        let duplicate = app.post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": reference, "category": "other"}),
        );
        assert_eq!(duplicate.status, Status::UnprocessableEntity, "{reference}");
        assert!(names_field(&duplicate, "reference"), "{}", duplicate.body);
    }
    // Nor rename one case onto another.
    let clash = app.put_json(
        &token,
        "/api/v1/cases/FAM-018",
        json!({"reference": "FAM-017", "category": "looked_after"}),
    );
    assert_eq!(clash.status, Status::UnprocessableEntity);
    assert!(names_field(&clash, "reference"));
    assert_eq!(case_count(&app), before);

    // Closing a case.
    let closed_on = days_ago(1);
    let changed = app
        .put_json(
            &token,
            "/api/v1/cases/FAM-017",
            json!({"reference": "FAM-017", "label": "sibling group", "category": "child_protection",
                   "cp_primary": "neglect", "status": "closed", "opened_on": opened, "closed_on": closed_on}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(changed["status"], "closed");
    assert_eq!(changed["closed_on"], closed_on.as_str());
    assert_eq!(changed["cp_secondary"], Value::Null);
    assert_eq!(changed["label"], "sibling group");

    // The status filter.
    assert_eq!(
        references(app.get_json(&token, "/api/v1/cases?status=open")),
        vec!["FAM-018"]
    );
    assert_eq!(
        references(app.get_json(&token, "/api/v1/cases?status=closed")),
        vec!["FAM-017"]
    );
    let mut all = references(app.get_json(&token, "/api/v1/cases"));
    all.sort();
    assert_eq!(all, vec!["FAM-017", "FAM-018"]);
    let bad = app.get_json(&token, "/api/v1/cases?status=pending");
    assert_eq!(bad.status, Status::UnprocessableEntity);
    assert!(names_field(&bad, "status"));
}

#[test]
fn case_rules_are_checked_and_bad_cases_are_not_saved() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let future = today().checked_add_days(Days::new(2)).unwrap().to_string();
    let refused: Vec<(Value, &str)> = vec![
        // Abuse categories belong to child protection plans only.
        (
            json!({"reference": "C-1", "category": "child_in_need", "cp_primary": "neglect"}),
            "cp_primary",
        ),
        (
            json!({"reference": "C-1", "category": "child_protection", "cp_secondary": "physical"}),
            "cp_secondary",
        ),
        (
            json!({"reference": "C-1", "category": "child_protection", "cp_primary": "sexual", "cp_secondary": "sexual"}),
            "cp_secondary",
        ),
        (
            json!({"reference": "C-1", "category": "child_protection", "cp_primary": "financial"}),
            "cp_primary",
        ),
        // Dates in order and not in the future.
        (
            json!({"reference": "C-1", "category": "other", "status": "closed", "opened_on": days_ago(5), "closed_on": days_ago(10)}),
            "closed_on",
        ),
        (
            json!({"reference": "C-1", "category": "other", "opened_on": future}),
            "opened_on",
        ),
        (
            json!({"reference": "C-1", "category": "other", "opened_on": "2026-02-30"}),
            "opened_on",
        ),
        (
            json!({"reference": "C-1", "category": "other", "status": "open", "closed_on": days_ago(1)}),
            "closed_on",
        ),
        (
            json!({"reference": "C-1", "category": "burglary"}),
            "category",
        ),
        (json!({"reference": "C-1"}), "category"),
        (json!({"category": "other"}), "reference"),
        (
            json!({"reference": "Smith <family>", "category": "other"}),
            "reference",
        ),
        (
            json!({"reference": "C-1", "category": "other", "status": "archived"}),
            "status",
        ),
    ];
    for (body, field) in &refused {
        let reply = app.post_json(&token, "/api/v1/cases", body.clone());
        assert_eq!(reply.status, Status::UnprocessableEntity, "{body}");
        assert!(names_field(&reply, field), "{body}: {}", reply.body);
        assert_eq!(case_count(&app), 0, "{body} was saved");
    }
    // The same rules on a change leave the case as it was.
    app.post_json(
        &token,
        "/api/v1/cases",
        json!({"reference": "C-1", "category": "other"}),
    )
    .expect(Status::Created);
    let before = app.get_json(&token, "/api/v1/cases/C-1").json();
    for (body, field) in &refused {
        let reply = app.put_json(&token, "/api/v1/cases/C-1", body.clone());
        assert_eq!(reply.status, Status::UnprocessableEntity, "{body}");
        assert!(names_field(&reply, field), "{body}: {}", reply.body);
    }
    assert_eq!(app.get_json(&token, "/api/v1/cases/C-1").json(), before);

    // The page says which field is wrong, by the field.
    let browser = app.signed_in("ann");
    let page = browser.post(
        "/cases",
        &[
            ("reference", "C-2"),
            ("category", "child_in_need"),
            ("cp_primary", "neglect"),
        ],
    );
    assert_eq!(page.status, Status::UnprocessableEntity);
    assert!(
        page.body
            .contains("Abuse categories belong to child protection cases only.")
    );
    assert!(
        page.body.contains("value=\"C-2\""),
        "what was typed is kept"
    );
    assert_eq!(case_count(&app), 1);
}

#[test]
fn cases_are_created_and_listed_through_pages() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let browser = app.signed_in("ann");
    browser.get("/cases/new").expect(Status::Ok);
    let created = browser
        .post(
            "/cases",
            &[
                ("reference", "FAM-017"),
                ("label", "sibling group of three"),
                ("category", "child_protection"),
                ("cp_primary", "physical"),
                ("opened_on", &days_ago(3)),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(created.location(), Some("/cases/FAM-017"));
    let page = browser.get("/cases/FAM-017").expect(Status::Ok);
    assert!(page.body.contains("sibling group of three"));
    assert!(page.body.contains("Physical abuse"));
    assert!(browser.get("/cases").body.contains("FAM-017"));
    assert!(
        browser.get("/").body.contains("FAM-017"),
        "open cases on the dashboard"
    );

    let duplicate = browser.post("/cases", &[("reference", "fam-017"), ("category", "other")]);
    assert_eq!(duplicate.status, Status::UnprocessableEntity);
    assert!(duplicate.body.contains("already have a case"));

    browser.get("/cases/FAM-017/edit").expect(Status::Ok);
    browser
        .post(
            "/cases/FAM-017",
            &[
                ("reference", "FAM-017"),
                ("category", "child_in_need"),
                ("status", "closed"),
                ("opened_on", &days_ago(3)),
            ],
        )
        .expect(Status::SeeOther);
    let token = app.token("ann");
    let case = app.get_json(&token, "/api/v1/cases/FAM-017").json();
    assert_eq!(case["status"], "closed");
    assert_eq!(
        case["closed_on"],
        today().to_string(),
        "closing defaults to today"
    );
    assert_eq!(case["label"], Value::Null);
}

#[test]
fn every_case_link_leads_to_its_case() {
    // References may hold letters, digits, spaces and - _ . / (cases::validate), so a
    // local authority's own style, "LA/2026/17", is a valid reference.
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    let references = ["FAM-1", "Child B", "LA/2026/17"];
    for reference in references {
        app.post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": reference, "category": "other"}),
        )
        .expect(Status::Created);
    }
    let entry = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": "Visits", "body": "Three visits.", "cases": references}),
        )
        .expect(Status::Created)
        .json();
    let link = regex::Regex::new(r#"href="(/cases/[^"]+)""#).unwrap();
    let mut broken = Vec::new();
    let mut follow = |page: &str, href: &str, heading: String| {
        // As a browser would send it: spaces encoded, nothing else changed.
        let target = browser.get(&href.replace(' ', "%20"));
        if target.status != Status::Ok || !target.body.contains(&heading) {
            broken.push(format!("{page} links to {href}: {}", target.status));
        }
    };
    for page in [
        "/cases".to_string(),
        "/".to_string(),
        format!("/entries/{}", entry["id"]),
    ] {
        let body = browser.get(&page).expect(Status::Ok).body;
        let hrefs: Vec<String> = link
            .captures_iter(&body)
            .map(|found| found[1].to_string())
            .filter(|href| href != "/cases/new")
            .collect();
        assert_eq!(hrefs.len(), references.len(), "{page}: {hrefs:?}");
        for (href, reference) in hrefs.iter().zip(sorted(&references)) {
            follow(&page, href, format!("<h1>Case {reference}</h1>"));
        }
    }
    // Each case page's own links: editing it, and its entries.
    for reference in references {
        let path = format!(
            "/cases/{}",
            rocket::http::RawStr::new(reference).percent_encode()
        );
        let body = browser.get(&path).expect(Status::Ok).body;
        let edit = link
            .captures_iter(&body)
            .map(|found| found[1].to_string())
            .find(|href| href.ends_with("/edit"))
            .expect("an edit link");
        follow(&path, &edit, format!("<h1>Edit case {reference}</h1>"));
    }
    assert!(
        broken.is_empty(),
        "broken case links:\n{}",
        broken.join("\n")
    );
}

fn sorted<'a>(references: &[&'a str]) -> Vec<&'a str> {
    let mut sorted = references.to_vec();
    sorted.sort_by_key(|reference| reference.to_lowercase());
    sorted
}

#[test]
fn the_confidentiality_guard_checks_case_labels() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    let fields = [
        ("reference", "FAM-020"),
        ("label", "lives at SW1A 1AA"),
        ("category", "child_in_need"),
    ];
    let review = browser.post("/cases", &fields);
    assert_eq!(review.status, Status::UnprocessableEntity);
    assert!(review.body.contains("This may identify someone"));
    assert!(review.body.contains("Label, line 1"));
    assert!(review.body.contains("a UK postcode"));
    assert!(review.body.contains("SW1A 1AA"));
    assert!(
        review.body.contains("value=\"lives at SW1A 1AA\""),
        "kept for editing"
    );
    app.get_json(&token, "/api/v1/cases/FAM-020")
        .expect(Status::NotFound);

    let mut confirmed = fields.to_vec();
    confirmed.push(("confirm_privacy", "true"));
    browser.post("/cases", &confirmed).expect(Status::SeeOther);
    let saved = app
        .get_json(&token, "/api/v1/cases/FAM-020")
        .expect(Status::Ok)
        .json();
    assert_eq!(saved["label"], "lives at SW1A 1AA");

    // The API saves and reports what it found.
    let reply = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-021", "label": "lives at SW1A 1AA", "category": "other"}),
        )
        .expect(Status::Created)
        .json();
    let warnings = reply["privacy_warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{reply}");
    assert_eq!(warnings[0]["field"], "label");
    assert_eq!(warnings[0]["kind"], "postcode");
    assert_eq!(warnings[0]["found"], "SW1A 1AA");
    let changed = app
        .put_json(
            &token,
            "/api/v1/cases/FAM-021",
            json!({"reference": "FAM-021", "label": "mum: jo@example.com", "category": "other"}),
        )
        .expect(Status::Ok)
        .json();
    assert_eq!(changed["privacy_warnings"][0]["kind"], "email");
    let clean = app
        .post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": "FAM-022", "label": "s47 enquiry, two children", "category": "other"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(clean["privacy_warnings"], json!([]));
}

#[test]
fn a_case_page_shows_its_entries_newest_first() {
    let app = TestApp::new();
    app.user("ann", "practitioner");
    let token = app.token("ann");
    let browser = app.signed_in("ann");
    for reference in ["FAM-017", "FAM-099"] {
        app.post_json(
            &token,
            "/api/v1/cases",
            json!({"reference": reference, "category": "child_in_need", "opened_on": days_ago(60)}),
        )
        .expect(Status::Created);
    }
    // Written out of order; the page orders by the day they are about.
    for (title, days, case) in [
        ("Initial visit", 40, "FAM-017"),
        ("Core group", 5, "FAM-017"),
        ("Strategy discussion", 20, "FAM-017"),
        ("Another family entirely", 10, "FAM-099"),
    ] {
        app.post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": title, "body": "Notes.", "occurred_on": days_ago(days), "cases": [case]}),
        )
        .expect(Status::Created);
    }
    let whole = browser.get("/cases/FAM-017").expect(Status::Ok).body;
    // The record-an-event form names event kinds too; look only at the entries.
    let page = &whole[whole
        .find("Entries over time")
        .expect("the entries section")..];
    let at = |title: &str| {
        page.find(title)
            .unwrap_or_else(|| panic!("{title} missing from the case page"))
    };
    assert!(at("Core group") < at("Strategy discussion"));
    assert!(at("Strategy discussion") < at("Initial visit"));
    assert!(!page.contains("Another family entirely"));
    // The API's case filter agrees.
    let listed: Vec<String> = app.get_json(&token, "/api/v1/entries?case=FAM-017").json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        listed,
        vec!["Core group", "Strategy discussion", "Initial visit"]
    );
}
