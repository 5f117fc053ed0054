//! The journal through its pages: quick capture, the entry form (reflective models, CPD
//! records, cases and tags), revisions, the bin, developing a note, the CPD page and the
//! Markdown preview.

use chrono::NaiveDate;
use diesel::prelude::*;
use praxis::platform::db::schema::entries;
use regex::Regex;
use rocket::http::Status;

use crate::common::{Browser, Reply, TestApp};

fn today() -> NaiveDate {
    praxis::platform::clock::today()
}

/// The id in a `/entries/<id>` redirect.
#[track_caller]
fn entry_id(reply: &Reply) -> i32 {
    let location = reply.location().expect("a redirect");
    location
        .strip_prefix("/entries/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("not an entry's page: {location}"))
}

/// Posts the entry form and returns the new entry's id.
#[track_caller]
fn save_entry(browser: &Browser<'_>, fields: &[(&str, &str)]) -> i32 {
    entry_id(&browser.post("/entries", fields).expect(Status::SeeOther))
}

/// How many entries the database holds, binned or not.
fn stored_entries(app: &TestApp) -> i64 {
    let mut conn = app.db().conn().unwrap();
    entries::table.count().get_result(&mut conn).unwrap()
}

/// Ids of the entries a page links to, in page order.
fn linked_entries(body: &str) -> Vec<i32> {
    Regex::new(r#"href="/entries/(\d+)""#)
        .unwrap()
        .captures_iter(body)
        .map(|captures| captures[1].parse().unwrap())
        .collect()
}

#[test]
fn quick_capture_saves_a_dated_diary_note_titled_by_its_first_words() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let note = "Home visit FAM-1: children seen, home warm, mum engaged. \
                Follow up the CAMHS referral next week.";
    let saved = browser
        .post("/capture", &[("note", note)])
        .expect(Status::SeeOther);
    assert_eq!(saved.location(), Some("/"));

    let title = "Home visit FAM-1: children seen, home warm, mum engaged.…";
    let home = browser.get("/").expect(Status::Ok).body;
    assert!(home.contains(&format!("Note saved: {title}")), "{home}");
    let ids = linked_entries(&home);
    assert_eq!(ids.len(), 1, "{home}");
    assert!(home.contains(&format!(r#"<a href="/entries/{}">{title}</a>"#, ids[0])));

    let list = browser.get("/entries").expect(Status::Ok).body;
    assert!(list.contains(&format!(r#"<a href="/entries/{}">{title}</a>"#, ids[0])));
    assert!(list.contains(r#"<span class="badge">Diary note</span>"#));
    assert!(list.contains(&format!(r#"<time datetime="{}">"#, today())));

    let view = browser.get(&format!("/entries/{}", ids[0])).body;
    assert!(view.contains("Follow up the CAMHS referral next week."));
    assert!(view.contains(&format!(r#"<time datetime="{}">"#, today())));
}

#[test]
fn an_empty_quick_note_is_refused_by_the_field_and_nothing_is_saved() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let refused = browser
        .post("/capture", &[("note", "   ")])
        .expect(Status::UnprocessableEntity);
    assert!(
        refused
            .body
            .contains(r#"<p class="field-error" id="note-error">"#),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Write the note."));
    assert_eq!(stored_entries(&app), 0);
    // A reload shows the note as refused again, and the dashboard still lists nothing.
    let reload = browser.get("/").expect(Status::UnprocessableEntity).body;
    assert!(reload.contains("Write the note.") && reload.contains("Nothing yet."));
}

#[test]
fn a_quick_note_with_an_identifier_waits_for_confirmation() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    for (note, kind, found) in [
        (
            "Rang mum on 07700 900123 to arrange the visit.",
            "a UK phone number",
            "07700 900123",
        ),
        (
            "Sent the plan to jo.bloggs@example.com after the visit.",
            "an email address",
            "jo.bloggs@example.com",
        ),
    ] {
        let held = browser
            .post("/capture", &[("note", note)])
            .expect(Status::UnprocessableEntity);
        assert!(held.body.contains("This may identify someone"), "{note}");
        assert!(held.body.contains(kind), "{}", held.body);
        assert!(held.body.contains(&format!("<mark>{found}</mark>")));
        assert!(
            held.body.contains(&format!(">{note}</textarea>")),
            "the note is kept: {}",
            held.body
        );
        assert!(held.body.contains(r#"name="confirm_privacy""#));
        assert_eq!(stored_entries(&app), 0, "nothing saved before confirming");
    }

    let note = "Rang mum on 07700 900123 to arrange the visit.";
    browser
        .post("/capture", &[("note", note), ("confirm_privacy", "true")])
        .expect(Status::SeeOther);
    assert_eq!(stored_entries(&app), 1);
    let list = browser.get("/entries").expect(Status::Ok).body;
    assert!(list.contains(note), "{list}");
}

#[test]
fn a_reflection_by_gibbs_shows_each_written_stage_rendered() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    // Posted in reverse order: the page follows the model's order.
    let id = save_entry(
        &browser,
        &[
            ("kind", "reflection"),
            ("title", "Core group for FAM-2"),
            ("model", "gibbs"),
            ("sections[feelings]", "I felt:\n\n- anxious\n- hopeful"),
            (
                "sections[description]",
                "We met at the **family centre** with the school.",
            ),
        ],
    );
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains("<h1>Core group for FAM-2</h1>"));
    assert!(view.contains("<span class=\"badge\">Reflection</span>"));
    let description = view.find("<h2>Description</h2>").expect("Description");
    let feelings = view.find("<h2>Feelings</h2>").expect("Feelings");
    assert!(description < feelings, "stages in the model's order");
    assert!(view.contains("<strong>family centre</strong>"));
    assert!(view.contains("<li>anxious</li>"));
    assert!(!view.contains("**family centre**"));
    assert!(
        !view.contains("<h2>Evaluation</h2>"),
        "unwritten stages left out"
    );
}

#[test]
fn a_stage_from_another_model_is_refused_naming_the_field() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let refused = browser
        .post(
            "/entries",
            &[
                ("kind", "reflection"),
                ("title", "Mixed models"),
                ("model", "gibbs"),
                ("sections[description]", "What happened."),
                ("sections[so_what]", "Why it matters."),
            ],
        )
        .expect(Status::UnprocessableEntity);
    assert!(
        refused.body.contains(r##"href="#sections.so_what""##),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("has no stage called"));
    assert_eq!(stored_entries(&app), 0);
}

#[test]
fn refreshing_the_form_shows_the_chosen_models_prompts_without_saving() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let page = browser
        .post(
            "/entries",
            &[
                ("kind", "reflection"),
                ("title", "Draft about the visit"),
                ("model", "kolb"),
                ("body", "Kept while switching models"),
                ("action", "refresh"),
            ],
        )
        .expect(Status::Ok)
        .body;
    assert!(page.contains(r#"name="sections[concrete_experience]""#));
    assert!(page.contains(r#"name="sections[active_experimentation]""#));
    assert!(page.contains("Concrete experience"));
    assert!(page.contains("What happened, as plainly as you can put it?"));
    assert!(
        !page.contains(r#"name="sections[description]""#),
        "not Gibbs"
    );
    assert!(page.contains(r#"<option value="kolb" selected>"#));
    assert!(page.contains("Kept while switching models"));
    assert!(page.contains(r#"value="Draft about the visit""#));
    assert!(!page.contains("field-error"), "a refresh is not an error");
    assert_eq!(stored_entries(&app), 0);

    let cpd = browser
        .post("/entries", &[("kind", "cpd"), ("action", "refresh")])
        .expect(Status::Ok)
        .body;
    assert!(cpd.contains(r#"name="cpd_activity_type""#));
    assert_eq!(stored_entries(&app), 0);
}

#[test]
fn a_cpd_record_needs_its_fields_and_a_peer_reflection_needs_the_peers_role() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let bare = browser
        .post("/entries", &[("kind", "cpd"), ("title", "Course")])
        .expect(Status::UnprocessableEntity);
    for field in [
        "cpd.activity",
        "cpd.description",
        "cpd.learning",
        "cpd.impact",
        "cpd.hours",
    ] {
        assert!(
            bare.body.contains(&format!(r#"id="{field}-error""#)),
            "{field} named: {}",
            bare.body
        );
    }
    assert_eq!(stored_entries(&app), 0);

    let mut fields = vec![
        ("kind", "cpd"),
        ("title", "Trauma-informed practice course"),
        ("cpd_activity_type", "Course or training"),
        ("cpd_description", "A day on trauma-informed practice."),
        ("cpd_learning", "How trauma shapes engagement."),
        ("cpd_impact", "I plan visits with more choice for families."),
        ("cpd_hours", "6.5"),
        ("cpd_peer_reflection", "We discussed how to apply it."),
    ];
    let no_role = browser
        .post("/entries", &fields)
        .expect(Status::UnprocessableEntity);
    assert!(no_role.body.contains(r#"id="cpd.peer_role-error""#));
    assert!(!no_role.body.contains(r#"id="cpd.learning-error""#));
    assert!(
        no_role
            .body
            .contains(">We discussed how to apply it.</textarea>"),
        "what was typed is kept"
    );
    assert_eq!(stored_entries(&app), 0);

    fields.push(("cpd_peer_role", "senior practitioner"));
    let id = save_entry(&browser, &fields);
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains("<h2>CPD record</h2>"));
    assert!(view.contains("<dd>Course or training</dd>"));
    assert!(view.contains("<dd>6.5</dd>"));
    assert!(view.contains("Peer reflection (senior practitioner)"));
    assert!(view.contains("How trauma shapes engagement."));
}

/// The `#fragment` targets of a page's error summary.
fn summary_targets(page: &str) -> Vec<String> {
    let summary = page
        .split(r#"<div class="error-summary""#)
        .nth(1)
        .and_then(|rest| rest.split("</div>").next())
        .expect("an error summary");
    Regex::new(r##"href="#([^"]+)""##)
        .unwrap()
        .captures_iter(summary)
        .map(|captures| captures[1].to_string())
        .collect()
}

#[test]
fn the_error_summary_links_lead_to_the_fields() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    browser
        .post("/cases", &[("reference", "FAM-1"), ("category", "other")])
        .expect(Status::SeeOther);
    let submissions: [&[(&str, &str)]; 3] = [
        &[("kind", "cpd"), ("title", "Course")],
        &[
            ("kind", "reflection"),
            ("title", ""),
            ("model", "gibbs"),
            ("sections[feelings]", &"x".repeat(50_001)),
            ("mood", "9"),
        ],
        &[
            ("kind", "reflection"),
            ("title", "Linked"),
            ("body", "Text"),
            ("cases", "NOPE-1"),
            ("tag_codes", "NOT-A-TAG"),
        ],
    ];
    let mut broken = Vec::new();
    for fields in submissions {
        let page = browser
            .post("/entries", fields)
            .expect(Status::UnprocessableEntity)
            .body;
        let targets = summary_targets(&page);
        assert!(!targets.is_empty(), "{page}");
        broken.extend(
            targets
                .into_iter()
                .filter(|target| !page.contains(&format!(r#"id="{target}""#))),
        );
    }
    assert!(
        broken.is_empty(),
        "error summary links that lead nowhere on the page: {broken:?}"
    );
}

#[test]
fn entries_link_to_cases_and_tags_and_their_pages_list_them() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    browser
        .post(
            "/cases",
            &[("reference", "FAM-017"), ("category", "child_in_need")],
        )
        .expect(Status::SeeOther);
    let id = save_entry(
        &browser,
        &[
            ("kind", "reflection"),
            ("title", "Strategy discussion"),
            ("body", "Agreed to start enquiries."),
            ("cases", "FAM-017"),
            ("tag_codes", "CA1989-s47, PCF-6"),
        ],
    );
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains(r#"<a href="/cases/FAM-017">FAM-017</a>"#));
    assert!(view.contains(r#"href="/tags/CA1989-s47""#));
    assert!(view.contains(r#"href="/tags/PCF-6""#));

    for page in ["/cases/FAM-017", "/tags/CA1989-s47", "/tags/PCF-6"] {
        let body = browser.get(page).expect(Status::Ok).body;
        assert_eq!(linked_entries(&body), vec![id], "{page}: {body}");
        assert!(body.contains("Strategy discussion"), "{page}");
    }
    // A tag the entry does not have lists nothing.
    let other = browser.get("/tags/CA1989-s17").expect(Status::Ok).body;
    assert!(linked_entries(&other).is_empty());
}

#[test]
fn an_unknown_case_or_tag_is_refused_by_name_and_nothing_is_saved() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    app.user("alex", "practitioner");
    // Someone else's case is as unknown as a made-up one.
    app.signed_in("alex")
        .post("/cases", &[("reference", "ALX-1"), ("category", "other")])
        .expect(Status::SeeOther);
    let browser = app.signed_in("sam");
    for (fields, field, message) in [
        (
            [("cases", "NOPE-9"), ("tag_codes", "")],
            "cases",
            "You have no case called NOPE-9.",
        ),
        (
            [("cases", "ALX-1"), ("tag_codes", "")],
            "cases",
            "You have no case called ALX-1.",
        ),
        (
            [("cases", ""), ("tag_codes", "CA1989-s47, XYZ-99")],
            "tags",
            "Unknown tag: XYZ-99.",
        ),
    ] {
        let mut all = vec![
            ("kind", "reflection"),
            ("title", "Linked"),
            ("body", "Text"),
        ];
        all.extend(fields);
        let refused = browser
            .post("/entries", &all)
            .expect(Status::UnprocessableEntity);
        let error =
            format!(r#"id="{field}-error"><span class="visually-hidden">Error: </span>{message}"#);
        assert!(refused.body.contains(&error), "{message}: {}", refused.body);
    }
    assert_eq!(stored_entries(&app), 0);
}

#[test]
fn edits_keep_earlier_versions_for_the_author() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let id = save_entry(
        &browser,
        &[("title", "First title"), ("body", "First text")],
    );
    let unchanged = browser
        .get(&format!("/entries/{id}/revisions"))
        .expect(Status::Ok)
        .body;
    assert!(unchanged.contains("has not been changed"));
    for (title, body) in [
        ("Second title", "Second text"),
        ("Third title", "Third text"),
    ] {
        let saved = browser
            .post(
                &format!("/entries/{id}"),
                &[("title", title), ("body", body)],
            )
            .expect(Status::SeeOther);
        assert_eq!(entry_id(&saved), id);
    }
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains("<h1>Third title</h1>"));
    assert!(view.contains("Third text"));

    let page = browser
        .get(&format!("/entries/{id}/revisions"))
        .expect(Status::Ok)
        .body;
    let second = page.find("Version 2: Second title").expect("version 2");
    let first = page.find("Version 1: First title").expect("version 1");
    assert!(second < first, "newest first");
    assert!(page[first..].contains("<p>First text</p>"));
    assert!(page[second..first].contains("<p>Second text</p>"));
    assert!(!page.contains("Version 3"));
    assert!(
        !page.contains("Third text"),
        "the current version is not a revision"
    );

    app.user("alex", "practitioner");
    app.signed_in("alex")
        .get(&format!("/entries/{id}/revisions"))
        .expect(Status::NotFound);
}

#[test]
fn a_binned_entry_disappears_until_restored() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let browser = app.signed_in("sam");
    let id = save_entry(
        &browser,
        &[("title", "Binned by mistake"), ("body", "Still needed")],
    );
    let empty = browser.get("/bin").expect(Status::Ok).body;
    assert!(empty.contains("The bin is empty."));

    browser.get(&format!("/entries/{id}")).expect(Status::Ok);
    let binned = browser
        .post(&format!("/entries/{id}/delete"), &[])
        .expect(Status::SeeOther);
    assert_eq!(binned.location(), Some("/entries"));
    browser
        .get(&format!("/entries/{id}"))
        .expect(Status::NotFound);
    app.get_json(&token, &format!("/api/v1/entries/{id}"))
        .expect(Status::NotFound);
    let list = browser.get("/entries").expect(Status::Ok).body;
    assert!(!list.contains("Binned by mistake"));
    let bin = browser.get("/bin").expect(Status::Ok).body;
    assert!(bin.contains("Binned by mistake"), "{bin}");
    assert!(bin.contains(&format!(r#"action="/entries/{id}/restore""#)));

    let restored = browser
        .post(&format!("/entries/{id}/restore"), &[])
        .expect(Status::SeeOther);
    assert_eq!(restored.location(), Some(format!("/entries/{id}").as_str()));
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains("Still needed"));
    app.get_json(&token, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok);
    assert!(browser.get("/bin").body.contains("The bin is empty."));
}

#[test]
fn entries_binned_more_than_30_days_ago_are_removed_for_good() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    browser
        .post("/cases", &[("reference", "FAM-3"), ("category", "other")])
        .expect(Status::SeeOther);
    let old = save_entry(
        &browser,
        &[
            ("kind", "reflection"),
            ("title", "Long binned"),
            ("model", "driscoll"),
            ("sections[what]", "A visit."),
            ("cases", "FAM-3"),
            ("tag_codes", "PCF-6"),
        ],
    );
    browser
        .post(
            &format!("/entries/{old}"),
            &[
                ("kind", "reflection"),
                ("title", "Long binned"),
                ("model", "driscoll"),
                ("sections[what]", "A visit, edited."),
                ("cases", "FAM-3"),
                ("tag_codes", "PCF-6"),
            ],
        )
        .expect(Status::SeeOther);
    let recent = save_entry(&browser, &[("title", "Recently binned"), ("body", "Text")]);
    for id in [old, recent] {
        browser
            .post(&format!("/entries/{id}/delete"), &[])
            .expect(Status::SeeOther);
    }
    {
        let mut conn = app.db().conn().unwrap();
        let long_ago = praxis::platform::clock::now() - chrono::Duration::days(31);
        let changed = diesel::update(entries::table.find(old))
            .set(entries::deleted_at.eq(Some(long_ago)))
            .execute(&mut conn)
            .unwrap();
        assert_eq!(changed, 1);
    }
    let bin = browser.get("/bin").expect(Status::Ok).body;
    assert!(!bin.contains("Long binned"), "{bin}");
    assert!(!bin.contains(&format!("/entries/{old}/restore")));
    assert!(bin.contains("Recently binned"));
    assert_eq!(stored_entries(&app), 1, "the old entry is gone for good");
    browser
        .post(&format!("/entries/{old}/restore"), &[])
        .expect(Status::NotFound);
    // The case page no longer lists it either.
    let case = browser.get("/cases/FAM-3").expect(Status::Ok).body;
    assert!(linked_entries(&case).is_empty());
}

#[test]
fn a_diary_note_can_be_developed_into_a_reflection() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let token = app.token("sam");
    let browser = app.signed_in("sam");
    let note = "Dad walked out of the core group when the plan was read out.";
    browser
        .post("/capture", &[("note", note)])
        .expect(Status::SeeOther);
    let id = linked_entries(&browser.get("/").body)[0];
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    let develop = format!("/entries/{id}/edit?kind=reflection");
    assert!(view.contains(&format!(r#"href="{develop}">Develop into a reflection"#)));

    let form = browser.get(&develop).expect(Status::Ok).body;
    assert!(form.contains(r#"value="reflection" checked"#), "{form}");
    assert!(form.contains(&format!(">{note}</textarea>")));
    assert!(
        form.contains(r#"id="model""#),
        "a reflection may pick a model"
    );

    browser
        .post(
            &format!("/entries/{id}"),
            &[
                ("kind", "reflection"),
                ("title", "Dad leaving the core group"),
                ("body", note),
            ],
        )
        .expect(Status::SeeOther);
    let view = browser
        .get(&format!("/entries/{id}"))
        .expect(Status::Ok)
        .body;
    assert!(view.contains("<span class=\"badge\">Reflection</span>"));
    assert!(view.contains(note));
    assert!(!view.contains("Develop into a reflection"));
    let entry = app
        .get_json(&token, &format!("/api/v1/entries/{id}"))
        .expect(Status::Ok)
        .json();
    assert_eq!(entry["kind"], "reflection");
    assert_eq!(entry["body"], note);
    assert_eq!(entry["occurred_on"], today().to_string());
    let revisions = browser.get(&format!("/entries/{id}/revisions")).body;
    assert!(
        revisions.contains("Version 1:"),
        "the note is kept as a revision"
    );
}

/// The fields of a complete CPD record dated `on`.
fn cpd_fields<'a>(title: &'a str, on: &'a str, peer: bool) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "cpd"),
        ("title", title),
        ("occurred_on", on),
        ("cpd_activity_type", "Reading or research"),
        ("cpd_description", "Research on neglect."),
        ("cpd_learning", "Cumulative harm."),
        ("cpd_impact", "Chronologies in every case."),
        ("cpd_hours", "2"),
    ];
    if peer {
        fields.extend([
            ("cpd_peer_role", "practice educator"),
            ("cpd_peer_reflection", "We compared chronologies."),
        ]);
    }
    fields
}

#[test]
fn the_cpd_page_counts_this_registration_years_records() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let (starts, ends) = praxis::journal::cpd::registration_year(today());
    assert!(starts <= today() && today() <= ends);

    let page = browser.get("/cpd").expect(Status::Ok).body;
    assert!(page.contains("<dd>0 of 2</dd>"), "{page}");
    assert!(page.contains("Still needed: 2 record(s), including 1 with a peer reflection."));
    assert!(page.contains("No CPD records yet this year."));

    // Last registration year's record, even with a peer reflection, does not count.
    let last_year = starts.pred_opt().unwrap().to_string();
    save_entry(&browser, &cpd_fields("Last year reading", &last_year, true));
    let page = browser.get("/cpd").expect(Status::Ok).body;
    assert!(page.contains("<dd>0 of 2</dd>"), "{page}");
    assert!(page.contains("Still needed: 2 record(s)"));
    assert!(!page.contains("Last year reading"));

    let first_day = starts.to_string();
    save_entry(&browser, &cpd_fields("Neglect reading", &first_day, false));
    let on = today().to_string();
    let second = save_entry(&browser, &cpd_fields("Chronologies", &on, false));
    let page = browser.get("/cpd").expect(Status::Ok).body;
    assert!(page.contains("<dd>2 of 2</dd>"), "{page}");
    assert!(page.contains("<dd>0 of 1</dd>"));
    assert!(page.contains("Still needed: 0 record(s), including 1 with a peer reflection."));
    assert!(!page.contains("You have met this year"));
    assert!(page.contains("Neglect reading") && page.contains("Chronologies"));

    // Adding a peer reflection to one of them meets the requirement.
    let fields = cpd_fields("Chronologies", &on, true);
    browser
        .post(&format!("/entries/{second}"), &fields)
        .expect(Status::SeeOther);
    let page = browser.get("/cpd").expect(Status::Ok).body;
    assert!(page.contains("<dd>2 of 2</dd>"));
    assert!(page.contains("<dd>1 of 1</dd>"));
    assert!(
        page.contains("You have met this year's requirement."),
        "{page}"
    );
    assert!(!page.contains("Still needed"));
    assert!(page.contains("Yes (practice educator)"));
    assert!(
        page.contains("<dd>4</dd>"),
        "hours of this year only: {page}"
    );
}

#[test]
fn the_markdown_preview_renders_sanitised_html() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let preview = browser
        .post(
            "/preview",
            &[(
                "text",
                "**Core group** <script>alert(1)</script> [link](javascript:alert(2))",
            )],
        )
        .expect(Status::Ok);
    assert!(preview.body.contains("<strong>Core group</strong>"));
    assert!(preview.body.contains("&lt;script&gt;"), "{}", preview.body);
    assert!(!preview.body.contains("<script"));
    assert!(!preview.body.contains("javascript:"));
    let forged = browser.post_raw("/preview", &[("text", "**x**".to_string())]);
    assert_eq!(forged.status, Status::Forbidden);
}
