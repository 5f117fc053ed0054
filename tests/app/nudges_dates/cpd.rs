//! CPD: the count rules shown to registrants only, "Hours" never "-0", and registration years
//! that end on 30 November.

use chrono::{Datelike, NaiveDate};
use rocket::http::Status;

use crate::common::{Browser, TestApp};
use crate::deadlines::today;

/// The first day of the registration year holding today (1 December).
fn year_start() -> NaiveDate {
    let today = today();
    let year = if today.month() == 12 {
        today.year()
    } else {
        today.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 12, 1).expect("a date")
}

/// Records a CPD activity of `hours` on `on` through the form.
fn record(browser: &Browser<'_>, title: &str, on: NaiveDate, hours: &str) {
    browser.get("/entries/new?kind=cpd").expect(Status::Ok);
    browser
        .post(
            "/entries",
            &[
                ("kind", "cpd"),
                ("title", title),
                ("occurred_on", &on.to_string()),
                ("cpd_activity_type", "Course or training"),
                ("cpd_description", "A day on a course."),
                ("cpd_learning", "Something learnt."),
                ("cpd_impact", "Something changed."),
                ("cpd_hours", hours),
            ],
        )
        .expect(Status::SeeOther);
}

/// The value shown beside a statistic's label on the CPD page.
fn stat(page: &str, label: &str) -> String {
    let marker = format!("<dt>{label}</dt><dd>");
    let start = page.find(&marker).unwrap_or_else(|| panic!("no {label}")) + marker.len();
    page[start..start + page[start..].find("</dd>").expect("its end")].to_string()
}

#[test]
fn a_year_without_records_has_zero_hours_and_students_see_no_count_rules() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("stu", "student");
    let registrant = app.signed_in("sam").get("/cpd").expect(Status::Ok).body;
    assert_eq!(stat(&registrant, "Hours"), "0");
    assert!(registrant.contains("Social Work England asks for at least 2 CPD records"));
    assert_eq!(stat(&registrant, "Records"), "0 of 2");
    assert!(registrant.contains("Still needed"));

    let student = app.signed_in("stu");
    let page = student.get("/cpd").expect(Status::Ok).body;
    assert_eq!(stat(&page, "Hours"), "0");
    assert!(!page.contains("asks for at least"), "{page}");
    assert!(!page.contains("Still needed"));
    assert_eq!(stat(&page, "Records"), "0");
    assert!(page.contains("applies once you are registered"));
    let home = student.get("/").expect(Status::Ok).body;
    assert!(!home.contains("of 2 records"), "{home}");
    assert!(!home.contains("days left in the registration year"));
}

#[test]
fn registration_years_split_between_30_november_and_1_december() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let start = year_start();
    record(&browser, "First day of the year", start, "1.5");
    record(
        &browser,
        "Last day of the year before",
        start.pred_opt().expect("a date"),
        "4",
    );
    let page = browser.get("/cpd").expect(Status::Ok).body;
    assert!(page.contains(&format!("This year runs from {}", start.format("%d %B %Y"))));
    assert_eq!(stat(&page, "Records"), "1 of 2");
    assert_eq!(stat(&page, "Hours"), "1.5");
    assert!(page.contains("First day of the year"));
    assert!(!page.contains("Last day of the year before"), "{page}");
}

#[test]
fn earlier_registration_years_are_one_link_away_and_counted_on_their_own() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let start = year_start();
    let last_day_before = start.pred_opt().expect("a date");
    record(&browser, "Course in the current year", start, "2");
    record(&browser, "Course in the year before", last_day_before, "3");
    record(
        &browser,
        "First course of the year before",
        NaiveDate::from_ymd_opt(start.year() - 1, 12, 1).expect("a date"),
        "1",
    );

    let now = browser.get("/cpd").expect(Status::Ok).body;
    let earlier = format!("/cpd?year={}", start.year());
    assert!(now.contains(&format!("href=\"{earlier}\"")), "{now}");
    let page = browser.get(&earlier).expect(Status::Ok).body;
    assert!(page.contains(&format!(
        "That year ran from 01 December {} to 30 November {}",
        start.year() - 1,
        start.year()
    )));
    assert_eq!(stat(&page, "Records"), "2 of 2");
    assert_eq!(stat(&page, "Hours"), "4");
    assert!(page.contains("Course in the year before"), "{page}");
    assert!(!page.contains("Course in the current year"), "{page}");
    assert!(
        page.contains("<h2 id=\"progress-heading\">That year</h2>"),
        "{page}"
    );
    assert!(!page.contains("<dt>Days left</dt>"));

    // Years not yet begun, or before the date window, are refused by name.
    for year in [start.year() + 2, 1980] {
        let refused = browser.get(&format!("/cpd?year={year}"));
        assert_eq!(refused.status, Status::UnprocessableEntity, "{year}");
        assert!(
            refused.body.contains("registration year"),
            "{}",
            refused.body
        );
    }
}
