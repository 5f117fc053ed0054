//! When the next session is due, from the agreement's frequency and the last session held, as
//! `GET /api/v1/supervision` reports it to both; and overdue pairs flagged on both dashboards.

use chrono::{Days, Months, NaiveDate};
use praxis::accounts::model::LinkKind;
use regex::Regex;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    agree, create, days_ago, days_ahead, draft, id, overview_line, pair, pair_path, sign, today,
};
use crate::common::TestApp;

fn plus_days(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap()
}

fn plus_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap()
}

/// (next_due, overdue) as the caller sees the pair with `other`.
#[track_caller]
fn due(app: &TestApp, token: &str, other: &str) -> (Value, Value) {
    let line = overview_line(app, token, other);
    (line["next_due"].clone(), line["overdue"].clone())
}

/// The answer expected for a session due on `day`.
fn expect(day: NaiveDate) -> (Value, Value) {
    (json!(day.to_string()), json!(day < today()))
}

/// Records a session held on `on`, drafted by `token`'s holder with `other`.
fn held(app: &TestApp, token: &str, other: &str, on: NaiveDate) {
    create(app, token, other, draft(on));
}

#[test]
fn weekly_fortnightly_and_monthly_agreements_set_the_next_due_date() {
    let app = TestApp::new();
    let (sue, wendy) = pair(&app, "sue", "wendy");
    for name in ["fran", "mona"] {
        app.user(name, "practitioner");
        app.link("sue", name, LinkKind::Line);
    }
    let start = days_ago(200);
    for (other, frequency) in [
        ("wendy", "weekly"),
        ("fran", "fortnightly"),
        ("mona", "monthly"),
    ] {
        let agreement = agree(&app, &sue, other, frequency, start);
        assert_eq!(agreement["frequency"], frequency);
        assert_eq!(agreement["starts_on"], start.to_string());
        // No session yet: the first is due when the arrangement starts.
        assert_eq!(due(&app, &sue, other), expect(start));
    }

    // Weekly: a week after the last session held.
    held(&app, &sue, "wendy", days_ago(10));
    assert_eq!(due(&app, &sue, "wendy"), expect(days_ago(3)));
    assert_eq!(due(&app, &sue, "wendy").1, true);
    assert_eq!(
        overview_line(&app, &sue, "wendy")["last_held"],
        days_ago(10).to_string()
    );
    // The supervisee sees the same date.
    assert_eq!(due(&app, &wendy, "sue"), expect(days_ago(3)));
    held(&app, &wendy, "sue", days_ago(2));
    assert_eq!(due(&app, &sue, "wendy"), expect(days_ahead(5)));
    assert_eq!(due(&app, &wendy, "sue").1, false);
    // A record drafted for a later date has not been held: it does not count.
    held(&app, &sue, "wendy", days_ahead(10));
    assert_eq!(due(&app, &sue, "wendy"), expect(days_ahead(5)));

    // Fortnightly: two weeks after the last; an older record entered later changes nothing.
    held(&app, &sue, "fran", days_ago(10));
    assert_eq!(due(&app, &sue, "fran"), expect(days_ahead(4)));
    held(&app, &sue, "fran", days_ago(20));
    assert_eq!(due(&app, &sue, "fran"), expect(days_ahead(4)));
    assert_eq!(due(&app, &sue, "fran").1, false);

    // Monthly: the same day next month.
    held(&app, &sue, "mona", days_ago(40));
    assert_eq!(
        due(&app, &sue, "mona"),
        expect(plus_months(days_ago(40), 1))
    );
    assert_eq!(due(&app, &sue, "mona").1, true);
    held(&app, &sue, "mona", days_ago(5));
    assert_eq!(due(&app, &sue, "mona"), expect(plus_months(days_ago(5), 1)));
    assert_eq!(due(&app, &sue, "mona").1, false);

    // Changing the frequency changes the date.
    agree(&app, &sue, "mona", "weekly", start);
    assert_eq!(due(&app, &sue, "mona"), expect(days_ahead(2)));
}

#[test]
fn the_asye_schedule_is_weekly_for_six_weeks_then_fortnightly_to_six_months_then_monthly() {
    let app = TestApp::new();
    let (sue, nia) = pair(&app, "sue", "nia");
    let start = days_ago(400);
    agree(&app, &sue, "nia", "asye", start);
    assert_eq!(due(&app, &nia, "sue"), expect(start));
    let six_weeks = plus_days(start, 42);
    let six_months = plus_months(start, 6);
    let steps = [
        // Weekly from the start to the end of the sixth week.
        (start, plus_days(start, 7)),
        (plus_days(start, 41), plus_days(start, 48)),
        // Fortnightly from six weeks...
        (six_weeks, plus_days(six_weeks, 14)),
        // ...to six months.
        (
            six_months.pred_opt().unwrap(),
            plus_days(six_months.pred_opt().unwrap(), 14),
        ),
        // Monthly after that.
        (six_months, plus_months(six_months, 1)),
        (days_ago(3), plus_months(days_ago(3), 1)),
    ];
    for (held_on, next) in steps {
        held(&app, &sue, "nia", held_on);
        assert_eq!(due(&app, &sue, "nia"), expect(next), "after {held_on}");
        assert_eq!(due(&app, &nia, "sue"), expect(next), "after {held_on}");
    }

    // The pace counts from the agreement's start: a newly qualified worker who started ten days
    // ago is still in the weekly weeks, one in her third month is fortnightly.
    agree(&app, &sue, "nia", "asye", days_ago(10));
    assert_eq!(due(&app, &sue, "nia"), expect(days_ahead(4)));
    agree(&app, &sue, "nia", "asye", days_ago(70));
    assert_eq!(due(&app, &sue, "nia"), expect(days_ahead(11)));
}

#[test]
fn without_an_agreement_there_is_no_due_date_and_an_agreement_counts_once_both_sign() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let line = overview_line(&app, &sue, "ann");
    assert_eq!(line["next_due"], Value::Null);
    assert_eq!(line["overdue"], false);
    assert_eq!(line["agreed"], false);
    assert_eq!(line["role"], "supervisor");
    assert_eq!(overview_line(&app, &ann, "sue")["role"], "supervisee");
    held(&app, &sue, "ann", days_ago(100));
    let line = overview_line(&app, &ann, "sue");
    assert_eq!(line["next_due"], Value::Null);
    assert_eq!(line["overdue"], false);
    assert_eq!(line["last_held"], days_ago(100).to_string());
    assert_eq!(line["unsigned"], 1);
    let path = format!("{}/agreement", pair_path("sue"));
    assert_eq!(app.get_json(&ann, &path).status, Status::NotFound);
    // Nothing to sign yet.
    assert_eq!(
        app.sign_as_read(&ann, &format!("{path}/sign")).status,
        Status::Conflict
    );

    // The supervisee writes it; it sets the schedule; both sign it.
    agree(&app, &ann, "sue", "monthly", days_ago(200));
    assert_eq!(
        due(&app, &sue, "ann"),
        expect(plus_months(days_ago(100), 1))
    );
    assert_eq!(overview_line(&app, &sue, "ann")["agreed"], false);
    let once = app
        .sign_as_read(&sue, &format!("{}/agreement/sign", pair_path("ann")))
        .expect(Status::Ok)
        .json();
    assert!(once["supervisor_signed_at"].is_string(), "{once}");
    assert_eq!(once["supervisee_signed_at"], Value::Null);
    let both = app
        .sign_as_read(&ann, &format!("{path}/sign"))
        .expect(Status::Ok)
        .json();
    assert!(both["supervisee_signed_at"].is_string(), "{both}");
    assert_eq!(both["supervisor"], "sue");
    assert_eq!(both["supervisee"], "ann");
    assert_eq!(both["cancellation"], "Rearranged within the week.");
    assert_eq!(overview_line(&app, &sue, "ann")["agreed"], true);
    assert_eq!(
        app.get_json(&sue, &format!("{}/agreement", pair_path("ann")))
            .json(),
        both
    );

    // Once both have signed, it is not changed in place: the signatures stay.
    let refused = app.put_json(
        &sue,
        &format!("{}/agreement", pair_path("ann")),
        json!({"frequency": "fortnightly", "starts_on": days_ago(200).to_string(),
               "usual_minutes": 90, "cancellation": "Rearranged within the week."}),
    );
    assert_eq!(refused.status, Status::Conflict, "{}", refused.body);
    assert!(refused.body.contains("new version"), "{}", refused.body);
    assert_eq!(
        app.get_json(&sue, &format!("{}/agreement", pair_path("ann")))
            .json(),
        both
    );
    assert_eq!(overview_line(&app, &ann, "sue")["agreed"], true);
}

/// The supervision panel's line for `other_name` on a dashboard.
#[track_caller]
fn panel_line(html: &str, other: &str) -> String {
    let panel = super::section(html, "supervision-heading");
    let pattern = Regex::new(&format!(
        r#"(?s)<li><a href="/supervision/with/{other}">{other}</a>:(.*?)</li>"#
    ))
    .unwrap();
    pattern
        .captures(panel)
        .unwrap_or_else(|| panic!("a line for {other} in {panel}"))[1]
        .to_string()
}

#[test]
fn overdue_pairs_are_flagged_on_both_dashboards() {
    let app = TestApp::new();
    let (sue, _) = pair(&app, "sue", "ann");
    app.user("bob", "practitioner");
    app.link("sue", "bob", LinkKind::Line);
    for other in ["ann", "bob"] {
        agree(&app, &sue, other, "weekly", days_ago(100));
    }
    held(&app, &sue, "ann", days_ago(10));
    held(&app, &sue, "bob", days_ago(2));
    let overdue_line = overview_line(&app, &sue, "ann");
    assert_eq!(overdue_line["overdue"], true);
    assert_eq!(overview_line(&app, &sue, "bob")["overdue"], false);

    let supervisor_home = app.signed_in("sue").get("/").expect(Status::Ok).body;
    let ann_line = panel_line(&supervisor_home, "ann");
    assert!(ann_line.contains("Overdue"), "{ann_line}");
    assert!(
        ann_line.contains(&days_ago(3).format("%a %d %b").to_string()),
        "{ann_line}"
    );
    let bob_line = panel_line(&supervisor_home, "bob");
    assert!(!bob_line.contains("Overdue"), "{bob_line}");

    let ann_home = app.signed_in("ann").get("/").expect(Status::Ok).body;
    assert!(
        panel_line(&ann_home, "sue").contains("Overdue"),
        "{ann_home}"
    );
    let bob_home = app.signed_in("bob").get("/").expect(Status::Ok).body;
    assert!(
        !panel_line(&bob_home, "sue").contains("Overdue"),
        "{bob_home}"
    );

    // The overview page says so too, and the record brings the pair back on time.
    let overview = app
        .signed_in("sue")
        .get("/supervision")
        .expect(Status::Ok)
        .body;
    let row = Regex::new(r#"(?s)<tr>\s*<td><a href="/supervision/with/ann">.*?</tr>"#)
        .unwrap()
        .find(&overview)
        .unwrap_or_else(|| panic!("ann's row in {overview}"))
        .as_str()
        .to_string();
    assert!(row.contains("Overdue"), "{row}");
    let record = create(&app, &sue, "ann", draft(today()));
    sign(&app, &sue, id(&record));
    let supervisor_home = app.signed_in("sue").get("/").expect(Status::Ok).body;
    assert!(!panel_line(&supervisor_home, "ann").contains("Overdue"));
}
