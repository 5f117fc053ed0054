//! CPD for Social Work England (issue 18): the kind of activity from a closed list (pages,
//! API, older free text kept as "other"), and a registration year laid out in the order the
//! online form asks, to copy field by field or download as text and CSV, for its owner alone.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::supervision::{days_ago, pair};

/// A CPD record's JSON with `activity` fields merged in.
fn record(title: &str, on: &str, activity: Value) -> Value {
    let mut cpd = json!({"description": "A day on neglect.", "learning": "=cumulative harm",
                         "impact": "Chronologies in \"every\" case.", "hours": 6.5,
                         "peer_role": "Senior practitioner", "peer_reflection": "We talked it over."});
    for (key, value) in activity.as_object().unwrap() {
        cpd[key] = value.clone();
    }
    json!({"kind": "cpd", "title": title, "occurred_on": on, "cpd": cpd})
}

#[test]
fn the_kind_of_activity_is_one_of_the_list_and_older_free_text_is_kept_as_other() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    let today = days_ago(0).to_string();
    let saved = |activity: Value| -> Value {
        app.post_json(&sam, "/api/v1/entries", record("Course", &today, activity))
            .expect(Status::Created)
            .json()["cpd"]
            .clone()
    };
    let chosen = saved(json!({"activity": "shadowing"}));
    assert_eq!(chosen["activity"], "shadowing");
    assert_eq!(chosen["activity_type"], "Shadowing or observation");
    let other = saved(json!({"activity": "other", "activity_type": "Book club"}));
    assert_eq!(
        (other["activity"].as_str(), other["activity_type"].as_str()),
        (Some("other"), Some("Book club"))
    );
    // An older client sends free text alone: a kind's name or label is that kind.
    let named = saved(json!({"activity_type": "Reading or research"}));
    assert_eq!(named["activity"], "reading");
    let free = saved(json!({"activity_type": "Course on the PLO"}));
    assert_eq!(free["activity"], "other");
    assert_eq!(free["activity_type"], "Course on the PLO");

    let refused = app
        .post_json(
            &sam,
            "/api/v1/entries",
            record("Bad", &today, json!({"activity": "juggling"})),
        )
        .expect(Status::UnprocessableEntity);
    assert!(refused.body.contains("cpd.activity"), "{}", refused.body);
    assert!(refused.body.contains("peer_learning"), "{}", refused.body);
}

#[test]
fn the_form_offers_the_kinds_and_shows_the_chosen_one() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let form = browser.get("/entries/new?kind=cpd").expect(Status::Ok).body;
    assert!(form.contains(r#"<select id="cpd.activity" name="cpd_activity""#));
    for label in ["Course or training", "Peer learning or discussion", "Other"] {
        assert!(form.contains(&format!(">{label}</option>")), "{label}");
    }
    let fields = [
        ("kind", "cpd"),
        ("title", "Action learning set"),
        ("cpd_activity", "peer_learning"),
        ("cpd_activity_type", "ignored for a listed kind"),
        ("cpd_description", "Monthly set with colleagues."),
        ("cpd_learning", "Hypothesising."),
        ("cpd_impact", "Clearer analysis."),
        ("cpd_hours", "2"),
    ];
    let saved = browser.post("/entries", &fields).expect(Status::SeeOther);
    let path = saved.location().unwrap().to_string();
    let page = browser.get(&path).expect(Status::Ok).body;
    assert!(
        page.contains("<dd>Peer learning or discussion</dd>"),
        "{page}"
    );
    assert!(!page.contains("ignored for a listed kind"));
    let edit = browser.get(&format!("{path}/edit")).expect(Status::Ok).body;
    assert!(edit.contains(r#"<option value="peer_learning" selected>"#));

    let missing = browser
        .post(
            "/entries",
            &[("kind", "cpd"), ("title", "No kind"), ("cpd_activity", "")],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(missing.contains(r#"id="cpd.activity-error""#));
}

#[test]
fn a_year_is_laid_out_in_the_forms_order_for_its_owner_alone() {
    let app = TestApp::new();
    let (_pat, sam) = pair(&app, "pat", "sam");
    let on = days_ago(0);
    let newer = record(
        "Neglect course",
        &on.to_string(),
        json!({"activity": "course"}),
    );
    let (older_day, last_day) = praxis::journal::cpd::registration_year(on);
    let older = record(
        "Reading on attachment",
        &older_day.to_string(),
        json!({"activity": "reading"}),
    );
    for body in [newer, older] {
        app.post_json(&sam, "/api/v1/entries", body)
            .expect(Status::Created);
    }
    let year = chrono::Datelike::year(&last_day);
    let browser = app.signed_in("sam");
    let cpd = browser
        .get(&format!("/cpd?year={year}"))
        .expect(Status::Ok)
        .body;
    let path = format!("/cpd/year/{year}/swe");
    assert!(cpd.contains(&format!("href=\"{path}\"")));

    let page = browser.get(&path).expect(Status::Ok).body;
    let order = [
        "Type of CPD activity",
        "Description of the activity and why it was relevant",
        "Date of the activity",
        "What did you learn?",
        "What impact has it had",
        "the peer&#39;s role",
        "what you discussed",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|label| {
            page.find(label)
                .unwrap_or_else(|| panic!("{label} in {page}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|pair| pair[0] < pair[1]),
        "{positions:?}"
    );
    let first = page.find("Reading or research").expect("the older record");
    let second = page.find("Course or training").expect("the newer record");
    assert!(first < second, "oldest first");
    assert!(page.contains("data-copy=\"swe-"));
    assert!(page.contains("/static/copy.js"));
    assert!(page.contains(&older_day.format("%d/%m/%Y").to_string()));

    let text = browser.get(&format!("{path}.txt")).expect(Status::Ok);
    assert!(
        text.header("Content-Type")
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(
        text.header("Content-Disposition")
            .unwrap()
            .contains("attachment")
    );
    assert!(
        text.body
            .contains("What did you learn?\n=cumulative harm\n"),
        "{}",
        text.body
    );
    let csv = browser.get(&format!("{path}.csv")).expect(Status::Ok);
    assert!(csv.header("Content-Type").unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.split("\r\n").collect();
    assert!(
        lines[0].starts_with("\"Title\",\"Type of CPD activity\""),
        "{}",
        lines[0]
    );
    assert_eq!(
        lines.len(),
        4,
        "a heading, two records, the end: {}",
        csv.body
    );
    assert!(
        csv.body.contains("\"'=cumulative harm\""),
        "no formula: {}",
        csv.body
    );
    assert!(csv.body.contains("Chronologies in \"\"every\"\" case."));

    // Nobody else reads sam's year: pat's own is empty, and nothing of sam's shows.
    let pats = app.signed_in("pat").get(&path).expect(Status::Ok).body;
    assert!(pats.contains("No CPD records in that registration year."));
    assert!(!pats.contains("Neglect course") && !pats.contains("attachment"));
    // A year not begun, or before any, is refused by name.
    let refused = browser
        .get(&format!("/cpd/year/{}/swe", year + 1))
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(refused.contains("registration year"), "{refused}");
}
