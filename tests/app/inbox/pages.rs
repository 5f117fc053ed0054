//! The inbox on the dashboard, its own page and the navigation count, oldest first, with
//! counts per kind in the API.

use rocket::http::Status;

use super::{inbox, items};
use crate::common::TestApp;
use crate::supervision::{agree, create, days_ago, draft, pair};

#[test]
fn items_come_oldest_first_with_counts_on_the_page_the_dashboard_and_the_api() {
    let app = TestApp::new();
    let (pat, _sam) = pair(&app, "pat", "sam");
    create(&app, &pat, "sam", draft(days_ago(3)));
    create(&app, &pat, "sam", draft(days_ago(9)));
    agree(&app, &pat, "sam", "monthly", days_ago(1));

    let waiting = inbox(&app, &app.token("sam"));
    let dates: Vec<String> = items(&waiting)
        .iter()
        .map(|item| item["date"].as_str().unwrap().to_string())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
    assert_eq!(dates[0], days_ago(9).to_string());
    assert_eq!(waiting["counts"]["record_to_sign"], 2);
    assert_eq!(waiting["counts"]["agreement_to_sign"], 1);
    assert_eq!(waiting["total"], 3);
    let document: serde_json::Value = serde_json::from_str(praxis::openapi::DOCUMENT).unwrap();
    let required = |schema: &str| -> Vec<String> {
        let mut fields: Vec<String> = document["components"]["schemas"][schema]["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|field| field.as_str().unwrap().to_string())
            .collect();
        fields.sort();
        fields
    };
    let sent = |value: &serde_json::Value| -> Vec<String> {
        value.as_object().unwrap().keys().cloned().collect()
    };
    assert_eq!(sent(&waiting), required("Inbox"));
    assert_eq!(sent(&items(&waiting)[0]), required("InboxItem"));

    let browser = app.signed_in("sam");
    let page = browser.get("/inbox").expect(Status::Ok).body;
    assert!(page.contains("Supervision record to sign: 2"), "{page}");
    assert!(page.contains("/supervision/with/pat/agreement#signatures-heading"));
    let home = browser.get("/").expect(Status::Ok).body;
    assert!(home.contains("id=\"inbox-heading\""));
    assert!(home.contains("/supervision/with/pat/agreement#signatures-heading"));
    // Pages that gather the inbox show its count at once; others leave it to the browser.
    let shown = r#"data-inbox-count data-inbox-known aria-label="3 waiting">3</span>"#;
    assert!(home.contains(shown), "{home}");
    assert!(page.contains(shown), "{page}");
    let other = browser.get("/entries").expect(Status::Ok).body;
    assert!(other.contains("data-inbox-count hidden"), "{other}");
    assert!(!other.contains("data-inbox-known"));
    let count = browser.get("/inbox/count").expect(Status::Ok);
    assert_eq!(count.json()["total"], 3);
}

#[test]
fn the_inbox_needs_a_signed_in_person() {
    let app = TestApp::new();
    let page = app.browser().get("/inbox");
    assert_eq!(page.status, Status::SeeOther);
    let api = app.api_raw(
        rocket::http::Method::Get,
        "not-a-token",
        "/api/v1/inbox",
        "",
    );
    assert_eq!(api.status, Status::Unauthorized);
}
