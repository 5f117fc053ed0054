//! Counting days: a full day counts one, a half day half and an absence nothing (but needs a
//! reason); a day before the start, a day still to come or a date already logged is refused;
//! the placement page shows days done against days required with the percentage, and the
//! projected end at the current pace in working days, skipping weekends and bank holidays
//! (Christmas 2025 and Easter 2026 here), worked out independently in this file.

use chrono::NaiveDate;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{
    add_weekdays, add_working_days, api_path, body, cast, date, days_ahead, get, id, log_day,
    page_path, projection, refused, start, text, today,
};
use crate::common::TestApp;

/// The working days from Monday 22 December 2025 to Friday 2 January 2026: Christmas Day,
/// Boxing Day and New Year's Day are bank holidays.
fn christmas_days() -> Vec<NaiveDate> {
    vec![
        date(2025, 12, 22),
        date(2025, 12, 23),
        date(2025, 12, 24),
        date(2025, 12, 29),
        date(2025, 12, 30),
        date(2025, 12, 31),
        date(2026, 1, 2),
    ]
}

/// A date as the placement page writes a projected end: `Monday 8 March 2027`.
fn long(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

fn days_path(placement: i64) -> String {
    format!("{}/days", api_path(placement))
}

#[test]
fn half_days_count_half_absences_nothing_and_the_projection_skips_bank_holidays() {
    let app = TestApp::new();
    let cast = cast(&app);
    let starts_on = date(2025, 12, 22);
    let mut draft = body("custom", starts_on, date(2026, 7, 31));
    draft["required_days"] = json!(150);
    let placement = id(&start(&app, &cast.stu, draft));
    for on in christmas_days() {
        log_day(&app, &cast.stu, placement, on, "full");
    }

    // Seven days in seven working days: one a day, because the bank holidays are not counted
    // (counting them, the pace would be 0.7).
    let days = &get(&app, &cast.pe, placement)["days"];
    assert_eq!(days["done"], 7.0, "{days}");
    assert_eq!(days["remaining"], 143.0);
    assert_eq!(days["percent"], 4);
    assert_eq!(days["pace"], 1.0, "{days}");
    // 143 working days from today: always past at least one bank holiday, so the answer
    // differs from counting weekdays only.
    let expected = add_working_days(today(), 143);
    assert_eq!(days["projected_end"], expected.to_string(), "{days}");
    assert_eq!(
        expected,
        projection(7.0, 150.0, starts_on, date(2026, 1, 2))
    );
    assert_ne!(expected, add_weekdays(today(), 143));
    let page = app
        .signed_in("pe")
        .get(&page_path(placement))
        .expect(Status::Ok)
        .body;
    let shown = text(&page);
    assert!(shown.contains("7 of 150 days done (4%)"), "{shown}");
    assert!(
        shown.contains(&format!("ends on {}", long(expected))),
        "{shown}"
    );
    assert!(
        page.contains("<progress id=\"days-progress\" max=\"150\" value=\"7\">"),
        "{page}"
    );

    // A half day counts half; an absence counts nothing but is recorded with its reason.
    let half = log_day(&app, &cast.stu, placement, date(2026, 1, 5), "half");
    assert_eq!(half["portion"], "half");
    let absence = app
        .post_json(
            &cast.stu,
            &days_path(placement),
            json!({"day": "2026-01-06", "portion": "absent", "absence_reason": "Unwell"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(absence["absence_reason"], "Unwell");
    assert_eq!(absence["hours"], 0.0);
    let placement_json = get(&app, &cast.stu, placement);
    let days = &placement_json["days"];
    assert_eq!(days["done"], 7.5, "{days}");
    assert_eq!(days["remaining"], 142.5);
    assert_eq!(days["absences"], 1);
    assert_eq!(days["percent"], 5);
    assert_eq!(placement_json["hours"], 7.0 * 7.5 + 3.5);
    // The pace is now 7.5 days in the 9 working days to 6 January.
    let expected = projection(7.5, 150.0, starts_on, date(2026, 1, 6));
    assert_eq!(days["projected_end"], expected.to_string(), "{days}");
    let shown = text(&app.signed_in("stu").get(&page_path(placement)).body);
    assert!(shown.contains("7.5 of 150 days done (5%)"), "{shown}");
    assert!(shown.contains("1 absence recorded"), "{shown}");
    assert!(
        shown.contains(&format!("ends on {}", long(expected))),
        "{shown}"
    );

    // The day log lists every day, latest first, with the absence's reason.
    let log = app
        .get_json(&cast.pe, &days_path(placement))
        .expect(Status::Ok)
        .json();
    let dates: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["day"].as_str().unwrap())
        .collect();
    assert_eq!(dates.len(), 9);
    assert_eq!(dates[0], "2026-01-06");
    assert_eq!(dates[8], "2025-12-22");
    let page = app
        .signed_in("pe")
        .get(&format!("{}/days", page_path(placement)))
        .body;
    assert!(text(&page).contains("Absent: Unwell"), "{page}");
}

#[test]
fn a_placement_done_ends_on_its_last_day_easter_2026_not_counted() {
    let app = TestApp::new();
    let cast = cast(&app);
    // Monday 30 March 2026, ten days: Good Friday (3 April) and Easter Monday (6 April)
    // are not working days.
    let starts_on = date(2026, 3, 30);
    let mut draft = body("custom", starts_on, date(2026, 4, 17));
    draft["required_days"] = json!(10);
    let placement = id(&start(&app, &cast.stu, draft));
    let worked = [
        date(2026, 3, 30),
        date(2026, 3, 31),
        date(2026, 4, 1),
        date(2026, 4, 2),
        date(2026, 4, 7),
        date(2026, 4, 8),
    ];
    for on in worked {
        log_day(&app, &cast.stu, placement, on, "full");
    }
    let days = get(&app, &cast.stu, placement)["days"].clone();
    // Six days in six working days (counting weekdays, it would be eight).
    assert_eq!(days["pace"], 1.0, "{days}");
    assert_eq!(
        days["projected_end"],
        add_working_days(today(), 4).to_string()
    );
    for on in [
        date(2026, 4, 9),
        date(2026, 4, 10),
        date(2026, 4, 13),
        date(2026, 4, 14),
    ] {
        log_day(&app, &cast.stu, placement, on, "full");
    }
    let days = get(&app, &cast.stu, placement)["days"].clone();
    assert_eq!(days["done"], 10.0);
    assert_eq!(days["remaining"], 0.0);
    assert_eq!(days["percent"], 100);
    assert_eq!(days["projected_end"], "2026-04-14");
    let shown = text(&app.signed_in("stu").get(&page_path(placement)).body);
    assert!(shown.contains("10 of 10 days done (100%)"), "{shown}");
    assert!(
        shown.contains("All days done; the last was 14 April 2026."),
        "{shown}"
    );
}

#[test]
fn a_day_must_fall_between_the_start_and_today_once_and_an_absence_needs_a_reason() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = id(&start(
        &app,
        &cast.stu,
        body("first", date(2025, 12, 22), date(2026, 6, 30)),
    ));
    let kept = log_day(&app, &cast.stu, placement, date(2025, 12, 22), "full");
    let before = get(&app, &cast.stu, placement);
    let day = |on: &str, portion: &str| json!({"day": on, "portion": portion, "hours": 7, "activities": "Team meeting."});
    for (draft, field) in [
        (day("2025-12-19", "full"), "day"),
        (day(&days_ahead(1).to_string(), "full"), "day"),
        (day("2025-12-22", "half"), "day"),
        (
            json!({"day": "2025-12-23", "portion": "absent"}),
            "absence_reason",
        ),
        (
            json!({"day": "2025-12-23", "portion": "absent", "absence_reason": "  "}),
            "absence_reason",
        ),
        (
            json!({"day": "2025-12-23", "portion": "full", "hours": 7}),
            "activities",
        ),
        (
            json!({"day": "2025-12-23", "portion": "half", "hours": 0, "activities": "Visit."}),
            "hours",
        ),
    ] {
        refused(
            &app.post_json(&cast.stu, &days_path(placement), draft.clone()),
            &[field],
        );
        assert_eq!(get(&app, &cast.stu, placement), before, "after {draft}");
    }

    // Changing a day to a date already logged is refused too; keeping its own date is not.
    let other = log_day(&app, &cast.stu, placement, date(2025, 12, 23), "full");
    let other_path = format!("{}/{}", days_path(placement), id(&other));
    refused(
        &app.put_json(&cast.stu, &other_path, day("2025-12-22", "full")),
        &["day"],
    );
    let changed = app
        .put_json(&cast.stu, &other_path, day("2025-12-23", "half"))
        .expect(Status::Ok)
        .json();
    assert_eq!(changed["portion"], "half");
    assert_eq!(get(&app, &cast.stu, placement)["days"]["done"], 1.5);

    // A day removed no longer counts.
    app.api(
        Method::Delete,
        Some(&cast.stu),
        &format!("{}/{}", days_path(placement), id(&kept)),
        None,
    )
    .expect(Status::NoContent);
    assert_eq!(get(&app, &cast.stu, placement)["days"]["done"], 0.5);
}

#[test]
fn the_day_form_logs_a_day_and_shows_a_refusal_by_its_field() {
    let app = TestApp::new();
    let cast = cast(&app);
    let starts_on = date(2025, 12, 22);
    let placement = id(&start(
        &app,
        &cast.stu,
        body("first", starts_on, date(2026, 6, 30)),
    ));
    let browser = app.signed_in("stu");
    let path = format!("{}/days", page_path(placement));
    browser.get(&path).expect(Status::Ok);
    let fields = |on: &str, portion: &str, hours: &str| {
        vec![
            ("day", on.to_string()),
            ("portion", portion.to_string()),
            ("hours", hours.to_string()),
            ("activities", "Shadowed a review meeting.".to_string()),
        ]
    };
    let post = |fields: Vec<(&str, String)>| {
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        browser.post(&path, &borrowed)
    };
    let saved = post(fields("2025-12-22", "half", "3.5")).expect(Status::SeeOther);
    assert_eq!(saved.location(), Some(path.as_str()));
    for (fields, field) in [
        (fields("2025-12-19", "full", "7"), "day"),
        (fields(&days_ahead(2).to_string(), "full", "7"), "day"),
        (fields("2025-12-22", "full", "7"), "day"),
        (fields("2025-12-23", "full", "lots"), "hours"),
        (fields("2025-12-23", "quarter", "2"), "portion"),
    ] {
        let shown = post(fields).expect(Status::UnprocessableEntity).body;
        assert!(
            shown.contains(&format!("id=\"{field}-error\"")),
            "{field}: {shown}"
        );
    }
    let log: Value = app.get_json(&cast.stu, &days_path(placement)).json();
    assert_eq!(log.as_array().unwrap().len(), 1, "{log}");
    let shown = text(&app.signed_in("pe").get(&page_path(placement)).body);
    assert!(shown.contains("0.5 of 70 days done (0%)"), "{shown}");
    // One half day in one working day: the rest at half a day per working day.
    let expected = projection(0.5, 70.0, starts_on, starts_on);
    assert_eq!(expected, add_working_days(today(), 139));
    assert!(
        shown.contains(&format!("ends on {}", long(expected))),
        "{shown}"
    );
}

#[test]
fn nothing_done_is_written_as_zero_not_minus_zero() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = id(&start(
        &app,
        &cast.stu,
        body("first", date(2025, 12, 22), date(2026, 6, 30)),
    ));
    let browser = app.signed_in("stu");
    let page = text(&browser.get(&page_path(placement)).expect(Status::Ok).body);
    assert!(page.contains("Days 0 of 70 days done (0%)"), "{page}");
    assert!(page.contains("70 days to go; 0 hours logged"), "{page}");
    let list = text(&browser.get("/placements").expect(Status::Ok).body);
    assert!(list.contains("stu with pe: 0 of 70 days"), "{list}");
    let json = app.get_json(&cast.stu, &api_path(placement)).body;
    assert!(json.contains("\"done\":0.0"), "{json}");
    assert!(json.contains("\"hours\":0.0"), "{json}");
    let list = app.get_json(&cast.stu, "/api/v1/placements").body;
    assert!(list.contains("\"days_done\":0.0"), "{list}");
    // The same after the only day logged is removed.
    let day = log_day(&app, &cast.stu, placement, date(2025, 12, 22), "full");
    app.api(
        Method::Delete,
        Some(&cast.stu),
        &format!("{}/{}", days_path(placement), id(&day)),
        None,
    )
    .expect(Status::NoContent);
    let page = text(&browser.get(&page_path(placement)).expect(Status::Ok).body);
    assert!(page.contains("Days 0 of 70 days done (0%)"), "{page}");
}

#[test]
fn an_absence_counts_no_hours_even_when_the_form_left_a_usual_day_in_the_box() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = id(&start(
        &app,
        &cast.stu,
        body("first", date(2025, 12, 22), date(2026, 6, 30)),
    ));
    log_day(&app, &cast.stu, placement, date(2025, 12, 22), "full");
    let hours_before = get(&app, &cast.stu, placement)["hours"].clone();
    let absence = app
        .post_json(
            &cast.stu,
            &days_path(placement),
            json!({"day": "2025-12-23", "portion": "absent", "hours": 7.5,
                   "absence_reason": "Unwell"}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(absence["hours"], 0.0);
    // The same through the page, whose day form starts with 7.5 hours in the box.
    let browser = app.signed_in("stu");
    let form = browser
        .get(&format!("{}/days", page_path(placement)))
        .expect(Status::Ok)
        .body;
    assert!(
        form.contains("name=\"hours\" inputmode=\"decimal\" value=\"7.5\""),
        "{form}"
    );
    browser
        .post(
            &format!("{}/days", page_path(placement)),
            &[
                ("day", "2025-12-24"),
                ("portion", "absent"),
                ("hours", "7.5"),
                ("absence_reason", "Train strike"),
            ],
        )
        .expect(Status::SeeOther);
    let now = get(&app, &cast.stu, placement);
    assert_eq!(now["hours"], hours_before, "{now}");
    assert_eq!(now["days"]["absences"], 2, "{now}");
}
