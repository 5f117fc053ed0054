//! The coverage matrix and what linking evidence does: each of PCF-1 to PCF-9 shows how many
//! links and observations evidence it and the latest, gaps are said in words (not only in
//! colour); one entry may evidence several domains; linking a private entry shares it with the
//! practice educator and the on-site supervisor, and the evidence page says so before it is
//! linked; someone else's entry, a binned one or a made-up id is refused with nothing shared.

use chrono::NaiveDate;
use regex::Regex;
use rocket::http::{Method, Status};
use serde_json::{Value, json};

use super::{
    api_path, cast, days_ago, entry, get, link, observation, observe, page_path, placement,
    refused, section, text,
};
use crate::common::TestApp;

/// The matrix's rows on the placement page: domain, count cell and latest cell, as text, with
/// whether the row is marked as a gap.
fn matrix_rows(html: &str) -> Vec<(String, String, String, bool)> {
    let coverage = section(html, "coverage-heading");
    let row = Regex::new(
        r#"(?s)<tr( class="gap")?>\s*<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>"#,
    )
    .unwrap();
    row.captures_iter(coverage)
        .map(|found| {
            (
                text(&found[2]),
                text(&found[3]),
                text(&found[4]),
                found.get(1).is_some(),
            )
        })
        .collect()
}

/// A date as the matrix writes it: `5 Nov 2026`.
fn short(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

fn entry_json(app: &TestApp, token: &str, entry: i64) -> Value {
    app.get_json(token, &format!("/api/v1/entries/{entry}"))
        .expect(Status::Ok)
        .json()
}

#[test]
fn the_matrix_counts_links_and_observations_per_domain_and_names_the_gaps() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(60));
    let visit = entry(
        &app,
        &cast.stu,
        "Home visit reflection",
        days_ago(40),
        "private",
    );
    let group = entry(
        &app,
        &cast.stu,
        "Core group reflection",
        days_ago(5),
        "supervisor",
    );
    // One link to two domains.
    let links = link(
        &app,
        &cast.stu,
        placement,
        visit,
        &["PCF-3", "PCF-1"],
        "Values and diversity on a first visit.",
    );
    let mut domains: Vec<&str> = links
        .iter()
        .map(|l| l["domain"].as_str().unwrap())
        .collect();
    domains.sort_unstable();
    assert_eq!(domains, ["PCF-1", "PCF-3"]);
    link(
        &app,
        &cast.stu,
        placement,
        group,
        &["PCF-1"],
        "Sharing a view in a meeting.",
    );
    observe(
        &app,
        &cast.stu,
        placement,
        observation(days_ago(10), &["PCF-3", "PCF-5"]),
    );

    let coverage = app
        .get_json(&cast.pe, &format!("{}/coverage", api_path(placement)))
        .expect(Status::Ok)
        .json();
    let coverage = coverage.as_array().unwrap();
    let codes: Vec<&str> = coverage
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        (1..=9).map(|n| format!("PCF-{n}")).collect::<Vec<_>>()
    );
    let counts: Vec<i64> = coverage
        .iter()
        .map(|d| d["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [2, 0, 2, 0, 1, 0, 0, 0, 0]);
    assert_eq!(coverage[0]["latest"]["title"], "Core group reflection");
    assert_eq!(coverage[0]["latest"]["entry_id"], group);
    assert_eq!(
        coverage[0]["latest"]["occurred_on"],
        days_ago(5).to_string()
    );
    assert_eq!(
        coverage[2]["latest"]["title"],
        "Direct observation: Practice educator"
    );
    assert_eq!(coverage[2]["latest"]["entry_id"], Value::Null);
    assert_eq!(coverage[1]["latest"], Value::Null);

    // The page says the same, in words: every gap reads "None yet (gap)".
    for token_holder in ["stu", "pe", "lisa"] {
        let html = app
            .signed_in(token_holder)
            .get(&page_path(placement))
            .expect(Status::Ok)
            .body;
        let rows = matrix_rows(&html);
        assert_eq!(rows.len(), 9, "{token_holder}: {html}");
        for ((domain, count, latest, gap), api) in rows.iter().zip(coverage) {
            assert_eq!(
                domain,
                &format!(
                    "{} {}",
                    api["code"].as_str().unwrap(),
                    api["title"].as_str().unwrap()
                )
            );
            match api["count"].as_i64().unwrap() {
                0 => {
                    assert_eq!(count, "None yet (gap)", "{domain}");
                    assert_eq!(latest, "nothing yet", "{domain}");
                    assert!(gap, "{domain} not marked as a gap");
                }
                n => {
                    assert_eq!(count, &n.to_string(), "{domain}");
                    assert!(!gap, "{domain} marked as a gap");
                }
            }
        }
        assert_eq!(
            rows[0].2,
            format!("{}: Core group reflection", short(days_ago(5)))
        );
        assert_eq!(
            rows[2].2,
            format!(
                "{}: Direct observation: Practice educator",
                short(days_ago(10))
            )
        );
        assert_eq!(rows[4].2, rows[2].2);
        assert!(
            section(&html, "coverage-heading").contains(&format!("href=\"/entries/{group}\"")),
            "{token_holder}"
        );
        assert!(
            text(&html).contains("6 of 9 domains have no evidence yet."),
            "{html}"
        );
    }

    // Linking the same entry to a domain again replaces the note; the count stays.
    link(
        &app,
        &cast.stu,
        placement,
        visit,
        &["PCF-1"],
        "Now: respect for choices.",
    );
    let evidence = get(&app, &cast.stu, placement)["evidence"].clone();
    let visit_links: Vec<&Value> = evidence
        .as_array()
        .unwrap()
        .iter()
        .filter(|link| link["entry"]["id"] == visit)
        .collect();
    assert_eq!(visit_links.len(), 2, "{evidence}");
    let pcf1 = visit_links.iter().find(|l| l["domain"] == "PCF-1").unwrap();
    assert_eq!(pcf1["note"], "Now: respect for choices.");
    assert_eq!(get(&app, &cast.stu, placement)["coverage"][0]["count"], 2);

    // Unlinking takes the link out of the count; the entry stays shared.
    let pcf3 = visit_links.iter().find(|l| l["domain"] == "PCF-3").unwrap();
    app.api(
        Method::Delete,
        Some(&cast.stu),
        &format!("{}/evidence/{}", api_path(placement), pcf3["id"]),
        None,
    )
    .expect(Status::NoContent);
    let after = get(&app, &cast.stu, placement);
    assert_eq!(after["coverage"][2]["count"], 1);
    assert_eq!(
        entry_json(&app, &cast.stu, visit)["visibility"],
        "supervisor"
    );

    // An entry moved to the bin no longer counts as evidence.
    app.api(
        Method::Delete,
        Some(&cast.stu),
        &format!("/api/v1/entries/{group}"),
        None,
    )
    .expect(Status::NoContent);
    let after = get(&app, &cast.stu, placement);
    assert_eq!(after["coverage"][0]["count"], 1);
    assert_eq!(
        after["coverage"][0]["latest"]["title"],
        "Home visit reflection"
    );
}

#[test]
fn linking_a_private_entry_shares_it_and_the_page_says_so_first() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(30));
    let private = entry(
        &app,
        &cast.stu,
        "Duty call reflection",
        days_ago(3),
        "private",
    );
    let path = format!("/api/v1/entries/{private}");
    for token in [&cast.pe, &cast.lisa] {
        assert_eq!(app.get_json(token, &path).status, Status::NotFound);
    }

    let browser = app.signed_in("stu");
    let form = browser
        .get(&format!("{}/evidence/new", page_path(placement)))
        .expect(Status::Ok)
        .body;
    let said = text(&form);
    assert!(said.contains("Linking shares the entry"), "{said}");
    assert!(
        said.contains("if the entry is private, linking it shares it with lisa and pe"),
        "{said}"
    );
    assert!(
        said.contains("Duty call reflection (reflection, private: will be shared)"),
        "{said}"
    );
    // Still private: showing the form shares nothing.
    assert_eq!(
        entry_json(&app, &cast.stu, private)["visibility"],
        "private"
    );

    let linked = browser
        .post(
            &format!("{}/evidence", page_path(placement)),
            &[
                ("entry_id", &private.to_string()),
                ("domains", "PCF-2"),
                ("domains", "PCF-4"),
                ("note", "Taking responsibility for my learning on duty."),
            ],
        )
        .expect(Status::SeeOther);
    assert_eq!(
        linked.location(),
        Some(format!("{}#coverage-heading", page_path(placement)).as_str())
    );
    assert_eq!(
        entry_json(&app, &cast.stu, private)["visibility"],
        "supervisor"
    );
    // The practice educator and the on-site supervisor now read it.
    for token in [&cast.pe, &cast.lisa] {
        assert_eq!(
            entry_json(&app, token, private)["title"],
            "Duty call reflection"
        );
    }
    let page = app
        .signed_in("pe")
        .get(&page_path(placement))
        .expect(Status::Ok)
        .body;
    assert!(
        page.contains(&format!(
            "<a href=\"/entries/{private}\">Duty call reflection</a>"
        )),
        "{page}"
    );
    let counts: Vec<i64> = get(&app, &cast.pe, placement)["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["count"].as_i64().unwrap())
        .collect();
    assert_eq!(counts, [0, 1, 0, 1, 0, 0, 0, 0, 0]);
}

#[test]
fn someone_elses_entry_a_binned_one_or_a_made_up_one_is_refused_and_nothing_is_shared() {
    let app = TestApp::new();
    let cast = cast(&app);
    app.user("sam", "student");
    app.link("pe", "sam", praxis::accounts::model::LinkKind::Educator);
    let sam = app.token("sam");
    let placement = placement(&app, &cast, "first", days_ago(30));
    let sams = entry(&app, &sam, "Sam's private thoughts", days_ago(2), "private");
    // A live entry of her own, so that the form is there to show the refusal in.
    entry(&app, &cast.stu, "Live reflection", days_ago(2), "private");
    let binned = entry(&app, &cast.stu, "Binned draft", days_ago(2), "private");
    app.api(
        Method::Delete,
        Some(&cast.stu),
        &format!("/api/v1/entries/{binned}"),
        None,
    )
    .expect(Status::NoContent);
    let before = get(&app, &cast.stu, placement);

    for entry_id in [json!(sams), json!(binned), json!(999_999), Value::Null] {
        let reply = app.post_json(
            &cast.stu,
            &format!("{}/evidence", api_path(placement)),
            json!({"entry_id": entry_id, "domains": ["PCF-1"], "note": "Evidence."}),
        );
        refused(&reply, &["entry_id"]);
    }
    let shown = app
        .signed_in("stu")
        .post(
            &format!("{}/evidence", page_path(placement)),
            &[
                ("entry_id", &sams.to_string()),
                ("domains", "PCF-1"),
                ("note", "Evidence."),
            ],
        )
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(shown.contains("id=\"entry_id-error\""), "{shown}");
    // Nor may a day link them.
    let day = app.post_json(
        &cast.stu,
        &format!("{}/days", api_path(placement)),
        json!({"day": days_ago(1).to_string(), "portion": "full", "hours": 7,
               "activities": "Visits.", "entries": [sams]}),
    );
    refused(&day, &["entries"]);

    assert_eq!(get(&app, &cast.stu, placement), before);
    assert_eq!(entry_json(&app, &sam, sams)["visibility"], "private");
    // Sam's educator is pe too, and still cannot read it.
    assert_eq!(
        app.get_json(&cast.pe, &format!("/api/v1/entries/{sams}"))
            .status,
        Status::NotFound
    );
}

#[test]
fn an_entry_about_a_day_is_not_shared_by_it() {
    let app = TestApp::new();
    let cast = cast(&app);
    let placement = placement(&app, &cast, "first", days_ago(30));
    let private = entry(&app, &cast.stu, "Tired after duty", days_ago(1), "private");
    let day = app
        .post_json(
            &cast.stu,
            &format!("{}/days", api_path(placement)),
            json!({"day": days_ago(1).to_string(), "portion": "full", "hours": 7,
                   "activities": "Duty.", "entries": [private]}),
        )
        .expect(Status::Created)
        .json();
    assert_eq!(day["entries"][0]["id"], private);
    assert_eq!(
        entry_json(&app, &cast.stu, private)["visibility"],
        "private"
    );
    let seen = get(&app, &cast.pe, placement);
    assert_eq!(seen["day_log"][0]["entries"], json!([]), "{seen}");
    let page = app
        .signed_in("pe")
        .get(&format!("{}/days", page_path(placement)))
        .expect(Status::Ok)
        .body;
    assert!(!page.contains("Tired after duty"), "{page}");
}
