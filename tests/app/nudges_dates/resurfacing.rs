//! Resurfacing: the dashboard's "on this day" (one's own entries from exactly one and two
//! years ago) and the weekly look back with its prompt to reflect. Leap days are covered by
//! the unit and property tests of `resurfacing::dates`, since "today" here is the real date.

use chrono::{Datelike, Days, NaiveDate};
use rocket::http::Status;
use serde_json::json;

use crate::common::TestApp;
use crate::deadlines::today;

/// Writes an entry dated `on` and returns its id.
fn write(app: &TestApp, token: &str, title: &str, on: NaiveDate) -> i64 {
    app.post_json(
        token,
        "/api/v1/entries",
        json!({"title": title, "body": "What happened, briefly.", "occurred_on": on.to_string()}),
    )
    .expect(Status::Created)
    .json()["id"]
        .as_i64()
        .expect("an id")
}

/// The same day `years` ago (the 28th for a leap day).
fn years_ago(years: i32) -> NaiveDate {
    let day = today();
    let year = day.year() - years;
    day.with_year(year)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).expect("a date"))
}

#[test]
fn on_this_day_shows_ones_own_entries_from_one_and_two_years_ago() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    let sam = app.token("sam");
    let alex = app.token("alex");
    let browser = app.signed_in("sam");
    assert!(
        !browser
            .get("/")
            .expect(Status::Ok)
            .body
            .contains("On this day")
    );

    write(&app, &sam, "One year back", years_ago(1));
    write(&app, &sam, "Two years back", years_ago(2));
    write(&app, &sam, "Three years back", years_ago(3));
    let next_day = years_ago(1).checked_add_days(Days::new(1)).expect("a date");
    write(&app, &sam, "A year and a day back", next_day);
    write(&app, &alex, "Someone else's year back", years_ago(1));

    let page = browser.get("/").expect(Status::Ok).body;
    let start = page.find("id=\"on-this-day-heading\"").expect("the panel");
    let panel = &page[start..start + page[start..].find("</section>").expect("its end")];
    let one = panel.find("A year ago").expect("one year");
    let two = panel.find("2 years ago").expect("two years");
    assert!(one < two);
    assert!(panel[one..two].contains("One year back"), "{panel}");
    assert!(panel[two..].contains("Two years back"), "{panel}");
    for absent in ["Three years back", "A year and a day back", "Someone else"] {
        assert!(!panel.contains(absent), "{absent} in {panel}");
    }
}

#[test]
fn the_weekly_look_back_lists_the_weeks_own_entries_and_prompts_a_reflection() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    let sam = app.token("sam");
    let alex = app.token("alex");
    let monday = today().week(chrono::Weekday::Mon).first_day();
    let last_week = monday.checked_sub_days(Days::new(3)).expect("a date");
    write(&app, &sam, "Start of this week", monday);
    write(&app, &sam, "Late last week", last_week);
    write(&app, &alex, "Alex this week", monday);

    let browser = app.signed_in("sam");
    let page = browser.get("/look-back").expect(Status::Ok).body;
    assert!(page.contains("Start of this week"), "{page}");
    assert!(!page.contains("Late last week"));
    assert!(!page.contains("Alex this week"));
    assert!(!page.contains("Week after"), "no week to come");
    let week_before = format!(
        "/look-back?week={}",
        monday.checked_sub_days(Days::new(7)).expect("a date")
    );
    assert!(page.contains(&format!("href=\"{week_before}\"")));

    let earlier = browser.get(&week_before).expect(Status::Ok).body;
    assert!(earlier.contains("Late last week"));
    assert!(!earlier.contains("Start of this week"));
    assert!(earlier.contains(&format!("href=\"/look-back?week={monday}\"")));

    // The prompt opens a reflection with its title ready.
    let title = format!("Looking back on the week of {}", monday.format("%-d %B %Y"));
    let link = format!(
        "/entries/new?kind=reflection&title={}",
        title.replace(' ', "%20")
    );
    let escaped = link.replace('&', "&#38;");
    assert!(page.contains(&format!("href=\"{escaped}\"")), "{page}");
    let form = browser.get(&link).expect(Status::Ok).body;
    assert!(form.contains(&format!("value=\"{title}\"")), "{form}");

    let bad = browser.get("/look-back?week=last-tuesday");
    assert_eq!(bad.status, Status::UnprocessableEntity, "{}", bad.body);
    assert!(bad.body.contains("is not a date"));
}
