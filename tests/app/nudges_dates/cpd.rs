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
