//! Timescales in the pages: the case page's deadlines and events with its record-an-event
//! form, the deadlines page, the dashboard panel, and recording an event from an entry.

use praxis::deadlines::span::Span;
use regex::Regex;
use rocket::http::Status;
use serde_json::json;

use super::{
    after, days_ago, days_ahead, deadlines, events, record, record_on, stored_events, the, today,
    worker, working_days_ago,
};
use crate::common::TestApp;

/// The `<section>` of a page labelled by the heading with id `heading`.
#[track_caller]
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let marker = format!(r#"aria-labelledby="{heading}""#);
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no section {heading} in {page}"));
    let end = page[start..].find("</section>").expect("the section's end") + start;
    &page[start..end]
}

/// The ids in the case page's remove-event forms, in the order shown.
fn removable(page: &str, reference: &str) -> Vec<String> {
    let pattern = Regex::new(&format!(
        r#"action="/cases/{reference}/events/(\d+)/delete""#
    ))
    .unwrap();
    pattern
        .captures_iter(page)
        .map(|captures| captures[1].to_string())
        .collect()
}

#[test]
fn the_case_page_shows_deadlines_and_events_and_records_an_event() {
    let app = TestApp::new();
    worker(&app, "sam", &["FAM-1"]);
    let browser = app.signed_in("sam");
    let page = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    assert!(section(&page, "deadlines-heading").contains(">Deadlines</h2>"));
    assert!(section(&page, "deadlines-heading").contains("No deadlines yet"));
    let form = section(&page, "events-heading");
    assert!(form.contains(">Events</h2>"));
    assert!(form.contains(r#"action="/cases/FAM-1/events""#), "{form}");
    for kind in [
        "strategy_discussion",
        "icpc",
        "cp_plan_ended",
        "case_closed",
        "custom",
    ] {
        assert!(
            form.contains(&format!(r#"<option value="{kind}""#)),
            "{kind}"
        );
    }
    assert!(
        form.contains(&format!(r#"value="{}""#, today())),
        "dated today by default"
    );

    let discussion = working_days_ago(20);
    let recorded = browser
        .post(
            "/cases/FAM-1/events",
            &[
                ("kind", "strategy_discussion"),
                ("occurred_on", &discussion.to_string()),
                ("occurred_at", ""),
                ("label", ""),
                ("due_on", ""),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(recorded.location(), Some("/cases/FAM-1"));
    browser
        .post(
            "/cases/FAM-1/events",
            &[
                ("kind", "court_hearing"),
                ("occurred_on", &days_ahead(9).to_string()),
                ("occurred_at", "14:00"),
                ("label", ""),
                ("due_on", ""),
            ],
        )
        .expect(Status::SeeOther);

    let page = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    assert!(page.contains("Court hearing recorded."), "the flash");
    let due = after(Span::WorkingDays(15), discussion);
    let table = section(&page, "deadlines-heading");
    assert!(
        table.contains("Initial child protection conference"),
        "{table}"
    );
    assert!(table.contains(&format!(r#"datetime="{due}""#)), "{table}");
    assert!(table.contains("Overdue"), "{table}");
    assert!(
        table.contains("15 working days"),
        "the rule is shown: {table}"
    );
    let list = section(&page, "events-heading");
    assert!(list.contains("Strategy discussion"), "{list}");
    assert!(
        list.contains(&format!(r#"datetime="{discussion}""#)),
        "{list}"
    );
    assert!(list.contains("Court hearing"), "{list}");
    assert!(list.contains("14:00"), "{list}");
    assert!(list.contains("Scheduled"), "{list}");

    // What the page recorded is what the API sees.
    let token = app.token("sam");
    let recorded = events(&app, &token, "FAM-1");
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0]["kind"], "strategy_discussion");
    assert_eq!(recorded[0]["occurred_at"], serde_json::Value::Null);
    assert_eq!(recorded[1]["occurred_at"], "14:00");
    assert_eq!(
        the(&deadlines(&app, &token, "FAM-1"), "icpc", "overdue")["due_on"],
        due.to_string()
    );
}

#[test]
fn the_case_page_shows_bad_events_again_with_errors_by_the_field() {
    let app = TestApp::new();
    worker(&app, "sam", &["FAM-1"]);
    let browser = app.signed_in("sam");
    let tomorrow = days_ahead(1).to_string();
    let soon = days_ahead(5).to_string();
    // The form's fields, the field the error is shown by, and what it says.
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
    let cases: [Case; 5] = [
        (
            &[("kind", "strategy_discussion"), ("occurred_on", &tomorrow)],
            "occurred_on",
            "can only be recorded once it has happened",
        ),
        (&[("kind", "home_visit")], "kind", "Unknown event"),
        (
            &[("kind", "icpc"), ("occurred_on", "2026-02-30")],
            "occurred_on",
            "",
        ),
        (
            &[
                ("kind", "custom"),
                ("label", "Email gran.smith@example.com"),
                ("due_on", &soon),
            ],
            "label",
            "an email address",
        ),
        (
            &[("kind", "icpc"), ("label", "Extra")],
            "label",
            "Only custom events have a label",
        ),
    ];
    for (fields, field, message) in cases {
        let reply = browser
            .post("/cases/FAM-1/events", fields)
            .expect(Status::UnprocessableEntity);
        let error = Regex::new(&format!(r#"id="{field}-error"[^>]*>(.*?)</p>"#)).unwrap();
        let shown = error
            .captures(&reply.body)
            .unwrap_or_else(|| panic!("no error by {field} for {fields:?}: {}", reply.body));
        assert!(shown[1].contains(message), "{}", &shown[1]);
        assert!(reply.body.contains("Please check what you entered"));
        assert!(
            reply
                .body
                .contains("<details id=\"record-event\" class=\"no-print\" open>")
        );
        // What was typed is shown again.
        let kind = fields[0].1;
        if kind != "home_visit" {
            assert!(
                reply
                    .body
                    .contains(&format!(r#"<option value="{kind}" selected>"#)),
                "{fields:?}"
            );
        }
        assert_eq!(stored_events(&app), 0, "{fields:?}");
    }
}

#[test]
fn an_event_is_removed_from_the_case_page_by_its_owner_only() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    worker(&app, "alex", &[]);
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(3));
    let browser = app.signed_in("sam");
    let page = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    let ids = removable(&page, "FAM-1");
    assert_eq!(ids.len(), 1);
    let remove = format!("/cases/FAM-1/events/{}/delete", ids[0]);

    // Another worker cannot see the case, let alone change it.
    let alex = app.signed_in("alex");
    alex.post(&remove, &[]).expect(Status::NotFound);
    alex.post(
        "/cases/FAM-1/events",
        &[("kind", "icpc"), ("occurred_on", &today().to_string())],
    )
    .expect(Status::NotFound);
    let theirs = alex.get("/cases/FAM-1").expect(Status::NotFound);
    let missing = alex.get("/cases/NOPE-1").expect(Status::NotFound);
    assert_eq!(theirs.body, missing.body);
    assert_eq!(stored_events(&app), 1);

    let removed = browser.post(&remove, &[]).expect(Status::SeeOther);
    assert_eq!(removed.location(), Some("/cases/FAM-1"));
    let page = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    assert!(page.contains("Event removed."));
    assert!(section(&page, "deadlines-heading").contains("No deadlines yet"));
    assert!(removable(&page, "FAM-1").is_empty());
    assert_eq!(stored_events(&app), 0);
    browser.post(&remove, &[]).expect(Status::NotFound);
}

/// Sam's cases: FAM-1 overdue, FAM-2 due this week, FAM-3 within 30 days, FAM-4 later, FAM-5
/// met. Returns the API token.
fn spread_of_deadlines(app: &TestApp) -> String {
    let token = worker(app, "sam", &["FAM-1", "FAM-2", "FAM-3", "FAM-4", "FAM-5"]);
    record_on(
        app,
        &token,
        "FAM-1",
        "strategy_discussion",
        working_days_ago(20),
    );
    let custom = |reference: &str, label: &str, due: chrono::NaiveDate| {
        record(
            app,
            &token,
            reference,
            json!({"kind": "custom", "label": label, "due_on": due.to_string()}),
        )
    };
    custom("FAM-2", "Chronology update", days_ahead(3));
    custom("FAM-3", "Panel paperwork", days_ahead(20));
    record_on(app, &token, "FAM-4", "care_proceedings_issued", days_ago(1));
    record_on(app, &token, "FAM-5", "assessment_started", days_ago(40));
    record_on(app, &token, "FAM-5", "assessment_completed", days_ago(1));
    token
}

#[test]
fn the_deadlines_page_groups_overdue_this_week_and_the_next_30_days() {
    let app = TestApp::new();
    spread_of_deadlines(&app);
    worker(&app, "alex", &[]);
    let page = app
        .signed_in("sam")
        .get("/deadlines")
        .expect(Status::Ok)
        .body;
    let headings = [
        ("deadlines-overdue", "Overdue"),
        ("deadlines-week", "Due in the next 7 days"),
        ("deadlines-month", "Due in the next 30 days"),
    ];
    let mut last = 0;
    for (id, heading) in headings {
        let at = page.find(&format!(r#"id="{id}">{heading} "#)).unwrap();
        assert!(at > last, "{heading} comes after the one before");
        last = at;
    }
    let overdue = section(&page, "deadlines-overdue");
    assert!(overdue.contains(r#"href="/cases/FAM-1""#), "{overdue}");
    assert!(overdue.contains("Initial child protection conference"));
    assert!(overdue.contains(&format!(
        r#"datetime="{}""#,
        after(Span::WorkingDays(15), working_days_ago(20))
    )));
    let week = section(&page, "deadlines-week");
    assert!(week.contains(r#"href="/cases/FAM-2""#), "{week}");
    assert!(week.contains("Chronology update"));
    let month = section(&page, "deadlines-month");
    assert!(month.contains(r#"href="/cases/FAM-3""#), "{month}");
    assert!(month.contains("Panel paperwork"));
    let later = section(&page, "deadlines-later");
    assert!(later.contains(r#"href="/cases/FAM-4""#), "{later}");
    assert!(later.contains(&format!(
        r#"datetime="{}""#,
        after(Span::Weeks(26), days_ago(1))
    )));
    // Each deadline once, in its own group; met ones only among the recently met.
    for (reference, count) in [("FAM-1", 1), ("FAM-2", 1), ("FAM-3", 1), ("FAM-4", 1)] {
        assert_eq!(
            page.matches(&format!(r#"href="/cases/{reference}""#))
                .count(),
            count,
            "{reference}"
        );
    }
    let met = section(&page, "deadlines-met");
    assert!(met.contains(r#"href="/cases/FAM-5""#), "{met}");
    assert_eq!(page.matches("FAM-5").count(), met.matches("FAM-5").count());
    for (group, others) in [
        (overdue, ["FAM-2", "FAM-3", "FAM-4"]),
        (week, ["FAM-1", "FAM-3", "FAM-4"]),
        (month, ["FAM-1", "FAM-2", "FAM-4"]),
    ] {
        for other in others {
            assert!(!group.contains(other), "{other} in {group}");
        }
    }

    let empty = app
        .signed_in("alex")
        .get("/deadlines")
        .expect(Status::Ok)
        .body;
    assert!(empty.contains("Nothing is due"));
    assert!(!empty.contains("FAM-"));
}

#[test]
fn the_dashboard_panel_lists_overdue_and_this_weeks_deadlines() {
    let app = TestApp::new();
    spread_of_deadlines(&app);
    worker(&app, "alex", &["ALX-1"]);
    let page = app.signed_in("sam").get("/").expect(Status::Ok).body;
    let panel = section(&page, "deadlines-heading");
    assert!(panel.contains(">Deadlines</h2>"), "{panel}");
    assert!(panel.contains(r#"href="/cases/FAM-1""#), "{panel}");
    assert!(panel.contains("Overdue"), "{panel}");
    assert!(panel.contains(r#"href="/cases/FAM-2""#), "{panel}");
    assert!(panel.contains("Chronology update"), "{panel}");
    for later in ["FAM-3", "FAM-4", "FAM-5"] {
        assert!(!panel.contains(later), "{later} in {panel}");
    }
    assert!(panel.contains(r#"href="/deadlines""#));
    // Overdue first.
    assert!(panel.find("FAM-1").unwrap() < panel.find("FAM-2").unwrap());

    let quiet = app.signed_in("alex").get("/").expect(Status::Ok).body;
    assert!(
        section(&quiet, "deadlines-heading").contains("Nothing overdue or due in the next 7 days")
    );
}

#[test]
fn an_event_recorded_from_an_entry_is_dated_on_its_day_and_linked_to_it() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1", "FAM-2"]);
    worker(&app, "alex", &["FAM-1"]);
    let discussion = record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(30));
    let entry = app
        .post_json(
            &token,
            "/api/v1/entries",
            json!({"kind": "diary", "title": "Conference", "body": "Initial conference held.",
                   "occurred_on": days_ago(4).to_string(), "cases": ["FAM-1"]}),
        )
        .expect(Status::Created)
        .json()["id"]
        .as_i64()
        .unwrap();
    let loose = app
        .post_json(&token, "/api/v1/entries", json!({"body": "No case here."}))
        .expect(Status::Created)
        .json()["id"]
        .as_i64()
        .unwrap();
    let browser = app.signed_in("sam");
    let page = browser
        .get(&format!("/entries/{entry}"))
        .expect(Status::Ok)
        .body;
    assert!(page.contains("Record a case event from this entry"));
    assert!(page.contains(&format!(r#"action="/entries/{entry}/events""#)));
    assert!(page.contains(r#"<option value="FAM-1">"#));
    assert!(
        !page.contains(r#"<option value="FAM-2">"#),
        "only the entry's cases"
    );
    let page = browser
        .get(&format!("/entries/{loose}"))
        .expect(Status::Ok)
        .body;
    assert!(!page.contains("Record a case event from this entry"));

    let path = format!("/entries/{entry}/events");
    let recorded = browser
        .post(&path, &[("case", "FAM-1"), ("kind", "icpc")])
        .expect(Status::SeeOther);
    assert_eq!(recorded.location(), Some("/cases/FAM-1"));
    let listed = events(&app, &token, "FAM-1");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["kind"], "icpc");
    assert_eq!(listed[1]["occurred_on"], days_ago(4).to_string());
    assert_eq!(listed[1]["entry_id"], entry);
    let met = &deadlines(&app, &token, "FAM-1");
    let icpc = the(met, "icpc", "met");
    assert_eq!(icpc["met_on"], days_ago(4).to_string());
    assert_eq!(icpc["started_by"]["id"], discussion["id"]);
    let case_page = browser.get("/cases/FAM-1").expect(Status::Ok).body;
    assert!(case_page.contains("recorded from the entry"));
    assert!(case_page.contains(&format!(r#"href="/entries/{entry}""#)));

    // A date given on the form wins over the entry's.
    browser
        .post(
            &path,
            &[
                ("case", "FAM-1"),
                ("kind", "core_group"),
                ("occurred_on", &days_ago(2).to_string()),
            ],
        )
        .expect(Status::SeeOther);
    let listed = events(&app, &token, "FAM-1");
    assert_eq!(listed[2]["kind"], "core_group");
    assert_eq!(listed[2]["occurred_on"], days_ago(2).to_string());
    assert_eq!(listed[2]["entry_id"], entry);
    let before = stored_events(&app);

    // A case the entry is not about, no case, or a bad event: refused on the entry's page.
    for fields in [
        vec![("case", "FAM-2"), ("kind", "icpc")],
        vec![("case", "NOPE-1"), ("kind", "icpc")],
        vec![("kind", "icpc")],
        vec![("case", "FAM-1"), ("kind", "home_visit")],
    ] {
        let refused = browser.post(&path, &fields).expect(Status::SeeOther);
        assert_eq!(
            refused.location(),
            Some(format!("/entries/{entry}").as_str()),
            "{fields:?}"
        );
        let shown = browser
            .get(&format!("/entries/{entry}"))
            .expect(Status::Ok)
            .body;
        assert!(shown.contains("flash-error"), "{fields:?}: {shown}");
        assert_eq!(stored_events(&app), before, "{fields:?}");
    }
    let shown = {
        browser.post(&path, &[("case", "FAM-2"), ("kind", "icpc")]);
        browser.get(&format!("/entries/{entry}")).body
    };
    assert!(shown.contains("Choose one of the entry"), "{shown}");
    let shown = {
        browser.post(
            &path,
            &[
                ("case", "FAM-1"),
                ("kind", "strategy_discussion"),
                ("occurred_on", &days_ahead(2).to_string()),
            ],
        );
        browser.get(&format!("/entries/{entry}")).body
    };
    assert!(shown.contains("the date is in the future"), "{shown}");
    assert_eq!(stored_events(&app), before);
    assert!(events(&app, &token, "FAM-2").is_empty());

    // Someone else cannot record from Sam's entry, even on a case of their own with that name.
    let alex = app.signed_in("alex");
    alex.post(&path, &[("case", "FAM-1"), ("kind", "icpc")])
        .expect(Status::NotFound);
    assert_eq!(stored_events(&app), before);
}

#[test]
fn supervisors_see_their_supervisees_deadlines_as_references_and_kinds_only() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-017"]);
    app.user("pat", "supervisor");
    app.user("kim", "supervisor");
    app.link("pat", "sam", praxis::accounts::model::LinkKind::Line);
    record(
        &app,
        &token,
        "FAM-017",
        json!({"kind": "strategy_discussion"}),
    );
    record(
        &app,
        &token,
        "FAM-017",
        json!({"kind": "custom", "label": "Court bundle for the Jones hearing", "due_on": days_ahead(5).to_string()}),
    );

    let pat = app.signed_in("pat");
    let page = pat.get("/deadlines/supervisees").expect(Status::Ok).body;
    assert!(page.contains("FAM-017"), "{page}");
    assert!(page.contains("Initial child protection conference"));
    assert!(page.contains("Custom deadline"));
    assert!(
        !page.contains("Jones"),
        "a custom label never reaches the supervisor"
    );
    assert!(
        pat.get("/deadlines")
            .body
            .contains("/deadlines/supervisees")
    );

    // Another supervisor sees nobody's; the worker's case page stays theirs alone.
    let kim = app.signed_in("kim");
    let other = kim.get("/deadlines/supervisees").expect(Status::Ok).body;
    assert!(!other.contains("FAM-017"));
    assert!(other.contains("Nobody is linked"));
    pat.get("/cases/FAM-017").expect(Status::NotFound);
}
