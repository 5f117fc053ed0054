//! The world of the placement policy matrix: eight people around stu's placement, whose
//! agreement and mid-point review both have signed, and every act tried on it through the pages
//! and the API, by any of them, on the placement or on a made-up id.

use std::cell::Cell;

use praxis::accounts::model::LinkKind;
use rocket::http::Status;
use serde_json::{Value, json};

use super::{
    api_path, body, days_ago, days_ahead, entry, full_agreement, get, id, link, lock_agreement,
    lock_review, log_day, midpoint, observation, observe, page_path, start,
};
use crate::common::{Browser, Reply, TestApp};

/// An id nothing has.
pub(super) const MISSING_ID: i64 = 999_999;

/// Everyone in the matrix: `(username, role)`.
pub(super) const PEOPLE: &[(&str, &str)] = &[
    // The placement's people: stu, her practice educator pe, her on-site supervisor lisa.
    ("stu", "student"),
    ("pe", "practice_educator"),
    ("lisa", "supervisor"),
    // Another student and their practice educator.
    ("sam", "student"),
    ("pat", "practice_educator"),
    // Stu's other line supervisor, not named on the placement.
    ("lou", "supervisor"),
    ("root", "admin"),
    ("stranger", "practitioner"),
];

/// What is tried on a placement; `policy.rs` holds what each party should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Act {
    View,
    DaysPage,
    AgreementPage,
    ReviewPage,
    Portfolio,
    PortfolioMd,
    EditForm,
    DayForm,
    EvidenceForm,
    ObservationForm,
    ObservationEditForm,
    PageDetails,
    PageDay,
    PageDeleteDay,
    PageChangeDay,
    PageEvidence,
    PageUnlink,
    PageComment,
    PageObservation,
    PageDeleteObservation,
    PageChangeObservation,
    PageAgreement,
    PageSignAgreement,
    PageReview,
    PageReviewComment,
    PageSignReview,
    PageAmend,
    ApiGet,
    ApiDays,
    ApiAgreement,
    ApiReview,
    ApiEvidence,
    ApiObservations,
    ApiCoverage,
    ApiDetails,
    ApiDay,
    ApiGetDay,
    ApiPutDay,
    ApiDeleteDay,
    ApiLink,
    ApiUnlink,
    ApiComment,
    ApiObservation,
    ApiObservationGet,
    ApiObservationPut,
    ApiDeleteObservation,
    ApiAgreementPut,
    ApiSignAgreement,
    ApiReviewPut,
    ApiReviewComment,
    ApiSignReview,
    ApiAmend,
    ApiAmendReview,
}

use Act::*;

pub(super) struct Person<'a> {
    pub(super) name: &'static str,
    pub(super) browser: Browser<'a>,
    pub(super) token: String,
}

/// Ids of the placement and of a day, an evidence link and an observation on it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ids {
    pub(super) placement: i64,
    pub(super) day: i64,
    pub(super) evidence: i64,
    pub(super) observation: i64,
}

const MISSING: Ids = Ids {
    placement: MISSING_ID,
    day: MISSING_ID,
    evidence: MISSING_ID,
    observation: MISSING_ID,
};

pub(super) struct World<'a> {
    app: &'a TestApp,
    people: Vec<Person<'a>>,
    pub(super) real: Ids,
    pub(super) entry: i64,
    /// Makes every amendment's text new.
    counter: Cell<u64>,
    /// Days back of the latest date tried for a new day: each is tried once.
    days_back: Cell<u64>,
}

impl<'a> World<'a> {
    pub(super) fn new(app: &'a TestApp) -> Self {
        for (name, role) in PEOPLE {
            app.user(name, role);
        }
        app.link("pe", "stu", LinkKind::Educator);
        app.link("lisa", "stu", LinkKind::Line);
        app.link("lou", "stu", LinkKind::Line);
        app.link("pat", "sam", LinkKind::Educator);
        let people: Vec<Person> = PEOPLE
            .iter()
            .map(|(name, _)| Person {
                name,
                browser: app.signed_in(name),
                token: app.token(name),
            })
            .collect();
        let token = |name: &str| {
            people
                .iter()
                .find(|person| person.name == name)
                .unwrap()
                .token
                .clone()
        };
        let (stu, pe) = (token("stu"), token("pe"));
        let placement = id(&start(
            app,
            &stu,
            body("final", days_ago(300), days_ahead(60)),
        ));
        let day = id(&log_day(app, &stu, placement, days_ago(299), "full"));
        let entry = entry(app, &stu, "First home visit", days_ago(298), "private");
        let evidence = id(&link(
            app,
            &stu,
            placement,
            entry,
            &["PCF-1"],
            "Values in practice.",
        )[0]);
        let mut first = observation(days_ago(297), &["PCF-2"]);
        first["reflection"] = json!("I rushed the ending.");
        let observation = id(&observe(app, &stu, placement, first));
        let cast = super::Cast {
            stu: stu.clone(),
            pe: pe.clone(),
            lisa: token("lisa"),
        };
        lock_agreement(app, &cast, placement);
        lock_review(app, &cast, placement, "midpoint", midpoint());
        Self {
            app,
            people,
            real: Ids {
                placement,
                day,
                evidence,
                observation,
            },
            entry,
            counter: Cell::new(0),
            days_back: Cell::new(0),
        }
    }

    /// The app the world lives in.
    pub(super) fn app(&self) -> &'a TestApp {
        self.app
    }

    pub(super) fn person(&self, name: &str) -> &Person<'a> {
        self.people
            .iter()
            .find(|person| person.name == name)
            .unwrap_or_else(|| panic!("no person {name}"))
    }

    fn next(&self) -> u64 {
        self.counter.set(self.counter.get() + 1);
        self.counter.get()
    }

    /// A date no day has been logged on yet.
    fn fresh_date(&self) -> chrono::NaiveDate {
        self.days_back.set(self.days_back.get() + 1);
        days_ago(self.days_back.get())
    }

    fn fresh_day(&self) -> String {
        self.fresh_date().to_string()
    }

    /// The ids to act on: for the student on the real placement, a day, link or observation
    /// made just now where the act removes one, so that every removal has something to remove.
    fn ids_for(&self, name: &str, real: bool, act: Act) -> Ids {
        if !real {
            return MISSING;
        }
        let mut ids = self.real;
        if name != "stu" {
            return ids;
        }
        let (app, stu) = (self.app, self.person("stu").token.as_str());
        let placement = ids.placement;
        match act {
            PageDeleteDay | ApiDeleteDay => {
                let on = self.fresh_date();
                ids.day = log_day(app, stu, placement, on, "half")["id"]
                    .as_i64()
                    .unwrap();
            }
            PageUnlink | ApiUnlink => {
                let links = link(app, stu, placement, self.entry, &["PCF-9"], "Research.");
                let made = links.iter().find(|link| link["domain"] == "PCF-9").unwrap();
                ids.evidence = id(made);
            }
            PageDeleteObservation | ApiDeleteObservation => {
                ids.observation = id(&observe(
                    app,
                    stu,
                    placement,
                    observation(days_ago(5), &["PCF-7"]),
                ));
            }
            _ => {}
        }
        ids
    }

    /// Does `act` on stu's placement (or on a made-up id) as `name`.
    pub(super) fn attempt(&self, name: &str, real: bool, act: Act) -> Reply {
        let person = self.person(name);
        let ids = self.ids_for(name, real, act);
        let (app, token, browser) = (self.app, person.token.as_str(), &person.browser);
        let page = page_path(ids.placement);
        let api = api_path(ids.placement);
        let amendment = format!("Amended goals number {}.", self.next());
        let entry = self.entry.to_string();
        let mut observed = observation(days_ago(3), &["PCF-4"]);
        observed["reflection"] = json!("Matrix reflection.");
        observed["feedback"] = json!("Matrix feedback.");
        let reply = match act {
            View => browser.get(&page),
            DaysPage => browser.get(&format!("{page}/days")),
            AgreementPage => browser.get(&format!("{page}/agreement")),
            ReviewPage => browser.get(&format!("{page}/reviews/midpoint")),
            Portfolio => browser.get(&format!("{page}/portfolio")),
            PortfolioMd => browser.get(&format!("{page}/portfolio.md")),
            EditForm => browser.get(&format!("{page}/edit")),
            DayForm => browser.get(&format!("{page}/days/{}/edit", ids.day)),
            EvidenceForm => browser.get(&format!("{page}/evidence/new")),
            ObservationForm => browser.get(&format!("{page}/observations/new")),
            ObservationEditForm => {
                browser.get(&format!("{page}/observations/{}/edit", ids.observation))
            }
            PageDetails => browser.post(
                &page,
                &[
                    ("educator", "pe"),
                    ("onsite_supervisor", "lisa"),
                    ("setting", "Adult social care"),
                    ("team", "Hospital discharge"),
                    ("level", "final"),
                    ("starts_on", &days_ago(300).to_string()),
                    ("expected_end_on", &days_ahead(60).to_string()),
                ],
            ),
            PageDay => browser.post(
                &format!("{page}/days"),
                &[
                    ("day", &self.fresh_day()),
                    ("portion", "full"),
                    ("hours", "7.5"),
                    ("activities", "Shadowed the duty desk."),
                ],
            ),
            PageDeleteDay => browser.post(&format!("{page}/days/{}/delete", ids.day), &[]),
            PageChangeDay => browser.post(
                &format!("{page}/days/{}", ids.day),
                &[
                    ("day", &days_ago(299).to_string()),
                    ("portion", "full"),
                    ("hours", "7"),
                    ("activities", "Induction and shadowing."),
                ],
            ),
            PageEvidence => browser.post(
                &format!("{page}/evidence"),
                &[
                    ("entry_id", &entry),
                    ("domains", "PCF-2"),
                    ("note", "Shows the values."),
                ],
            ),
            PageUnlink => browser.post(&format!("{page}/evidence/{}/delete", ids.evidence), &[]),
            PageComment => browser.post(
                &format!("{page}/evidence/{}/comments", ids.evidence),
                &[("body", "A clear example.")],
            ),
            PageObservation => browser.post(
                &format!("{page}/observations"),
                &[
                    ("observed_on", &days_ago(4).to_string()),
                    ("observer", "Team manager"),
                    ("observed", "A strategy discussion."),
                    ("domains", "PCF-5"),
                ],
            ),
            PageDeleteObservation => browser.post(
                &format!("{page}/observations/{}/delete", ids.observation),
                &[],
            ),
            PageChangeObservation => browser.post(
                &format!("{page}/observations/{}", ids.observation),
                &[
                    ("observed_on", &days_ago(297).to_string()),
                    ("observer", "Practice educator"),
                    ("observed", "A home visit with a parent."),
                    ("reflection", "I rushed the ending."),
                    ("feedback", "Plan the ending with the family."),
                    ("domains", "PCF-2"),
                ],
            ),
            PageAgreement => browser.post(
                &format!("{page}/agreement"),
                &[
                    ("goals", "Rewritten goals."),
                    ("support", "Rewritten support."),
                    ("expectations", "Rewritten expectations."),
                ],
            ),
            PageSignAgreement => sign_page(app, token, browser, &format!("{page}/agreement")),
            PageReview => browser.post(
                &format!("{page}/reviews/midpoint"),
                &[
                    ("progress", "Rewritten progress."),
                    ("plan", "Rewritten plan."),
                ],
            ),
            PageReviewComment => browser.post(
                &format!("{page}/reviews/midpoint/comment"),
                &[("student_comment", "I agree with the review.")],
            ),
            PageSignReview => sign_page(app, token, browser, &format!("{page}/reviews/midpoint")),
            PageAmend => browser.post(
                &format!("{page}/amendments"),
                &[
                    ("document", "agreement"),
                    ("field", "goals"),
                    ("text", &amendment),
                    ("reason", "Matrix"),
                ],
            ),
            ApiGet => app.get_json(token, &api),
            ApiDays => app.get_json(token, &format!("{api}/days")),
            ApiAgreement => app.get_json(token, &format!("{api}/agreement")),
            ApiReview => app.get_json(token, &format!("{api}/reviews/midpoint")),
            ApiEvidence => app.get_json(token, &format!("{api}/evidence")),
            ApiObservations => app.get_json(token, &format!("{api}/observations")),
            ApiCoverage => app.get_json(token, &format!("{api}/coverage")),
            ApiDetails => app.put_json(token, &api, body("final", days_ago(300), days_ahead(60))),
            ApiDay => app.post_json(
                token,
                &format!("{api}/days"),
                json!({"day": self.fresh_day(), "portion": "full", "hours": 7,
                       "activities": "Case recording."}),
            ),
            ApiGetDay => app.get_json(token, &format!("{api}/days/{}", ids.day)),
            ApiPutDay => app.put_json(
                token,
                &format!("{api}/days/{}", ids.day),
                json!({"day": days_ago(299).to_string(), "portion": "full", "hours": 7,
                       "activities": "Induction."}),
            ),
            ApiDeleteDay => app.api(
                rocket::http::Method::Delete,
                Some(token),
                &format!("{api}/days/{}", ids.day),
                None,
            ),
            ApiLink => app.post_json(
                token,
                &format!("{api}/evidence"),
                json!({"entry_id": self.entry, "domains": ["PCF-3"], "note": "Diversity."}),
            ),
            ApiUnlink => app.api(
                rocket::http::Method::Delete,
                Some(token),
                &format!("{api}/evidence/{}", ids.evidence),
                None,
            ),
            ApiComment => app.post_json(
                token,
                &format!("{api}/evidence/{}/comments", ids.evidence),
                json!({"body": "Good evidence."}),
            ),
            ApiObservation => app.post_json(
                token,
                &format!("{api}/observations"),
                observation(days_ago(6), &["PCF-6"]),
            ),
            ApiObservationGet => {
                app.get_json(token, &format!("{api}/observations/{}", ids.observation))
            }
            ApiObservationPut => app.put_json(
                token,
                &format!("{api}/observations/{}", ids.observation),
                observed,
            ),
            ApiDeleteObservation => app.api(
                rocket::http::Method::Delete,
                Some(token),
                &format!("{api}/observations/{}", ids.observation),
                None,
            ),
            ApiAgreementPut => app.put_json(token, &format!("{api}/agreement"), full_agreement()),
            ApiSignAgreement => app.sign_as_read(token, &format!("{api}/agreement/sign")),
            ApiReviewPut => app.put_json(token, &format!("{api}/reviews/midpoint"), midpoint()),
            ApiReviewComment => app.post_json(
                token,
                &format!("{api}/reviews/midpoint/comment"),
                json!({"student_comment": "I agree."}),
            ),
            ApiSignReview => app.sign_as_read(token, &format!("{api}/reviews/midpoint/sign")),
            ApiAmend => app.post_json(
                token,
                &format!("{api}/amendments"),
                json!({"document": "agreement", "field": "goals", "text": amendment,
                       "reason": "Matrix"}),
            ),
            ApiAmendReview => app.post_json(
                token,
                &format!("{api}/amendments"),
                json!({"document": "midpoint", "field": "plan", "text": amendment,
                       "reason": "Matrix"}),
            ),
        };
        if reply.status == Status::SeeOther {
            // Show the flash message now, so that it is not on the next page compared.
            browser.get("/placements");
        }
        reply
    }

    /// Everything about the placement, as the student and the educator see it.
    pub(super) fn snapshot(&self) -> Vec<Value> {
        let placement = self.real.placement;
        vec![
            get(self.app, &self.person("stu").token, placement),
            get(self.app, &self.person("pe").token, placement),
        ]
    }
}

/// Presses a document's sign button, naming the version the API shows the person (none when
/// they may not read it): a signed document shows no button, and pressing it again must
/// still be answered by the policy.
fn sign_page(app: &TestApp, token: &str, browser: &Browser<'_>, document: &str) -> Reply {
    let api = format!("/api/v1{document}");
    let read = app.get_json(token, &api);
    let version = read.json()["version"].as_str().unwrap_or("").to_string();
    browser.post(&format!("{document}/sign"), &[("version", &version)])
}
