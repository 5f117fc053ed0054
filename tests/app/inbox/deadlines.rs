//! Case deadlines in the inbox: overdue or due this week, named by the worker's own case
//! reference and the rule, never the case's label; gone once met; nobody else's.

use chrono::Days;
use rocket::http::Status;
use serde_json::json;

use super::{follow, inbox, nothing_for, of_kind};
use crate::common::TestApp;
use crate::supervision::{days_ago, pair, today};

#[test]
fn an_overdue_conference_waits_for_its_worker_alone_until_it_is_held() {
    let app = TestApp::new();
    let (_pat, sam) = pair(&app, "pat", "sam");
    app.user("stranger", "practitioner");
    super::labelled_case(&app, &sam);
    let events = "/api/v1/cases/FAM-017/events";
    app.post_json(
        &sam,
        events,
        json!({"kind": "strategy_discussion", "occurred_on": days_ago(40).to_string()}),
    )
    .expect(Status::Created);

    let waiting = of_kind(&app, &sam, "deadline_due");
    assert!(!waiting.is_empty(), "{}", inbox(&app, &sam));
    let conference = waiting
        .iter()
        .find(|item| item["what"].as_str().unwrap().contains("conference"))
        .unwrap_or_else(|| panic!("the ICPC in {waiting:?}"))
        .clone();
    assert_eq!(conference["case_reference"], "FAM-017");
    assert_eq!(conference["overdue"], true);
    assert!(!inbox(&app, &sam).to_string().contains("sibling"));
    follow(&app, "sam", &conference);
    for item in &waiting {
        let due: chrono::NaiveDate = item["date"].as_str().unwrap().parse().unwrap();
        assert!(due <= today().checked_add_days(Days::new(7)).unwrap());
    }

    // The supervisor sees the deadline on the supervisees page, not as theirs to act on.
    nothing_for(&app, "pat");
    nothing_for(&app, "stranger");

    app.post_json(
        &sam,
        events,
        json!({"kind": "icpc", "occurred_on": today().to_string()}),
    )
    .expect(Status::Created);
    let after = of_kind(&app, &sam, "deadline_due");
    assert!(
        !after.iter().any(|item| item["what"] == conference["what"]),
        "{after:?}"
    );
}
