//! The preparation pack: what the supervisee shared and flagged since the last session, open
//! actions late first, case deadlines by reference and kind only, the wellbeing trend from
//! shared moods, CPD counts and agenda items; and the new-record form it prefills.

use chrono::{Days, NaiveDate};
use praxis::accounts::model::LinkKind;
use praxis::deadlines::calendar::WorkingCalendar;
use praxis::deadlines::span::Span;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    agree, create, days_ago, days_ahead, descriptions, draft, entry, id, monday_of, open_case,
    pack, pair, pair_path, refused, section, textarea, today,
};
use crate::common::TestApp;

fn minus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap()
}

fn plus(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap()
}

/// A journal entry by ann: title, day, shared or not, flagged or not, mood.
fn write(
    app: &TestApp,
    token: &str,
    title: &str,
    on: NaiveDate,
    shared: bool,
    flagged: bool,
    mood: Option<u8>,
) -> i64 {
    entry(
        app,
        token,
        json!({"kind": "diary", "title": title, "body": format!("About {title}."),
               "occurred_on": on.to_string(),
               "visibility": if shared { "supervisor" } else { "private" },
               "for_supervision": flagged, "mood": mood}),
    )
}

fn event(app: &TestApp, token: &str, reference: &str, body: Value) {
    app.post_json(token, &format!("/api/v1/cases/{reference}/events"), body)
        .expect(Status::Created);
}

fn agenda(app: &TestApp, token: &str, other: &str, body: &str) -> crate::common::Reply {
    app.post_json(
        token,
        &format!("{}/agenda", pair_path(other)),
        json!({"body": body}),
    )
}

#[test]
fn the_pack_holds_what_the_supervisee_brought_since_the_last_session_and_no_more() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    app.user("bob", "practitioner");
    app.link("sue", "bob", LinkKind::Line);
    let bob = app.token("bob");
    agree(&app, &sue, "ann", "weekly", days_ago(100));
    for reference in ["FAM-1", "FAM-2", "FAM-3"] {
        open_case(&app, &ann, reference);
    }
    open_case(&app, &sue, "SUE-9");

    // Two earlier sessions; the last was held on the Monday two weeks ago.
    let last = minus(monday_of(today()), 14);
    let mut earlier = draft(days_ago(45));
    earlier["actions"] = json!([
        {"description": "Long overdue", "owner": "ann", "due_on": days_ago(30).to_string()},
        {"description": "Done already", "owner": "sue", "due_on": days_ago(31).to_string()}
    ]);
    let earlier = create(&app, &sue, "ann", earlier);
    app.put_json(
        &sue,
        &format!(
            "/api/v1/supervision/actions/{}",
            earlier["actions"][0]["id"]
        ),
        json!({"status": "done"}),
    )
    .expect(Status::Ok);
    let mut latest = draft(last);
    latest["case_discussions"] = json!([{"case_reference": "FAM-1", "update": "Stable."}]);
    latest["actions"] = json!([
        {"description": "Not yet due", "owner": "ann", "due_on": days_ahead(10).to_string()},
        {"description": "Recently overdue", "owner": "sue", "due_on": days_ago(3).to_string()}
    ]);
    create(&app, &ann, "sue", latest);

    // Entries: only shared and flagged ones since the last session are brought.
    let mon1 = minus(monday_of(today()), 7);
    let before_last = minus(last, 1);
    write(&app, &ann, "Old flagged", before_last, true, true, Some(5));
    write(
        &app,
        &ann,
        "Core group went badly",
        mon1,
        true,
        true,
        Some(2),
    );
    write(
        &app,
        &ann,
        "Shared but not flagged",
        plus(mon1, 1),
        true,
        false,
        Some(4),
    );
    write(
        &app,
        &ann,
        "Private but flagged",
        plus(mon1, 2),
        false,
        true,
        Some(1),
    );
    write(&app, &ann, "Duty week", plus(last, 1), true, true, None);
    write(
        &app,
        &bob,
        "Bob's flagged entry",
        plus(mon1, 1),
        true,
        true,
        Some(1),
    );

    // Deadlines: a missed one, an upcoming one, a custom one, one far off, and sue's own.
    let icpc_start = days_ago(2);
    event(
        &app,
        &ann,
        "FAM-1",
        json!({"kind": "strategy_discussion", "occurred_on": icpc_start.to_string()}),
    );
    event(
        &app,
        &ann,
        "FAM-3",
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(60).to_string()}),
    );
    event(
        &app,
        &ann,
        "FAM-2",
        json!({"kind": "custom", "label": "Zebra crossing report", "due_on": days_ahead(10).to_string()}),
    );
    event(
        &app,
        &ann,
        "FAM-2",
        json!({"kind": "custom", "label": "Far off report", "due_on": days_ahead(60).to_string()}),
    );
    event(
        &app,
        &sue,
        "SUE-9",
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(1).to_string()}),
    );

    // CPD this registration year, one with a peer reflection; both private.
    for peer in [true, false] {
        let mut cpd = json!({"activity_type": "Course or training", "description": "Neglect.",
                             "learning": "Cumulative harm.", "impact": "Chronologies.", "hours": 3});
        if peer {
            cpd["peer_role"] = json!("senior practitioner");
            cpd["peer_reflection"] = json!("Talked it through.");
        }
        entry(
            &app,
            &ann,
            json!({"kind": "cpd", "title": "Course", "body": "", "cpd": cpd}),
        );
    }

    // Agenda items, from either side; empty or identifying ones are refused.
    let added = agenda(&app, &ann, "sue", "Workload since the duty week").expect(Status::Created);
    assert_eq!(added.location(), Some("/api/v1/supervision/pairs/sue/pack"));
    assert_eq!(
        added.json()["agenda_items"],
        json!(["Workload since the duty week"])
    );
    agenda(&app, &sue, "ann", "Team changes").expect(Status::Created);
    refused(&agenda(&app, &ann, "sue", "   "), &["body"]);
    refused(
        &agenda(&app, &ann, "sue", "Ring gran on 07700 900123"),
        &["body"],
    );

    let seen = pack(&app, &sue, "ann");
    // The same pack for both.
    assert_eq!(pack(&app, &ann, "sue"), seen);
    assert_eq!(seen["supervisor"], "sue");
    assert_eq!(seen["supervisee"], "ann");
    assert_eq!(seen["since"], last.to_string());
    assert_eq!(seen["due"], plus(last, 7).to_string());
    let flagged: Vec<(&str, &str)> = seen["flagged_entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[1].as_str().unwrap(), e[2].as_str().unwrap()))
        .collect();
    assert_eq!(
        flagged,
        [
            ("Core group went badly", mon1.to_string().as_str()),
            ("Duty week", plus(last, 1).to_string().as_str())
        ]
    );
    let open = seen["open_actions"].as_array().unwrap();
    assert_eq!(
        descriptions(open),
        ["Long overdue", "Recently overdue", "Not yet due"],
        "{open:#?}"
    );
    let overdue: Vec<bool> = open
        .iter()
        .map(|a| a["overdue"].as_bool().unwrap())
        .collect();
    assert_eq!(overdue, [true, true, false]);

    let calendar = WorkingCalendar::england_and_wales();
    let mut expected = vec![
        json!([
            "FAM-3",
            "icpc",
            Span::WorkingDays(15)
                .after(days_ago(60), &calendar)
                .to_string(),
            "overdue"
        ]),
        json!(["FAM-2", "custom", days_ahead(10).to_string(), "due"]),
        json!([
            "FAM-1",
            "icpc",
            Span::WorkingDays(15)
                .after(icpc_start, &calendar)
                .to_string(),
            "due"
        ]),
    ];
    expected.sort_by_key(|d| d[2].as_str().unwrap().to_string());
    assert_eq!(seen["deadlines"], json!(expected));
    assert_eq!(seen["last_cases"], json!(["FAM-1"]));
    assert_eq!(
        seen["moods"],
        json!([
            [monday_of(before_last).to_string(), 5.0, 1],
            [mon1.to_string(), 3.0, 2]
        ])
    );
    assert_eq!(seen["cpd"], json!([2, 1]));
    assert_eq!(
        seen["agenda_items"],
        json!(["Workload since the duty week", "Team changes"])
    );
    // No label of a custom deadline, nothing private, nothing of bob's.
    let text = seen.to_string();
    for absent in [
        "Zebra",
        "Far off",
        "Private but flagged",
        "Old flagged",
        "Bob's",
        "SUE-9",
    ] {
        assert!(!text.contains(absent), "{absent} in {text}");
    }

    // The page shows the same.
    let page = app
        .signed_in("ann")
        .get("/supervision/with/sue/pack")
        .expect(Status::Ok)
        .body;
    for present in [
        "Core group went badly",
        "Duty week",
        "Workload since the duty week",
        "Team changes",
        "Recently overdue",
        "Custom deadline",
        "Initial child protection conference",
        "FAM-3",
        "2 of 2 records, 1 with a peer reflection",
    ] {
        assert!(page.contains(present), "{present} in the pack page");
    }
    for absent in [
        "Zebra",
        "Far off",
        "Private but flagged",
        "Old flagged",
        "Bob's",
        "SUE-9",
        "Done already",
    ] {
        assert!(!page.contains(absent), "{absent} in the pack page");
    }
    let moods = section(&page, "wellbeing-heading");
    assert!(moods.contains("3.0"), "{moods}");
    assert!(moods.contains("5.0"), "{moods}");
}

#[test]
fn the_new_record_form_starts_from_the_pack_and_saving_it_reviews_the_open_actions() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    agree(&app, &sue, "ann", "weekly", days_ago(100));
    open_case(&app, &ann, "FAM-1");
    let mut last = draft(days_ago(3));
    last["actions"] = json!([{"description": "Chase the school", "owner": "sue",
                              "due_on": days_ahead(2).to_string()}]);
    let action = id(&create(&app, &sue, "ann", last)["actions"][0]);
    write(
        &app,
        &ann,
        "Strategy meeting reflections",
        days_ago(1),
        true,
        true,
        Some(3),
    );
    write(
        &app,
        &ann,
        "Private worry",
        days_ago(1),
        false,
        true,
        Some(1),
    );
    agenda(&app, &ann, "sue", "Leave plans").expect(Status::Created);
    event(
        &app,
        &ann,
        "FAM-1",
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(2).to_string()}),
    );

    let browser = app.signed_in("sue");
    let form = browser
        .get("/supervision/with/ann/sessions/new")
        .expect(Status::Ok)
        .body;
    assert_eq!(
        textarea(&form, "agenda"),
        format!(
            "- Leave plans\n- Strategy meeting reflections ({})",
            days_ago(1).format("%d %b")
        )
    );
    assert!(!form.contains("Private worry"), "{form}");
    // Dated today, not when the next session is due.
    assert!(
        form.contains(&format!(
            r#"id="held_on" name="held_on" type="date" value="{}""#,
            days_ago(0)
        )),
        "{form}"
    );
    // The open action is up for review, carried forward unless changed.
    assert!(
        form.contains(&format!(
            r#"<input type="hidden" name="action_reviews[0].action_id" value="{action}">"#
        )),
        "{form}"
    );
    assert!(form.contains("Chase the school"), "{form}");
    assert!(
        form.contains(r#"name="action_reviews[0].outcome" value="carried_forward" checked"#),
        "{form}"
    );
    // The case with a deadline is ready to discuss.
    assert!(
        form.contains(r#"name="case_discussions[0].case_reference" value="FAM-1""#),
        "{form}"
    );

    // Saved as the browser sends it, with the review changed to done.
    let agenda_text = textarea(&form, "agenda");
    let saved = browser.post(
        "/supervision/with/ann/sessions",
        &[
            ("held_on", &today().to_string()),
            ("duration_minutes", "90"),
            ("session_type", "individual"),
            ("agenda", &agenda_text),
            ("agenda_functions.management", "true"),
            ("action_reviews[0].action_id", &action.to_string()),
            ("action_reviews[0].outcome", "done"),
            ("action_reviews[0].reason", ""),
            ("case_discussions[0].case_reference", "FAM-1"),
            ("case_discussions[0].update", "Conference booked."),
            ("actions[0].description", ""),
            ("actions[0].owner", "sue"),
            ("actions[0].due_on", ""),
            ("next_session_on", ""),
        ],
    );
    assert_eq!(saved.status, Status::SeeOther, "{}", saved.body);
    let location = saved.location().unwrap().to_string();
    let record_id: i64 = location
        .strip_prefix("/supervision/sessions/")
        .unwrap()
        .parse()
        .unwrap();
    let record = super::get(&app, &ann, record_id);
    assert_eq!(record["agenda"]["text"], agenda_text.as_str());
    assert_eq!(record["agenda"]["functions"], json!(["management"]));
    assert_eq!(record["action_reviews"][0]["outcome"], "done");
    assert_eq!(record["case_discussions"][0]["case_reference"], "FAM-1");
    assert_eq!(record["actions"], json!([]));
    let done = &super::actions(&app, &sue, "ann")[0];
    assert_eq!(done["status"], "done");
    assert_eq!(done["completed_on"], today().to_string());
    // What the pack offered has been taken into the record.
    let after = pack(&app, &ann, "sue");
    assert_eq!(after["agenda_items"], json!([]));
    assert_eq!(after["open_actions"], json!([]));
    assert_eq!(after["since"], today().to_string());
}

#[test]
fn an_agenda_item_is_never_lost_when_a_record_is_drafted() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    agenda(&app, &ann, "sue", "Caseload weighting").expect(Status::Created);
    // The supervisor drafts through the API without reading the pack.
    let mut body = draft(today());
    body["agenda"] = json!("Sue's own agenda.");
    let record = create(&app, &sue, "ann", body);
    let in_record = record["agenda"]["text"]
        .as_str()
        .unwrap()
        .contains("Caseload weighting");
    let still_offered = pack(&app, &ann, "sue")["agenda_items"]
        .as_array()
        .unwrap()
        .contains(&json!("Caseload weighting"));
    assert!(
        in_record || still_offered,
        "ann's agenda item is neither in the record nor in the pack any more"
    );
}
