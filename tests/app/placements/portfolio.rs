//! The portfolio, printable and as a Markdown download: the front sheet, the learning
//! agreement as in force with its amendments, the day log summary, the evidence index by PCF
//! domain (each note under its own domain, with the educator's comments), the observations
//! and the reviews, all of it what was entered.

use rocket::http::Status;
use serde_json::json;

use super::{
    Cast, api_path, body, cast, date, entry, id, link, lock_agreement, lock_review, log_day,
    midpoint, observation, observe, page_path, section, start, text,
};
use crate::common::TestApp;

/// A placement with a bit of everything; returns its id and the observation's.
fn filled(app: &TestApp, cast: &Cast) -> (i64, i64) {
    let placement = id(&start(
        app,
        &cast.stu,
        body("first", date(2025, 12, 22), date(2026, 4, 30)),
    ));
    log_day(app, &cast.stu, placement, date(2025, 12, 22), "full");
    log_day(app, &cast.stu, placement, date(2025, 12, 23), "full");
    log_day(app, &cast.stu, placement, date(2025, 12, 24), "half");
    app.post_json(
        &cast.stu,
        &format!("{}/days", api_path(placement)),
        json!({"day": "2025-12-29", "portion": "absent", "absence_reason": "Unwell"}),
    )
    .expect(Status::Created);
    let visit = entry(
        app,
        &cast.stu,
        "Home visit reflection",
        date(2025, 12, 23),
        "private",
    );
    let links = link(
        app,
        &cast.stu,
        placement,
        visit,
        &["PCF-3"],
        "Showed respect for diversity on a home visit.",
    );
    app.post_json(
        &cast.pe,
        &format!(
            "{}/evidence/{}/comments",
            api_path(placement),
            id(&links[0])
        ),
        json!({"body": "A good link to anti-oppressive practice."}),
    )
    .expect(Status::Created);
    let mut seen = observation(date(2026, 1, 2), &["PCF-5"]);
    seen["reflection"] = json!("I learned to slow down at the door.");
    let made = observe(app, &cast.stu, placement, seen.clone());
    seen["feedback"] = json!("Calm, clear and kind.");
    app.put_json(
        &cast.pe,
        &format!("{}/observations/{}", api_path(placement), id(&made)),
        seen,
    )
    .expect(Status::Ok);
    lock_agreement(app, cast, placement);
    app.post_json(
        &cast.stu,
        &format!("{}/amendments", api_path(placement)),
        json!({"document": "agreement", "field": "goals",
               "text": "Lead an assessment and write a court report.",
               "reason": "Court work came up"}),
    )
    .expect(Status::Created);
    lock_review(app, cast, placement, "midpoint", midpoint());
    (placement, id(&made))
}

/// The Markdown from `heading` (a whole line) to the next heading of the same level or higher.
fn md_part<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("{heading}\n"))
        .unwrap_or_else(|| panic!("no {heading} in {md}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let rest = &md[start + heading.len()..];
    let end = (1..=level)
        .filter_map(|n| rest.find(&format!("\n{} ", "#".repeat(n))))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_markdown_download_holds_every_part_of_the_placement() {
    let app = TestApp::new();
    let cast = cast(&app);
    let (placement, _) = filled(&app, &cast);
    let download = app
        .signed_in("pe")
        .get_bytes(&format!("{}/portfolio.md", page_path(placement)))
        .expect(Status::Ok);
    assert_eq!(
        download.header("Content-Disposition"),
        Some(format!("attachment; filename=\"placement-{placement}-portfolio.md\"").as_str())
    );
    assert!(
        download
            .header("Content-Type")
            .unwrap()
            .starts_with("text/markdown"),
        "{:?}",
        download.header("Content-Type")
    );
    let md = String::from_utf8(download.bytes).unwrap();
    assert!(md.starts_with("# Placement portfolio: stu\n"), "{md}");
    let parts = [
        "## Front sheet",
        "## Learning agreement",
        "## Day log summary",
        "## Evidence index by PCF domain",
        "## Direct observations",
        "## Reviews",
    ];
    let at: Vec<usize> = parts
        .iter()
        .map(|part| {
            md.find(&format!("{part}\n"))
                .unwrap_or_else(|| panic!("{part}: {md}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|pair| pair[0] < pair[1]),
        "out of order: {md}"
    );

    let front = md_part(&md, "## Front sheet");
    for line in [
        "- **Student:** stu",
        "- **Practice educator:** pe",
        "- **On-site supervisor:** lisa",
        "- **Setting:** Adult social care",
        "- **Team:** Hospital discharge",
        "- **Level:** First placement (70 days)",
        "- **Dates:** 22 December 2025 to 30 April 2026 (expected end)",
        "- **Days done:** 2.5 of 70 (3%), 67.5 to go",
        "- **Hours logged:** 18.5",
        "- **Absences:** 1",
        "- **Direct observations:** 1 of 2 required",
    ] {
        assert!(front.contains(line), "{line} in {front}");
    }

    let agreement = md_part(&md, "## Learning agreement");
    assert!(
        agreement.contains(
            "### Learning goals (amended)\n\nLead an assessment and write a court report."
        ),
        "{agreement}"
    );
    assert!(
        agreement.contains("Weekly supervision with the practice educator."),
        "{agreement}"
    );
    assert!(
        agreement.contains("**Why:** Court work came up"),
        "{agreement}"
    );
    assert!(
        agreement.contains("> Lead an assessment from start to finish."),
        "{agreement}"
    );
    assert!(agreement.contains("- Student, stu: signed "), "{agreement}");

    let days = md_part(&md, "## Day log summary");
    assert!(days.contains("- **Days logged:** 4"), "{days}");
    assert!(
        days.contains("| 22 December 2025 | Full day | 7.5 | Duty desk and a joint visit. |"),
        "{days}"
    );
    assert!(
        days.contains("| 24 December 2025 | Half day | 3.5 |"),
        "{days}"
    );
    assert!(days.contains("| 29 December 2025 | Absent | 0 |"), "{days}");
    assert!(days.contains("| Unwell |"), "{days}");

    let evidence = md_part(&md, "## Evidence index by PCF domain");
    assert!(
        evidence.contains("2 of 9 domains have evidence."),
        "{evidence}"
    );
    let pcf3 = evidence
        .split("\n### ")
        .find(|part| part.starts_with("PCF-3 "))
        .unwrap_or_else(|| panic!("no PCF-3 in {evidence}"));
    assert!(
        pcf3.contains("**23 December 2025: Home visit reflection**"),
        "{pcf3}"
    );
    assert!(
        pcf3.contains("Showed respect for diversity on a home visit."),
        "{pcf3}"
    );
    assert!(
        pcf3.contains("Practice educator's comment, by pe"),
        "{pcf3}"
    );
    assert!(
        pcf3.contains("A good link to anti-oppressive practice."),
        "{pcf3}"
    );
    let pcf5 = evidence
        .split("\n### ")
        .find(|part| part.starts_with("PCF-5 "))
        .unwrap();
    assert!(
        pcf5.contains("2 January 2026: direct observation by Practice educator"),
        "{pcf5}"
    );
    for other in evidence.split("\n### ").skip(1) {
        if !other.starts_with("PCF-3 ") && !other.starts_with("PCF-5 ") {
            assert!(other.contains("No evidence yet."), "{other}");
            assert!(!other.contains("home visit"), "{other}");
        }
    }

    let observations = md_part(&md, "## Direct observations");
    assert!(
        observations.contains("### Observation 1: 2 January 2026"),
        "{observations}"
    );
    assert!(
        observations.contains("I learned to slow down at the door."),
        "{observations}"
    );
    assert!(
        observations.contains("Calm, clear and kind."),
        "{observations}"
    );

    let reviews = md_part(&md, "## Reviews");
    let mid = md_part(reviews, "### Mid-point review");
    assert!(
        mid.contains("Steady progress across domains one to five."),
        "{mid}"
    );
    assert!(
        mid.contains("Two more observations and a court report."),
        "{mid}"
    );
    assert!(mid.contains("Signed by both, so locked"), "{mid}");
    assert!(
        md_part(reviews, "### Final report").contains("Not drafted yet."),
        "{reviews}"
    );
}

#[test]
fn the_printable_portfolio_holds_every_part_of_the_placement() {
    let app = TestApp::new();
    let cast = cast(&app);
    let (placement, observation) = filled(&app, &cast);
    let html = app
        .signed_in("stu")
        .get(&format!("{}/portfolio", page_path(placement)))
        .expect(Status::Ok)
        .body;
    let front = text(section(&html, "front-heading"));
    for fact in [
        "Student stu",
        "Practice educator pe",
        "On-site supervisor lisa",
        "Setting Adult social care",
        "Days done 2.5 of 70 (3%), 67.5 to go",
        "Direct observations 1 of 2 required",
    ] {
        assert!(front.contains(fact), "{fact} in {front}");
    }
    let agreement = text(section(&html, "agreement-heading"));
    assert!(
        agreement.contains("Learning goals (amended) Lead an assessment and write a court report."),
        "{agreement}"
    );
    assert!(agreement.contains("Why: Court work came up"), "{agreement}");
    let days = text(section(&html, "days-heading"));
    assert!(
        days.contains("22 December 2025 Full day 7.5 Duty desk and a joint visit."),
        "{days}"
    );
    assert!(days.contains("29 December 2025 Absent 0 Unwell"), "{days}");
    let pcf3 = text(section(&html, "domain-PCF-3"));
    assert!(pcf3.contains("Home visit reflection"), "{pcf3}");
    assert!(
        pcf3.contains("Showed respect for diversity on a home visit."),
        "{pcf3}"
    );
    assert!(
        pcf3.contains("A good link to anti-oppressive practice."),
        "{pcf3}"
    );
    assert!(
        text(section(&html, "domain-PCF-5")).contains("direct observation by Practice educator")
    );
    assert!(text(section(&html, "domain-PCF-1")).contains("No evidence yet."));
    let seen = text(section(
        &html,
        &format!("observation-{observation}-heading"),
    ));
    assert!(
        seen.contains("I learned to slow down at the door."),
        "{seen}"
    );
    assert!(seen.contains("Calm, clear and kind."), "{seen}");
    let mid = text(section(&html, "review-midpoint"));
    assert!(
        mid.contains("Steady progress across domains one to five."),
        "{mid}"
    );
    assert!(text(section(&html, "review-final")).contains("Not drafted yet."));
    // Made for printing, and the download is offered.
    assert!(html.contains(&format!("href=\"{}/portfolio.md\"", page_path(placement))));
}
