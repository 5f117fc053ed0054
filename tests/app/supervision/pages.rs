//! The pages: a record prints both signatures and its amendments; the record form shows each
//! error by its field and keeps what was typed; a pair's history lists sessions against the
//! agreement; everything is done with plain forms and links, without JavaScript.

use regex::Regex;
use rocket::http::Status;
use serde_json::json;

use super::{
    agree, create, days_ago, days_ahead, draft, get, id, in_london, lock, open_case, pair, section,
    sessions, stamp, today,
};
use crate::common::TestApp;
use crate::forms::sign_as_shown;

/// Fails unless the error for `field` is shown in the same field as the control `control_id`.
#[track_caller]
fn error_by(html: &str, field: &str, control_id: &str) {
    let error = format!("id=\"{field}-error\"");
    let start = html
        .find(&error)
        .unwrap_or_else(|| panic!("no error for {field} in {html}"));
    let rest = &html[start..];
    let control = rest
        .find(&format!("id=\"{control_id}\""))
        .unwrap_or_else(|| panic!("no control {control_id} after the error for {field}"));
    assert!(
        !rest[..control].contains("<div"),
        "the error for {field} is not beside {control_id}"
    );
}

#[test]
fn the_record_page_prints_both_signatures_the_amendments_and_the_comments() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    let mut body = draft(days_ago(2));
    body["wellbeing"] = json!("**Tired** after duty. <script>alert(1)</script>");
    body["case_discussions"] =
        json!([{"case_reference": "FAM-1", "decision": "Stay on the plan."}]);
    let record_id = id(&create(&app, &sue, "ann", body));
    let browser = app.signed_in("ann");
    let path = format!("/supervision/sessions/{record_id}");

    // Unsigned: a draft anyone of the two can sign and edit.
    let draft_page = browser.get(&path).expect(Status::Ok).body;
    assert!(draft_page.contains("sue: not yet signed"), "{draft_page}");
    assert!(draft_page.contains("ann: not yet signed"));
    assert!(draft_page.contains(&format!("action=\"{path}/sign\"")));
    assert!(draft_page.contains(&format!("href=\"{path}/edit\"")));
    // Markdown rendered safely.
    assert!(
        draft_page.contains("<strong>Tired</strong>"),
        "{draft_page}"
    );
    assert!(!draft_page.contains("<script>alert"), "{draft_page}");

    // Signed by both through the page.
    sign_as_shown(&browser, &format!("{path}/sign")).expect(Status::SeeOther);
    sign_as_shown(&app.signed_in("sue"), &format!("{path}/sign")).expect(Status::SeeOther);
    let signed = get(&app, &sue, record_id);
    assert_eq!(signed["locked"], true);
    let at = |field: &str| in_london(stamp(&signed[field]), "%d %B %Y at %H:%M %Z");

    // Amended and commented through the page.
    let case_id = signed["case_discussions"][0]["id"].as_i64().unwrap();
    let amended = browser.post(
        &format!("{path}/amendments"),
        &[
            ("field", &format!("case:{case_id}:decision")),
            ("text", "Stay on the plan; review in a month."),
            ("reason", "The review date was agreed"),
        ],
    );
    assert_eq!(amended.status, Status::SeeOther, "{}", amended.body);
    assert_eq!(amended.location(), Some(path.as_str()));
    browser
        .post(
            &format!("{path}/comments"),
            &[
                ("body", "I see the risk differently."),
                ("disagrees", "true"),
            ],
        )
        .expect(Status::SeeOther);

    let page = browser.get(&path).expect(Status::Ok).body;
    assert!(
        page.contains(&format!("sue: signed {}", at("supervisor_signed_at"))),
        "{page}"
    );
    assert!(page.contains(&format!("ann: signed {}", at("supervisee_signed_at"))));
    assert!(page.contains("Signed by both: locked."), "{page}");
    // No more signing or editing; amendments instead.
    assert!(!page.contains(&format!("action=\"{path}/sign\"")), "{page}");
    assert!(!page.contains(&format!("href=\"{path}/edit\"")), "{page}");
    assert!(page.contains(&format!("action=\"{path}/amendments\"")));
    // The decision as it now stands, marked as amended, and the amendment with before and after.
    let amendments = section(&page, "amendments-heading");
    // The part is named by its field or its label.
    assert!(
        Regex::new(&format!(
            r"(case:{case_id}:decision|FAM-1: decision): by ann, \d{{2}} \w+ \d{{4}} \d{{2}}:\d{{2}} (GMT|BST)"
        ))
        .unwrap()
        .is_match(amendments),
        "{amendments}"
    );
    assert!(amendments.contains("The review date was agreed"));
    assert!(
        amendments.contains("<div class=\"prose was\"><p>Stay on the plan.</p>"),
        "{amendments}"
    );
    assert!(
        amendments.contains("<div class=\"prose now\"><p>Stay on the plan; review in a month.</p>"),
        "{amendments}"
    );
    assert!(page.contains("Decision and reasons <span class=\"badge\">Amended</span>"));
    let comments = section(&page, "comments-heading");
    assert!(comments.contains("Disagrees with the record"), "{comments}");
    assert!(comments.contains("I see the risk differently."));
    // Printable: the controls are marked not to print.
    assert!(page.contains("class=\"no-print record-forms\""), "{page}");
}

#[test]
fn the_record_form_shows_each_error_by_its_field_keeps_what_was_typed_and_saves_nothing() {
    let app = TestApp::new();
    let (sue, _) = pair(&app, "sue", "ann");
    app.user("otto", "supervisor");
    let browser = app.signed_in("sue");
    browser
        .get("/supervision/with/ann/sessions/new")
        .expect(Status::Ok);
    let reply = browser.post(
        "/supervision/with/ann/sessions",
        &[
            ("held_on", "yesterday"),
            ("duration_minutes", "0"),
            ("session_type", "individual"),
            ("agenda", "Kept agenda text"),
            ("actions[0].description", "Ring the school"),
            ("actions[0].owner", "otto"),
            ("actions[0].due_on", "2026-13-45"),
        ],
    );
    assert_eq!(reply.status, Status::UnprocessableEntity, "{}", reply.body);
    let page = reply.body;
    assert!(page.contains("Please check what you entered"), "{page}");
    error_by(&page, "held_on", "held_on");
    error_by(&page, "duration_minutes", "duration_minutes");
    error_by(&page, "actions[0].owner", "action-0-owner");
    error_by(&page, "actions[0].due_on", "action-0-due");
    // What was typed is still there.
    assert!(page.contains(r#"id="held_on" name="held_on" type="date" value="yesterday""#));
    assert!(page.contains(">Kept agenda text</textarea>"), "{page}");
    assert!(page.contains(r#"value="Ring the school""#));
    assert!(page.contains(r#"name="actions[0].due_on" type="date" value="2026-13-45""#));

    // A length that is not a number is named too.
    let reply = browser.post(
        "/supervision/with/ann/sessions",
        &[
            ("held_on", &today().to_string()),
            ("duration_minutes", "ninety"),
        ],
    );
    assert_eq!(reply.status, Status::UnprocessableEntity, "{}", reply.body);
    error_by(&reply.body, "duration_minutes", "duration_minutes");
    assert!(sessions(&app, &sue, "ann").is_empty());

    // The same on the edit form of an existing record, which stays as it was.
    let record_id = id(&create(&app, &sue, "ann", draft(days_ago(4))));
    let before = get(&app, &sue, record_id);
    let reply = browser.post(
        &format!("/supervision/sessions/{record_id}"),
        &[
            ("held_on", &days_ahead(90).to_string()),
            ("session_type", "supervision"),
        ],
    );
    assert_eq!(reply.status, Status::UnprocessableEntity, "{}", reply.body);
    error_by(&reply.body, "held_on", "held_on");
    error_by(&reply.body, "session_type", "session_type");
    assert_eq!(get(&app, &sue, record_id), before);
}

#[test]
fn the_history_page_lists_sessions_against_the_agreement() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let browser = app.signed_in("ann");
    let empty = browser.get("/supervision/with/sue").expect(Status::Ok).body;
    assert!(empty.contains("No agreement yet."), "{empty}");
    assert!(empty.contains("No sessions recorded yet."));

    let start = days_ago(30);
    agree(&app, &sue, "ann", "weekly", start);
    // Due on the start date and held on it; then due a week later and held ten days later.
    let first = id(&create(&app, &sue, "ann", draft(start)));
    let second = id(&create(&app, &ann, "sue", draft(days_ago(20))));
    lock(&app, &sue, &ann, first);
    super::sign(&app, &sue, second);

    let page = browser.get("/supervision/with/sue").expect(Status::Ok).body;
    let agreement = section(&page, "agreement-heading");
    assert!(
        agreement.contains("Weekly, usually 90 minutes"),
        "{agreement}"
    );
    assert!(agreement.contains("Not yet signed by both."));
    // Next due a week after the last, which has passed.
    assert!(
        agreement.contains(&format!(
            "Next session due {}: overdue.",
            days_ago(13).format("%A %d %B %Y")
        )),
        "{agreement}"
    );
    let rows = super::table_rows(section(&page, "sessions-heading"));
    let cells = |row: &Vec<String>| {
        row.iter()
            .map(|cell| {
                Regex::new("<[^>]+>")
                    .unwrap()
                    .replace_all(cell, "")
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    let fmt = |day: chrono::NaiveDate| day.format("%d %b %Y").to_string();
    // Newest first.
    assert_eq!(
        rows.iter().map(cells).collect::<Vec<_>>(),
        [
            vec![
                fmt(days_ago(20)),
                fmt(days_ago(23)),
                "3 days late".into(),
                "Individual".into(),
                "One".into()
            ],
            vec![
                fmt(start),
                fmt(start),
                "On time".into(),
                "Individual".into(),
                "Both".into()
            ],
        ]
    );
    assert!(page.contains(&format!("href=\"/supervision/sessions/{second}\"")));
}

#[test]
fn everything_is_done_with_plain_forms_without_javascript() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let browser = app.signed_in("sue");

    // The agreement: written and signed through its page.
    let form = browser
        .get("/supervision/with/ann/agreement")
        .expect(Status::Ok)
        .body;
    assert!(form.contains(r#"<form method="post" action="/supervision/with/ann/agreement""#));
    browser
        .post(
            "/supervision/with/ann/agreement",
            &[
                ("frequency", "fortnightly"),
                ("starts_on", &days_ago(30).to_string()),
                ("usual_minutes", "60"),
                ("cancellation", "Rearranged within the week."),
            ],
        )
        .expect(Status::SeeOther);
    sign_as_shown(&browser, "/supervision/with/ann/agreement/sign").expect(Status::SeeOther);
    let bad = browser.post(
        "/supervision/with/ann/agreement",
        &[
            ("frequency", "daily"),
            ("starts_on", "soon"),
            ("usual_minutes", "an hour"),
        ],
    );
    assert_eq!(bad.status, Status::UnprocessableEntity, "{}", bad.body);
    assert!(
        bad.body.contains("id=\"usual_minutes-error\""),
        "{}",
        bad.body
    );
    let agreement = app
        .get_json(&ann, "/api/v1/supervision/pairs/sue/agreement")
        .expect(Status::Ok)
        .json();
    assert_eq!(agreement["frequency"], "fortnightly");
    assert_eq!(agreement["usual_minutes"], 60);
    assert!(agreement["supervisor_signed_at"].is_string());

    // "Add an action" is a submit button: the form comes back with another row, nothing saved.
    let more = browser.post(
        "/supervision/with/ann/sessions",
        &[
            ("held_on", &today().to_string()),
            ("actions[0].description", "First"),
            ("actions[0].owner", "ann"),
            ("actions[0].due_on", &days_ahead(7).to_string()),
            ("action", "add_action"),
        ],
    );
    assert_eq!(more.status, Status::Ok, "{}", more.body);
    assert!(more.body.contains(r#"value="First""#));
    assert!(
        more.body.contains(r#"name="actions[1].description""#),
        "{}",
        more.body
    );
    assert!(sessions(&app, &sue, "ann").is_empty());

    // Saved with two actions.
    let saved = browser.post(
        "/supervision/with/ann/sessions",
        &[
            ("held_on", &today().to_string()),
            ("wellbeing", "Fine."),
            ("wellbeing_functions.support", "true"),
            ("actions[0].description", "First"),
            ("actions[0].owner", "ann"),
            ("actions[0].due_on", &days_ahead(7).to_string()),
            ("actions[1].description", "Second"),
            ("actions[1].owner", "sue"),
            ("actions[1].due_on", &days_ahead(3).to_string()),
        ],
    );
    assert_eq!(saved.status, Status::SeeOther, "{}", saved.body);
    let record = &sessions(&app, &sue, "ann")[0];
    assert_eq!(record["wellbeing"]["functions"], json!(["support"]));
    let action_id = |description: &str| {
        id(record["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|action| action["description"] == description)
            .unwrap())
    };

    // The pair page: charts drawn on the server, action status forms that post and come back.
    let page = browser.get("/supervision/with/ann").expect(Status::Ok).body;
    assert!(page.contains("<svg"), "{page}");
    let back_field = r#"<input type="hidden" name="back" value="/supervision/with/ann">"#;
    assert!(page.contains(back_field), "{page}");
    let done = browser.post(
        &format!("/supervision/actions/{}", action_id("First")),
        &[("status", "done"), ("back", "/supervision/with/ann")],
    );
    assert_eq!(done.status, Status::SeeOther, "{}", done.body);
    assert_eq!(done.location(), Some("/supervision/with/ann"));
    // Dropped without a reason: back to the page with the reason asked for, nothing changed.
    let refused = browser.post(
        &format!("/supervision/actions/{}", action_id("Second")),
        &[("status", "dropped"), ("back", "https://evil.example/")],
    );
    assert_eq!(refused.status, Status::SeeOther, "{}", refused.body);
    assert_eq!(refused.location(), Some("/"));
    let flash = browser.get("/").body;
    assert!(flash.contains("Say why the action is dropped."), "{flash}");
    let statuses: Vec<String> = super::actions(&app, &ann, "sue")
        .iter()
        .map(|action| {
            format!(
                "{} {}",
                action["description"].as_str().unwrap(),
                action["status"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(statuses, ["Second open", "First done"]);

    // The record page links its Markdown download.
    let record_page = browser
        .get(&format!("/supervision/sessions/{}", id(record)))
        .expect(Status::Ok)
        .body;
    assert!(record_page.contains(&format!(
        "href=\"/supervision/sessions/{}/record.md\"",
        id(record)
    )));
}
