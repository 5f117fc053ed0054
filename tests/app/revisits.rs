//! Revisiting a reflection's action plan (issue 18): the date set on the form and over the
//! API, its default a month ahead for models with an action stage, the entry page, Waiting
//! for you (the author's own, not binned, oldest first, one click from done) and across a
//! leap day.

use chrono::NaiveDate;
use praxis::deadlines::timescales::Timescales;
use praxis::journal::revisit::month_ahead;
use rocket::http::Status;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::inbox::{follow, inbox, of_kind};
use crate::supervision::{days_ago, pair, today};

/// Writes a reflection through the API and returns it.
#[track_caller]
fn reflect(app: &TestApp, token: &str, body: Value) -> Value {
    app.post_json(token, "/api/v1/entries", body)
        .expect(Status::Created)
        .json()
}

fn gibbs(title: &str) -> Value {
    json!({"kind": "reflection", "title": title, "model": "gibbs",
           "sections": {"action_plan": "Ask for a joint visit with the health visitor."}})
}

#[test]
fn a_new_reflection_with_an_action_stage_comes_back_in_a_month_others_only_when_asked() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    let month = month_ahead(today()).to_string();

    for model in ["gibbs", "kolb", "driscoll"] {
        let entry = reflect(
            &app,
            &sam,
            json!({"kind": "reflection", "title": model, "model": model, "body": "Thinking."}),
        );
        assert_eq!(entry["revisit_on"], month, "{model}");
    }
    for model in [json!("schon"), json!("johns"), Value::Null] {
        let entry = reflect(
            &app,
            &sam,
            json!({"kind": "reflection", "title": "No plan", "model": model, "body": "Thinking."}),
        );
        assert_eq!(entry["revisit_on"], Value::Null, "{model}");
    }
    // Sent empty or null, the writer asked for none; sent as a day, that day.
    let mut none = gibbs("None wanted");
    none["revisit_on"] = json!("");
    assert_eq!(reflect(&app, &sam, none)["revisit_on"], Value::Null);
    let mut null = gibbs("Null");
    null["revisit_on"] = Value::Null;
    assert_eq!(reflect(&app, &sam, null)["revisit_on"], Value::Null);
    let mut chosen = gibbs("Chosen");
    chosen["revisit_on"] = json!("2027-03-01");
    let entry = reflect(&app, &sam, chosen.clone());
    assert_eq!(entry["revisit_on"], "2027-03-01");

    // An update sets or clears it like any other field, and reading gives it back.
    let path = format!("/api/v1/entries/{}", entry["id"]);
    chosen["revisit_on"] = json!("2027-04-30");
    app.put_json(&sam, &path, chosen.clone()).expect(Status::Ok);
    assert_eq!(
        app.get_json(&sam, &path).expect(Status::Ok).json()["revisit_on"],
        "2027-04-30"
    );
    chosen.as_object_mut().unwrap().remove("revisit_on");
    let cleared = app.put_json(&sam, &path, chosen).expect(Status::Ok).json();
    assert_eq!(cleared["revisit_on"], Value::Null);
}

#[test]
fn a_revisit_date_is_refused_by_name_when_it_is_not_a_day_or_not_a_reflection() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    let mut bad = gibbs("Bad date");
    bad["revisit_on"] = json!("31/01/2027");
    let reply = app
        .post_json(&sam, "/api/v1/entries", bad)
        .expect(Status::UnprocessableEntity);
    assert!(reply.body.contains("revisit_on"), "{}", reply.body);
    let reply = app
        .post_json(
            &sam,
            "/api/v1/entries",
            json!({"body": "A note.", "revisit_on": "2027-03-01"}),
        )
        .expect(Status::UnprocessableEntity);
    assert!(reply.body.contains("revisit_on"), "{}", reply.body);
}

#[test]
fn the_form_offers_the_default_and_keeps_what_was_typed() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let browser = app.signed_in("sam");
    let month = month_ahead(today()).to_string();
    let input = |page: &str| -> Option<String> {
        let start = page.find("id=\"revisit_on\"")?;
        let tag = &page[start..start + page[start..].find('>')?];
        let value = tag.split("value=\"").nth(1)?;
        Some(value[..value.find('"')?].to_string())
    };

    let page = browser
        .get("/entries/new?model=gibbs")
        .expect(Status::Ok)
        .body;
    assert_eq!(input(&page).as_deref(), Some(month.as_str()));
    let page = browser.get("/entries/new").expect(Status::Ok).body;
    assert_eq!(input(&page).as_deref(), Some(""), "a free reflection");
    let page = browser
        .get("/entries/new?kind=diary")
        .expect(Status::Ok)
        .body;
    assert_eq!(input(&page), None, "a diary note has no revisit date");

    // Choosing a model without scripts re-shows the form with the default filled in.
    let page = browser
        .post(
            "/entries",
            &[
                ("kind", "reflection"),
                ("model", "kolb"),
                ("revisit_on", ""),
                ("action", "refresh"),
            ],
        )
        .expect(Status::Ok)
        .body;
    assert_eq!(input(&page).as_deref(), Some(month.as_str()));

    let typed = [
        ("kind", "reflection"),
        ("model", "gibbs"),
        ("title", "After the core group"),
        ("sections[action_plan]", "Read up on the PLO."),
        ("revisit_on", "not a day"),
    ];
    let page = browser
        .post("/entries", &typed)
        .expect(Status::UnprocessableEntity)
        .body;
    assert!(page.contains("revisit_on-error") || page.contains("is not a date"));
    assert_eq!(input(&page).as_deref(), Some("not a day"));
    assert!(page.contains("Read up on the PLO."));

    let mut fixed = typed.to_vec();
    fixed[4] = ("revisit_on", "2027-02-28");
    let saved = browser.post("/entries", &fixed).expect(Status::SeeOther);
    let entry = browser
        .get(saved.location().expect("the entry"))
        .expect(Status::Ok)
        .body;
    assert!(entry.contains("Revisit on <time datetime=\"2027-02-28\">28 Feb 2027</time>"));
    assert!(entry.contains("id=\"revisit\""));
}

#[test]
fn due_revisits_wait_for_their_author_alone_oldest_first_and_go_once_done() {
    let app = TestApp::new();
    let (pat, sam) = pair(&app, "pat", "sam");
    let dated = |title: &str, on: NaiveDate| {
        let mut body = gibbs(title);
        body["revisit_on"] = json!(on.to_string());
        body["visibility"] = json!("supervisor");
        reflect(&app, &sam, body)["id"].as_i64().unwrap()
    };
    let today_one = dated("Due today: the home visit", today());
    let late = dated("Overdue: the conference", days_ago(9));
    let binned = dated("Binned one", days_ago(3));
    dated("Not yet", month_ahead(today()));
    let mut other = gibbs("Pat's own");
    other["revisit_on"] = json!(days_ago(1).to_string());
    reflect(&app, &pat, other);
    app.signed_in("sam")
        .post(&format!("/entries/{binned}/delete"), &[])
        .expect(Status::SeeOther);

    let waiting = of_kind(&app, &sam, "revisit_due");
    let hrefs: Vec<&str> = waiting
        .iter()
        .map(|i| i["href"].as_str().unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            format!("/entries/{late}#revisit"),
            format!("/entries/{today_one}#revisit")
        ]
    );
    assert_eq!(waiting[0]["overdue"], true);
    assert_eq!(waiting[1]["overdue"], false);
    assert_eq!(waiting[0]["kind_label"], "Reflection to revisit");
    let all = inbox(&app, &sam);
    assert_eq!(all["counts"]["revisit_due"], 2, "{all}");
    for title in ["home visit", "conference", "health visitor"] {
        assert!(!all.to_string().contains(title), "{title} in {all}");
    }
    // pat reads the shared reflections but their revisits are sam's to act on.
    let pats: Vec<String> = of_kind(&app, &pat, "revisit_due")
        .iter()
        .map(|item| item["href"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pats.len(), 1, "only pat's own: {pats:?}");

    // One click from done: the link opens the entry at its revisit form.
    let page = follow(&app, "sam", &waiting[0]);
    assert!(page.contains(&format!("action=\"/entries/{late}/revisit\"")));
    let browser = app.signed_in("sam");
    browser.get(&format!("/entries/{late}")).expect(Status::Ok);
    let done = browser
        .post(&format!("/entries/{late}/revisit"), &[("action", "done")])
        .expect(Status::SeeOther);
    assert_eq!(
        done.location(),
        Some(format!("/entries/{late}#revisit").as_str())
    );
    let later = month_ahead(today()).to_string();
    browser
        .post(
            &format!("/entries/{today_one}/revisit"),
            &[("action", "later"), ("revisit_on", &later)],
        )
        .expect(Status::SeeOther);
    assert!(of_kind(&app, &sam, "revisit_due").is_empty());
    let path = format!("/api/v1/entries/{today_one}");
    assert_eq!(
        app.get_json(&sam, &path).expect(Status::Ok).json()["revisit_on"],
        later
    );
    assert_eq!(
        app.get_json(&sam, &format!("/api/v1/entries/{late}"))
            .expect(Status::Ok)
            .json()["revisit_on"],
        Value::Null
    );
}

#[test]
fn only_the_author_may_mark_a_revisit_and_only_with_the_forms_token() {
    let app = TestApp::new();
    let (_pat, sam) = pair(&app, "pat", "sam");
    app.user("alex", "practitioner");
    let mut body = gibbs("Shared plan");
    body["visibility"] = json!("supervisor");
    body["revisit_on"] = json!(days_ago(1).to_string());
    let id = reflect(&app, &sam, body)["id"].as_i64().unwrap();
    let path = format!("/entries/{id}/revisit");

    // A stranger gets the same answer as for an entry that does not exist.
    let stranger = app.signed_in("alex");
    let missing = stranger
        .post("/entries/999999/revisit", &[("action", "done")])
        .expect(Status::NotFound)
        .body;
    let hidden = stranger
        .post(&path, &[("action", "done")])
        .expect(Status::NotFound)
        .body;
    assert_eq!(hidden, missing);
    // The supervisor reads the entry but may not change it.
    let pat = app.signed_in("pat");
    let page = pat.get(&format!("/entries/{id}")).expect(Status::Ok).body;
    assert!(!page.contains(&format!("action=\"{path}\"")));
    let refused = pat.post(&path, &[("action", "done")]);
    assert_ne!(refused.status, Status::SeeOther);
    // Without the token nothing changes.
    let sams = app.signed_in("sam");
    sams.get(&format!("/entries/{id}")).expect(Status::Ok);
    let forged = sams.post_raw(&path, &[("action", "done".to_string())]);
    assert_ne!(forged.status, Status::SeeOther);
    assert_eq!(of_kind(&app, &sam, "revisit_due").len(), 1);
    // A day that is not one is refused and the date stays.
    let reply = sams
        .post(&path, &[("action", "later"), ("revisit_on", "soon")])
        .expect(Status::SeeOther);
    let back = reply
        .location()
        .unwrap()
        .split('#')
        .next()
        .unwrap()
        .to_string();
    let page = sams.get(&back).expect(Status::Ok).body;
    assert!(page.contains("is not a date"), "{page}");
    assert_eq!(of_kind(&app, &sam, "revisit_due").len(), 1);
}

#[test]
fn a_revisit_on_a_leap_day_waits_from_that_day_and_is_overdue_the_next() {
    let app = TestApp::new();
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    // Written on 29 January 2028, a Gibbs reflection comes back on the leap day.
    let leap_day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
    assert_eq!(
        month_ahead(NaiveDate::from_ymd_opt(2028, 1, 29).unwrap()),
        leap_day
    );
    assert_eq!(
        month_ahead(NaiveDate::from_ymd_opt(2028, 1, 31).unwrap()),
        leap_day
    );
    let mut body = gibbs("Leap day plan");
    body["revisit_on"] = json!(leap_day.to_string());
    let id = reflect(&app, &sam, body)["id"].as_i64().unwrap();

    let person = crate::import::actor(&app, "sam");
    let timescales = Timescales::shipped();
    let waiting_on = |day: NaiveDate| {
        let mut conn = app.db().conn().unwrap();
        praxis::inbox::service::inbox(&mut conn, &person, &timescales, day)
            .unwrap()
            .items
            .into_iter()
            .filter(|item| item.href == format!("/entries/{id}#revisit"))
            .map(|item| item.overdue)
            .collect::<Vec<bool>>()
    };
    assert!(waiting_on(NaiveDate::from_ymd_opt(2028, 2, 28).unwrap()).is_empty());
    assert_eq!(waiting_on(leap_day), [false]);
    assert_eq!(
        waiting_on(NaiveDate::from_ymd_opt(2028, 3, 1).unwrap()),
        [true]
    );
}

#[test]
fn the_daily_digest_names_a_due_revisit_by_kind_and_link_never_its_text() {
    use crate::email::{free_port, mailing, opt_in, smtp_server, wait_for};
    let port = free_port();
    let received = smtp_server(port);
    let app = TestApp::with_config(mailing(port));
    app.user("sam", "practitioner");
    let sam = app.token("sam");
    let mut body = gibbs("The night at the refuge");
    body["revisit_on"] = json!(days_ago(2).to_string());
    let id = reflect(&app, &sam, body)["id"].as_i64().unwrap();
    opt_in(&app, "sam", true, false);

    let mail = wait_for(&received, |mail| !mail.is_empty());
    assert_eq!(mail[0].to, ["sam@example.org"]);
    let text = &mail[0].text;
    assert!(text.contains("Reflection to revisit: 1"), "{text}");
    assert!(
        text.contains(&format!("https://praxis.test/entries/{id}#revisit")),
        "{text}"
    );
    assert!(text.contains("(overdue)"), "{text}");
    for private in ["refuge", "health visitor", "Gibbs"] {
        assert!(!text.contains(private), "{private} in {text}");
    }
}
