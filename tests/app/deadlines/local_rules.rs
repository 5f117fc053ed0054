//! A deployment's own timescales: a local rules file (and a clear start-up error for an invalid
//! one) and extra closures that are not working days.

use praxis::config::Config;
use praxis::deadlines::span::Span;
use regex::Regex;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    after, calendar, days_ago, days_ahead, deadlines, open_kinds, problem_fields, record_on,
    stored_events, the, today, worker,
};
use crate::common::TestApp;

/// Child protection visits every 15 working days, and a section 7 report clock.
const LOCAL_RULES: &str = r#"
[[rule]]
kind = "cp_visit"
title = "Child protection visit"
summary = "Child protection visits every 15 working days (local procedure)."
starts = ["icpc"]
within = "15 working days"
met_by = ["cp_visit"]
repeat = true
stops = ["cp_plan_ended", "case_closed"]

[[event]]
kind = "s7_report_ordered"
title = "Section 7 report ordered"

[[event]]
kind = "s7_report_filed"
title = "Section 7 report filed"

[[rule]]
kind = "s7_report"
title = "Section 7 report"
summary = "Section 7 report due 8 weeks after the court orders it."
starts = ["s7_report_ordered"]
within = "8 weeks"
met_by = ["s7_report_filed"]
stops = ["case_closed"]
"#;

/// Writes `text` as a rules file in the data directory and names it in the configuration.
fn with_rules_file(config: Config, text: &str) -> Config {
    let path = config.data_dir().join("local-rules.toml");
    std::fs::write(&path, text).expect("rules file written");
    config.with_setting("rules_file", json!(path))
}

/// Why `praxis::build` refused `config`.
#[track_caller]
fn refusal(config: Config) -> String {
    match praxis::build(config) {
        Ok(_) => panic!("the app built"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn a_local_rules_file_overrides_and_adds_timescales() {
    let app = TestApp::with_config(|config| with_rules_file(config, LOCAL_RULES));
    let token = worker(&app, "sam", &["FAM-1"]);
    record_on(&app, &token, "FAM-1", "strategy_discussion", days_ago(30));
    let icpc = record_on(&app, &token, "FAM-1", "icpc", days_ago(20));
    let listed = deadlines(&app, &token, "FAM-1");
    let visit = the(&listed, "cp_visit", "open");
    assert_eq!(
        visit["due_on"],
        after(Span::WorkingDays(15), days_ago(20)).to_string()
    );
    assert_eq!(visit["started_by"]["id"], icpc["id"]);
    assert!(visit["rule"].as_str().unwrap().contains("local procedure"));
    // The rules it does not mention are the shipped ones.
    assert_eq!(
        the(&listed, "first_core_group", "open")["due_on"],
        after(Span::WorkingDays(10), days_ago(20)).to_string()
    );

    let ordered = record_on(&app, &token, "FAM-1", "s7_report_ordered", days_ago(3));
    let listed = deadlines(&app, &token, "FAM-1");
    let report = the(&listed, "s7_report", "due");
    assert_eq!(report["title"], "Section 7 report");
    assert_eq!(
        report["due_on"],
        after(Span::Weeks(8), days_ago(3)).to_string()
    );
    assert_eq!(report["started_by"]["id"], ordered["id"]);
    let across = app
        .get_json(&token, "/api/v1/deadlines")
        .expect(Status::Ok)
        .json();
    assert!(
        across
            .as_array()
            .unwrap()
            .iter()
            .any(|deadline| deadline["kind"] == "s7_report" && deadline["case"] == "FAM-1")
    );

    // A local event kind that does not say it may be scheduled may not be.
    let before = stored_events(&app);
    let refused = app
        .post_json(
            &token,
            "/api/v1/cases/FAM-1/events",
            json!({"kind": "s7_report_ordered", "occurred_on": days_ahead(2).to_string()}),
        )
        .expect(Status::UnprocessableEntity);
    assert_eq!(problem_fields(&refused), vec!["occurred_on"]);
    assert_eq!(stored_events(&app), before);

    record_on(&app, &token, "FAM-1", "s7_report_filed", today());
    let listed = deadlines(&app, &token, "FAM-1");
    assert_eq!(
        the(&listed, "s7_report", "met")["met_on"],
        today().to_string()
    );
    assert!(!open_kinds(&listed).contains(&"s7_report".to_string()));

    // The case page offers the local kinds.
    let page = app
        .signed_in("sam")
        .get("/cases/FAM-1")
        .expect(Status::Ok)
        .body;
    assert!(page.contains(r#"<option value="s7_report_ordered""#));
    assert!(page.contains("Section 7 report ordered"));
}

#[test]
fn without_a_local_file_the_shipped_rules_apply() {
    let app = TestApp::new();
    let token = worker(&app, "sam", &["FAM-1"]);
    let refused = app
        .post_json(
            &token,
            "/api/v1/cases/FAM-1/events",
            json!({"kind": "s7_report_ordered"}),
        )
        .expect(Status::UnprocessableEntity);
    assert_eq!(problem_fields(&refused), vec!["kind"]);
    record_on(&app, &token, "FAM-1", "icpc", days_ago(20));
    assert_eq!(
        the(&deadlines(&app, &token, "FAM-1"), "cp_visit", "open")["due_on"],
        after(Span::WorkingDays(10), days_ago(20)).to_string()
    );
}

#[test]
fn an_invalid_rules_file_stops_start_up_naming_the_file_and_line() {
    let rule = |line: &str| {
        format!(
            "# Local rules\n\n[[rule]]\nkind = \"cp_visit\"\ntitle = \"Visit\"\nsummary = \"Visits.\"\n\
             starts = [\"icpc\"]\n{line}\nmet_by = [\"cp_visit\"]\n"
        )
    };
    let cases = [
        (rule("within = \"15 fortnights\""), 8, "15 fortnights"),
        (rule("within = 15"), 8, "string"),
        (
            rule("within = \"15 working days\"\nevery = \"week\""),
            9,
            "every",
        ),
        (
            rule("within = \"15 working days\"\nstops = [\"case_shut\"]"),
            9,
            "case_shut",
        ),
        (
            "[[event]]\nkind = \"s7_report_ordered\"\ntitle = \"Ordered\"\n\n[[event]]\n\
             kind = \"Section 7\"\ntitle = \"Filed\"\n"
                .to_string(),
            6,
            "Section 7",
        ),
        (
            "[[event]]\nkind = \"custom\"\ntitle = \"Mine\"\n".to_string(),
            2,
            "reserved",
        ),
        (
            "[[event]]\nkind = \"s7_report_ordered\"\ntitle = \"Ordered\n".to_string(),
            3,
            "",
        ),
    ];
    for (text, line, mentions) in cases {
        let dir = tempfile::tempdir().unwrap();
        let config = with_rules_file(Config::new(dir.path()).quiet(), &text);
        let path = dir.path().join("local-rules.toml");
        let message = refusal(config);
        assert!(
            message.contains(&path.display().to_string()),
            "names the file: {message}"
        );
        let at_line = Regex::new(&format!(r"\bline {line}\b")).unwrap();
        assert!(at_line.is_match(&message), "line {line}: {message}");
        assert!(message.contains(mentions), "{mentions}: {message}");
    }

    // A file that is not there is named too.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-rules.toml");
    let message = refusal(
        Config::new(dir.path())
            .quiet()
            .with_setting("rules_file", json!(missing)),
    );
    assert!(
        message.contains(&missing.display().to_string()),
        "{message}"
    );
}

#[test]
fn closures_push_working_day_deadlines_later() {
    let discussion = days_ago(2);
    // The first working day after the discussion is a closure.
    let closed = calendar().add_working_days(discussion, 1);
    let expected = calendar()
        .with_closures([closed])
        .add_working_days(discussion, 15);
    let shipped = after(Span::WorkingDays(15), discussion);
    assert!(expected > shipped);

    let app = TestApp::with_config(|config| {
        config.with_setting("closures", json!([closed.to_string(), "2030-12-24"]))
    });
    let token = worker(&app, "sam", &["FAM-1"]);
    record_on(&app, &token, "FAM-1", "strategy_discussion", discussion);
    record_on(&app, &token, "FAM-1", "care_proceedings_issued", discussion);
    let listed = deadlines(&app, &token, "FAM-1");
    assert_eq!(the(&listed, "icpc", "due")["due_on"], expected.to_string());
    // Calendar weeks do not skip closures.
    assert_eq!(
        the(&listed, "care_proceedings", "due")["due_on"],
        after(Span::Weeks(26), discussion).to_string()
    );

    // Without the closure the shipped calendar applies.
    let plain = TestApp::new();
    let token = worker(&plain, "sam", &["FAM-1"]);
    record_on(&plain, &token, "FAM-1", "strategy_discussion", discussion);
    let listed: Vec<Value> = deadlines(&plain, &token, "FAM-1");
    assert_eq!(the(&listed, "icpc", "due")["due_on"], shipped.to_string());

    // A closure that is not a date stops start-up, saying which setting.
    let dir = tempfile::tempdir().unwrap();
    let message = refusal(
        Config::new(dir.path())
            .quiet()
            .with_setting("closures", json!(["24/12/2026"])),
    );
    assert!(message.contains("closures"), "{message}");
    assert!(message.contains("24/12/2026"), "{message}");
}
