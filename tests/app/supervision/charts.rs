//! The pair page's charts: how the 4x4x4 functions were balanced over the last sessions and
//! how their actions were completed, as numbers in the table, the SVG's text alternative and
//! the summary; and the SVG readable without colour or styles.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    create, days_ago, days_ahead, draft, label, open_case, overview_line, pair, section, svg,
    table_rows,
};
use crate::common::TestApp;

/// A record held on `on` with these parts tagged: (part, functions separated by commas), and
/// perhaps a case discussion tagged too.
fn tagged(on: chrono::NaiveDate, parts: &[(&str, &str)], case: Option<&str>) -> Value {
    let split =
        |functions: &str| -> Vec<String> { functions.split(',').map(str::to_string).collect() };
    let mut body = draft(on);
    for (part, functions) in parts {
        body[*part] = json!(format!("Text of the {part}."));
        body[format!("{part}_functions")] = json!(split(functions));
    }
    if let Some(functions) = case {
        let functions = split(functions);
        body["case_discussions"] = json!([{"case_reference": "FAM-1", "update": "Discussed.",
                                           "decision": "Carry on.", "functions": functions}]);
    }
    body
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|cell| cell.to_string()).collect()
}

#[test]
fn the_balance_chart_counts_each_tagged_item_per_session() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    open_case(&app, &ann, "FAM-1");
    let (first, second, third) = (days_ago(20), days_ago(10), days_ago(5));
    // Agenda management, wellbeing support, a case discussion for management and development.
    create(
        &app,
        &sue,
        "ann",
        tagged(
            first,
            &[("agenda", "management"), ("wellbeing", "support")],
            Some("management,development"),
        ),
    );
    // One item for each function.
    create(
        &app,
        &ann,
        "sue",
        tagged(
            second,
            &[
                ("workload", "management"),
                ("development", "development"),
                ("wellbeing", "support,mediation"),
            ],
            None,
        ),
    );
    // Nothing tagged.
    create(&app, &sue, "ann", draft(third));
    // A draft for a later date is not in the chart.
    create(
        &app,
        &sue,
        "ann",
        tagged(days_ahead(5), &[("agenda", "management")], None),
    );

    let page = app
        .signed_in("ann")
        .get("/supervision/with/sue")
        .expect(Status::Ok)
        .body;
    let balance = section(&page, "balance-heading");
    let headings: Vec<&str> = regex::Regex::new(r#"<th scope="col">([^<]*)</th>"#)
        .unwrap()
        .captures_iter(balance)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Session",
            "Management",
            "Development",
            "Support",
            "Mediation",
            "Total"
        ]
    );
    assert_eq!(
        table_rows(balance),
        [
            row(&[
                &label(first),
                "2 (50%)",
                "1 (25%)",
                "1 (25%)",
                "0 (0%)",
                "4"
            ]),
            row(&[
                &label(second),
                "1 (25%)",
                "1 (25%)",
                "1 (25%)",
                "1 (25%)",
                "4"
            ]),
            row(&[&label(third), "0", "0", "0", "0", "0 (no items tagged)"]),
        ]
    );
    // Over the three sessions: management 3, development 2, support 2, mediation 1 of 8,
    // rounded so that the shares add up to 100.
    assert!(
        balance.contains("Overall: Management 38%, Development 25%, Support 25%, Mediation 12%."),
        "{balance}"
    );
    let chart = svg(balance);
    assert!(
        chart.contains(
            r#"<title id="balance-title">Balance of supervision functions over 3 sessions</title>"#
        ),
        "{chart}"
    );
    for sentence in [
        format!(
            "{}: management 2, development 1, support 1, mediation 0.",
            label(first)
        ),
        format!(
            "{}: management 1, development 1, support 1, mediation 1.",
            label(second)
        ),
        format!("{}: no items tagged.", label(third)),
        "Across all sessions: Management 38%, development 25%, support 25%, mediation 12%."
            .to_string(),
    ] {
        assert!(chart.contains(&sentence), "{sentence:?} in {chart}");
    }
    assert!(!chart.contains(&label(days_ahead(5))), "{chart}");
}

#[test]
fn the_actions_chart_counts_on_time_late_overdue_and_open() {
    let app = TestApp::new();
    let (sue, ann) = pair(&app, "sue", "ann");
    let (first, second, third) = (days_ago(20), days_ago(10), days_ago(4));
    let mut body = draft(first);
    body["actions"] = json!([
        {"description": "On time", "owner": "ann", "due_on": days_ahead(5).to_string()},
        {"description": "Late", "owner": "ann", "due_on": days_ago(3).to_string()},
        {"description": "Overdue", "owner": "sue", "due_on": days_ago(2).to_string()},
        {"description": "Not yet due", "owner": "sue", "due_on": days_ahead(10).to_string()}
    ]);
    let made = create(&app, &sue, "ann", body);
    for action in made["actions"].as_array().unwrap() {
        if ["On time", "Late"].contains(&action["description"].as_str().unwrap()) {
            // Done today: before its due date for one, after it for the other.
            app.put_json(
                &ann,
                &format!("/api/v1/supervision/actions/{}", action["id"]),
                json!({"status": "done"}),
            )
            .expect(Status::Ok);
        }
    }
    // The second session's actions are reviewed at the third: one done after its due date,
    // one before, one dropped (which is neither).
    let mut body = draft(second);
    body["actions"] = json!([
        {"description": "Reviewed late", "owner": "ann", "due_on": days_ago(8).to_string()},
        {"description": "Reviewed on time", "owner": "ann", "due_on": days_ago(1).to_string()},
        {"description": "Dropped", "owner": "ann", "due_on": days_ago(9).to_string()}
    ]);
    let made = create(&app, &ann, "sue", body);
    let ids: Vec<&Value> = made["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["id"])
        .collect();
    // Listed by due date: dropped (9 days ago), reviewed late (8), reviewed on time (1).
    let mut body = draft(third);
    body["action_reviews"] = json!([
        {"action_id": ids[0], "outcome": "dropped", "reason": "Overtaken by events"},
        {"action_id": ids[1], "outcome": "done"},
        {"action_id": ids[2], "outcome": "done"}
    ]);
    create(&app, &sue, "ann", body);

    let page = app
        .signed_in("sue")
        .get("/supervision/with/ann")
        .expect(Status::Ok)
        .body;
    let timeliness = section(&page, "timeliness-heading");
    assert_eq!(
        table_rows(timeliness),
        [
            row(&[&label(first), "1", "1", "1", "1", "4"]),
            row(&[&label(second), "1", "1", "0", "0", "2"]),
            row(&[&label(third), "0", "0", "0", "0", "0 (no actions)"]),
        ]
    );
    let chart = svg(timeliness);
    assert!(
        chart.contains(
            r#"<title id="actions-title">Timeliness of actions agreed over 3 sessions</title>"#
        ),
        "{chart}"
    );
    for sentence in [
        format!(
            "{}: done on time 1, done late 1, overdue 1, open (not yet due) 1.",
            label(first)
        ),
        format!(
            "{}: done on time 1, done late 1, overdue 0, open (not yet due) 0.",
            label(second)
        ),
        format!("{}: no actions.", label(third)),
    ] {
        assert!(chart.contains(&sentence), "{sentence:?} in {chart}");
    }
    let line = overview_line(&app, &sue, "ann");
    assert_eq!(line["open_actions"], 2);
    assert_eq!(line["overdue_actions"], 1);
}

#[test]
fn the_charts_are_images_with_a_title_and_description_and_no_inline_styles() {
    let app = TestApp::new();
    let (sue, _) = pair(&app, "sue", "ann");
    let browser = app.signed_in("sue");
    // With no sessions yet, the charts say so.
    let empty = browser.get("/supervision/with/ann").expect(Status::Ok).body;
    assert!(
        svg(section(&empty, "balance-heading")).contains("No sessions yet"),
        "{empty}"
    );
    create(
        &app,
        &sue,
        "ann",
        tagged(days_ago(3), &[("agenda", "management,support")], None),
    );
    let page = browser.get("/supervision/with/ann").expect(Status::Ok).body;
    for (heading, prefix) in [
        ("balance-heading", "balance"),
        ("timeliness-heading", "actions"),
    ] {
        let html = section(&page, heading);
        let chart = svg(html);
        assert!(chart.contains(r#"role="img""#), "{chart}");
        assert!(
            chart.contains(&format!(
                r#"aria-labelledby="{prefix}-title {prefix}-desc""#
            )),
            "{chart}"
        );
        assert!(
            chart.contains(&format!(r#"<title id="{prefix}-title">"#)),
            "{chart}"
        );
        assert!(
            chart.contains(&format!(r#"<desc id="{prefix}-desc">"#)),
            "{chart}"
        );
        assert!(!chart.contains("style="), "{chart}");
        assert!(!chart.contains("<style"), "{chart}");
        assert!(!chart.contains("<script"), "{chart}");
        // Series told apart by pattern, not colour alone.
        assert_eq!(chart.matches("<pattern ").count(), 4, "{chart}");
        // And the same numbers as a table.
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("(as a table)"), "{html}");
    }
    assert!(!page.contains(" style="), "inline styles on the pair page");
}
