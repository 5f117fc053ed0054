//! Filters, facets, sorting and pages of `GET /api/v1/search`: each filter narrows, bad
//! values are refused naming the field, every facet offered can be applied, sorting by date
//! puts the newest first, and following the cursor covers every hit exactly once.

use std::collections::{BTreeMap, BTreeSet};

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    case, create, days_ago, facet, find, hit_ids, hit_set, note, problem_fields, search,
    search_reply,
};
use crate::common::TestApp;

/// Query parameters, as pairs.
type Params<'a> = &'a [(&'a str, &'a str)];

/// A CPD record's fields.
fn cpd_fields(text: &str) -> Value {
    json!({
        "activity_type": "Course or training",
        "description": text,
        "learning": "Cumulative harm.",
        "impact": "Better chronologies.",
        "hours": 2.0
    })
}

/// The entries the filter tests narrow down: `(name, id)`.
struct Filtered {
    ids: BTreeMap<&'static str, i64>,
}

impl Filtered {
    /// Sam's five entries, all mentioning "kinship", with two cases and some tags.
    fn new(app: &TestApp, token: &str) -> Self {
        case(app, token, "FAM-1");
        case(app, token, "FAM-2");
        let mut ids = BTreeMap::new();
        ids.insert(
            "diary_fam1_both_tags",
            create(
                app,
                token,
                json!({"kind": "diary", "title": "Kinship visit", "body": "Kinship carer visit.",
                       "occurred_on": days_ago(10).to_string(), "cases": ["FAM-1"],
                       "tags": ["CA1989-s47", "PCF-6"]}),
            ),
        );
        ids.insert(
            "reflection_fam1",
            create(
                app,
                token,
                json!({"kind": "reflection", "title": "Kinship reflection", "model": "gibbs",
                       "sections": {"description": "Kinship assessment went slowly."},
                       "occurred_on": days_ago(8).to_string(), "cases": ["FAM-1"],
                       "tags": ["PCF-9"]}),
            ),
        );
        ids.insert(
            "diary_fam2_s47",
            create(
                app,
                token,
                json!({"kind": "diary", "title": "Kinship call", "body": "Kinship call with aunt.",
                       "occurred_on": days_ago(3).to_string(), "cases": ["FAM-2"],
                       "tags": ["CA1989-s47"]}),
            ),
        );
        ids.insert(
            "diary_untagged",
            create(
                app,
                token,
                json!({"kind": "diary", "title": "Kinship thoughts", "body": "Kinship, untagged.",
                       "occurred_on": days_ago(0).to_string()}),
            ),
        );
        ids.insert(
            "cpd_pcf6",
            create(
                app,
                token,
                json!({"kind": "cpd", "title": "Kinship course", "body": "",
                       "cpd": cpd_fields("Kinship care course."),
                       "occurred_on": days_ago(20).to_string(), "tags": ["PCF-6"]}),
            ),
        );
        Self { ids }
    }

    fn set(&self, names: &[&str]) -> BTreeSet<i64> {
        names.iter().map(|name| self.ids[name]).collect()
    }
}
#[test]
fn each_filter_narrows_the_results() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let entries = Filtered::new(&app, &token);
    let everything = entries.set(&[
        "diary_fam1_both_tags",
        "reflection_fam1",
        "diary_fam2_s47",
        "diary_untagged",
        "cpd_pcf6",
    ]);
    let all = search(&app, &token, &[("q", "kinship")]);
    assert_eq!(hit_set(&all), everything, "{all}");
    assert_eq!(
        facet(&all, "kind"),
        BTreeMap::from([
            ("cpd".into(), 1),
            ("diary".into(), 3),
            ("reflection".into(), 1)
        ])
    );
    assert_eq!(
        facet(&all, "case"),
        BTreeMap::from([("FAM-1".into(), 2), ("FAM-2".into(), 1)])
    );
    assert_eq!(
        facet(&all, "tag"),
        BTreeMap::from([
            ("CA1989-s47".into(), 2),
            ("PCF-6".into(), 2),
            ("PCF-9".into(), 1)
        ])
    );

    let from = days_ago(9).to_string();
    let to = days_ago(2).to_string();
    let cases: &[(Params, &[&str])] = &[
        (&[("kind", "reflection")], &["reflection_fam1"]),
        (&[("kind", "cpd")], &["cpd_pcf6"]),
        (
            &[("kind", "diary")],
            &["diary_fam1_both_tags", "diary_fam2_s47", "diary_untagged"],
        ),
        (
            &[("case", "FAM-1")],
            &["diary_fam1_both_tags", "reflection_fam1"],
        ),
        (&[("case", "FAM-2")], &["diary_fam2_s47"]),
        (
            &[("tag", "CA1989-s47")],
            &["diary_fam1_both_tags", "diary_fam2_s47"],
        ),
        (&[("tag", "PCF-6")], &["diary_fam1_both_tags", "cpd_pcf6"]),
        // Several tags: all of them.
        (
            &[("tag", "CA1989-s47"), ("tag", "PCF-6")],
            &["diary_fam1_both_tags"],
        ),
        (&[("tag", "PCF-9"), ("tag", "PCF-6")], &[]),
        (&[("untagged", "true")], &["diary_untagged"]),
        (
            &[("untagged", "false")],
            &[
                "diary_fam1_both_tags",
                "reflection_fam1",
                "diary_fam2_s47",
                "diary_untagged",
                "cpd_pcf6",
            ],
        ),
        (
            &[("from", from.as_str())],
            &["reflection_fam1", "diary_fam2_s47", "diary_untagged"],
        ),
        (
            &[("to", to.as_str())],
            &[
                "diary_fam1_both_tags",
                "reflection_fam1",
                "diary_fam2_s47",
                "cpd_pcf6",
            ],
        ),
        (
            &[("from", from.as_str()), ("to", to.as_str())],
            &["reflection_fam1", "diary_fam2_s47"],
        ),
        // Filters combine.
        (
            &[("kind", "diary"), ("case", "FAM-1")],
            &["diary_fam1_both_tags"],
        ),
        (
            &[("case", "FAM-1"), ("from", from.as_str())],
            &["reflection_fam1"],
        ),
        (&[("kind", "cpd"), ("untagged", "true")], &[]),
    ];
    for (filters, expected) in cases {
        let mut params = vec![("q", "kinship"), ("limit", "100")];
        params.extend_from_slice(filters);
        let result = search(&app, &token, &params);
        assert_eq!(
            hit_set(&result),
            entries.set(expected),
            "{filters:?}: {result}"
        );
        assert_eq!(result["total"], expected.len(), "{filters:?}: {result}");
        // The counts beside the results count the narrowed results.
        let kinds: u64 = facet(&result, "kind").values().sum();
        assert_eq!(kinds, expected.len() as u64, "{filters:?}: {result}");
        // And without words the filters alone decide.
        let browse: Vec<(&str, &str)> = filters.to_vec();
        let browsed = search(&app, &token, &browse);
        assert_eq!(
            hit_set(&browsed),
            entries.set(expected),
            "{filters:?}: {browsed}"
        );
    }
}

#[test]
fn a_supervisor_narrows_to_one_supervisee_with_author() {
    let app = TestApp::new();
    for (name, role) in [
        ("ann", "practitioner"),
        ("bob", "practitioner"),
        ("sue", "supervisor"),
        ("stranger", "practitioner"),
    ] {
        app.user(name, role);
    }
    app.link("sue", "ann", LinkKind::Line);
    app.link("sue", "bob", LinkKind::Line);
    let (ann, bob, sue) = (app.token("ann"), app.token("bob"), app.token("sue"));
    let shared = |token: &str, title: &str| {
        create(
            &app,
            token,
            json!({"kind": "diary", "title": title, "body": "Permanence planning meeting.",
                   "visibility": "supervisor"}),
        )
    };
    let ann_shared = shared(&ann, "Ann planning");
    let bob_shared = shared(&bob, "Bob planning");
    let sue_own = note(&app, &sue, "Sue planning", "Permanence planning meeting.");
    let all = find(&app, &sue, "permanence");
    assert_eq!(
        hit_set(&all),
        BTreeSet::from([ann_shared, bob_shared, sue_own]),
        "{all}"
    );
    for (author, expected) in [("ann", ann_shared), ("bob", bob_shared), ("sue", sue_own)] {
        let narrowed = search(&app, &sue, &[("q", "permanence"), ("author", author)]);
        assert_eq!(hit_ids(&narrowed), vec![expected], "{author}: {narrowed}");
        assert_eq!(narrowed["total"], 1);
    }
    // Someone whose entries she does not read, or nobody at all, is refused by name.
    for author in ["stranger", "nobody"] {
        let refused = search_reply(&app, &sue, &[("q", "permanence"), ("author", author)]);
        assert_eq!(refused.status, Status::UnprocessableEntity, "{author}");
        assert_eq!(problem_fields(&refused), vec!["author"], "{author}");
    }
    // A practitioner may narrow to herself, and to nobody else.
    let own = search(&app, &ann, &[("q", "permanence"), ("author", "ann")]);
    assert_eq!(hit_ids(&own), vec![ann_shared]);
    let refused = search_reply(&app, &ann, &[("q", "permanence"), ("author", "bob")]);
    assert_eq!(problem_fields(&refused), vec!["author"]);
}

#[test]
fn bad_parameters_answer_422_naming_the_field() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("other", "practitioner");
    let token = app.token("sam");
    let other = app.token("other");
    case(&app, &other, "THEIRS-1");
    note(&app, &token, "Kinship", "Kinship visit.");
    let cases: &[(Params, &str)] = &[
        (&[("case", "NOPE-1")], "case"),
        // Another worker's case is as unknown as a missing one.
        (&[("case", "THEIRS-1")], "case"),
        (&[("tag", "NOT-A-TAG")], "tag"),
        (&[("tag", "PCF-6"), ("tag", "NOT-A-TAG")], "tag"),
        (&[("author", "nobody")], "author"),
        (&[("author", "other")], "author"),
        (&[("kind", "memo")], "kind"),
        (&[("sort", "oldest")], "sort"),
        (&[("from", "2024-13-01")], "from"),
        (&[("to", "yesterday")], "to"),
        (&[("limit", "0")], "limit"),
        (&[("limit", "101")], "limit"),
        (&[("limit", "ten")], "limit"),
        (&[("limit", "-1")], "limit"),
        (&[("cursor", "not-a-cursor")], "cursor"),
        (&[("cursor", "o-5")], "cursor"),
        (&[("untagged", "maybe")], "untagged"),
    ];
    for (params, field) in cases {
        let mut all = vec![("q", "kinship")];
        all.extend_from_slice(params);
        let reply = search_reply(&app, &token, &all);
        assert_eq!(
            reply.status,
            Status::UnprocessableEntity,
            "{params:?}: {}",
            reply.body
        );
        assert_eq!(
            problem_fields(&reply),
            vec![field.to_string()],
            "{params:?}"
        );
    }
    // The limits themselves are fine.
    for limit in ["1", "100"] {
        let result = search(&app, &token, &[("q", "kinship"), ("limit", limit)]);
        assert_eq!(result["total"], 1, "{limit}");
    }
    // Several mistakes are all named at once.
    let reply = search_reply(&app, &token, &[("kind", "memo"), ("sort", "up")]);
    let mut fields = problem_fields(&reply);
    fields.sort();
    assert_eq!(fields, vec!["kind", "sort"]);
}

#[test]
fn sort_by_date_puts_the_newest_first() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    // The best match is the oldest: sorting by date must overrule relevance.
    let mut by_day = Vec::new();
    for (days, body) in [
        (30, "Genogram genogram genogram work with the family."),
        (1, "Genogram started."),
        (12, "Looked again at the genogram."),
        (5, "A genogram note."),
    ] {
        let id = create(
            &app,
            &token,
            json!({"kind": "diary", "title": "Family work", "body": body,
                   "occurred_on": days_ago(days).to_string()}),
        );
        by_day.push((days, id));
    }
    by_day.sort();
    let newest_first: Vec<i64> = by_day.iter().map(|(_, id)| *id).collect();

    let dated = search(&app, &token, &[("q", "genogram"), ("sort", "date")]);
    assert_eq!(hit_ids(&dated), newest_first, "{dated}");
    let days: Vec<&str> = dated["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["occurred_on"].as_str().unwrap())
        .collect();
    assert!(days.windows(2).all(|pair| pair[0] >= pair[1]), "{days:?}");
    assert!(
        dated["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|hit| hit["score"].as_f64() == Some(0.0)),
        "{dated}"
    );
    let relevant = search(&app, &token, &[("q", "genogram"), ("sort", "relevance")]);
    assert_eq!(hit_ids(&relevant)[0], by_day[3].1, "{relevant}");
    let scores: Vec<f64> = relevant["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    // Browsing by date needs no words.
    let browsed = search(&app, &token, &[("sort", "date")]);
    assert_eq!(hit_ids(&browsed), newest_first);
}

/// Every page of a search, following `next_cursor`; checks each page's size and total.
fn every_page(app: &TestApp, token: &str, params: &[(&str, &str)], limit: usize) -> Vec<i64> {
    let limit_text = limit.to_string();
    let mut cursor: Option<String> = None;
    let mut seen = Vec::new();
    let mut total = None;
    for _ in 0..100 {
        let mut all: Vec<(&str, &str)> = params.to_vec();
        all.push(("limit", &limit_text));
        if let Some(cursor) = &cursor {
            all.push(("cursor", cursor));
        }
        let page = search(app, token, &all);
        let page_total = page["total"].as_u64().unwrap();
        assert_eq!(*total.get_or_insert(page_total), page_total, "{page}");
        let ids = hit_ids(&page);
        assert!(ids.len() <= limit, "{page}");
        seen.extend(ids);
        match page["next_cursor"].as_str() {
            Some(next) => {
                assert_eq!(hit_ids(&page).len(), limit, "a short page before the last");
                cursor = Some(next.to_string());
            }
            None => {
                assert_eq!(seen.len() as u64, page_total, "{page}");
                return seen;
            }
        }
    }
    panic!("the pages never ended");
}

#[test]
fn pages_of_results_cover_every_hit_exactly_once() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let mut expected = BTreeSet::new();
    for number in 0..23u64 {
        // Some repeat the word, so relevance differs; several share a day, so dates tie.
        let body = format!(
            "Chronology {} update {number}.",
            "chronology ".repeat((number % 4) as usize)
        );
        expected.insert(create(
            &app,
            &token,
            json!({"kind": "diary", "title": format!("Update {number}"), "body": body,
                   "occurred_on": days_ago(number % 5).to_string()}),
        ));
    }
    note(&app, &token, "Elsewhere", "Something else entirely.");
    for sort in ["relevance", "date"] {
        for limit in [1, 5, 7, 23, 100] {
            let seen = every_page(&app, &token, &[("q", "chronology"), ("sort", sort)], limit);
            let unique: BTreeSet<i64> = seen.iter().copied().collect();
            assert_eq!(
                unique.len(),
                seen.len(),
                "{sort} by {limit}: repeated {seen:?}"
            );
            assert_eq!(unique, expected, "{sort} by {limit}");
            // The pages together are the one ordered list.
            let whole = search(
                &app,
                &token,
                &[("q", "chronology"), ("sort", sort), ("limit", "100")],
            );
            assert_eq!(hit_ids(&whole), seen, "{sort} by {limit}");
        }
    }
    // A cursor past the end is an empty last page, not an error.
    let beyond = search(
        &app,
        &token,
        &[("q", "chronology"), ("cursor", "o200"), ("limit", "10")],
    );
    assert_eq!(beyond["total"], 23);
    assert_eq!(hit_ids(&beyond), Vec::<i64>::new());
    assert_eq!(beyond["next_cursor"], Value::Null);
}

#[test]
fn every_facet_offered_narrows_to_its_count() {
    let app = TestApp::new();
    for (name, role) in [
        ("ann", "practitioner"),
        ("bob", "practitioner"),
        ("sue", "supervisor"),
    ] {
        app.user(name, role);
    }
    app.link("sue", "ann", LinkKind::Line);
    app.link("sue", "bob", LinkKind::Line);
    let (ann, bob, sue) = (app.token("ann"), app.token("bob"), app.token("sue"));
    // Both supervisees happen to use the reference FAM-1 for different families.
    for (token, count) in [(&ann, 2), (&bob, 1)] {
        case(&app, token, "FAM-1");
        for number in 0..count {
            create(
                &app,
                token,
                json!({"kind": "diary", "title": format!("Respite {number}"),
                       "body": "Respite care review.", "visibility": "supervisor",
                       "cases": ["FAM-1"], "tags": ["PCF-6"]}),
            );
        }
    }
    case(&app, &sue, "SUE-1");
    create(
        &app,
        &sue,
        json!({"kind": "diary", "title": "Respite", "body": "Respite care review.",
               "cases": ["SUE-1"], "tags": ["PCF-6"]}),
    );
    for (who, token) in [("ann", &ann), ("sue", &sue)] {
        let all = find(&app, token, "respite");
        let total = all["total"].as_u64().unwrap();
        for (name, parameter) in [("kind", "kind"), ("case", "case"), ("tag", "tag")] {
            let counts = facet(&all, name);
            assert!(
                counts.values().all(|&count| count <= total),
                "{who}: {name} {counts:?}"
            );
            for (value, count) in counts {
                let reply = search_reply(&app, token, &[("q", "respite"), (parameter, &value)]);
                assert_eq!(
                    reply.status,
                    Status::Ok,
                    "{who}: the {name} facet offers {value:?} ({count}), but filtering by it fails: {}",
                    reply.body
                );
                assert_eq!(
                    reply.json()["total"],
                    count,
                    "{who}: the {name} facet {value:?}"
                );
            }
        }
    }
}
