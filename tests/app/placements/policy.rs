//! Who may see and change a placement, as a matrix through the pages and the API: the student
//! does everything a student does; their practice educator reads it, gives feedback and drafts
//! reviews but changes none of the student's parts (403); the on-site supervisor named on it
//! reads it except for the reviews (404) and changes nothing (403); everyone else (another
//! student, another practice educator, the student's line supervisor who is not named on it,
//! an administrator, a stranger) gets a 404 exactly like a made-up id's, and nothing they try
//! changes anything.

use super::world::Act::{self, *};
use super::world::{PEOPLE, World};
use crate::common::TestApp;

/// Each act with what the student, the practice educator and the on-site supervisor get, on a
/// placement whose agreement and mid-point review are signed by both (so locked).
const MATRIX: &[(Act, [u16; 3])] = &[
    //                          student educator on-site
    (View, [200, 200, 200]),
    (DaysPage, [200, 200, 200]),
    (AgreementPage, [200, 200, 200]),
    (ReviewPage, [200, 200, 404]),
    (Portfolio, [200, 200, 200]),
    (PortfolioMd, [200, 200, 200]),
    (EditForm, [200, 403, 403]),
    (DayForm, [200, 403, 403]),
    (EvidenceForm, [200, 403, 403]),
    (ObservationForm, [200, 200, 403]),
    (ObservationEditForm, [200, 200, 403]),
    (PageDetails, [303, 403, 403]),
    (PageDay, [303, 403, 403]),
    (PageDeleteDay, [303, 403, 403]),
    (PageChangeDay, [303, 403, 403]),
    (PageEvidence, [303, 403, 403]),
    (PageUnlink, [303, 403, 403]),
    (PageComment, [303, 303, 403]),
    (PageObservation, [303, 303, 403]),
    (PageDeleteObservation, [303, 403, 403]),
    (PageChangeObservation, [303, 303, 403]),
    (PageAgreement, [409, 409, 403]),
    (PageSignAgreement, [303, 303, 403]),
    (PageReview, [403, 409, 403]),
    (PageReviewComment, [409, 403, 403]),
    (PageSignReview, [303, 303, 403]),
    (PageAmend, [303, 303, 403]),
    (ApiGet, [200, 200, 200]),
    (ApiDays, [200, 200, 200]),
    (ApiAgreement, [200, 200, 200]),
    (ApiReview, [200, 200, 404]),
    (ApiEvidence, [200, 200, 200]),
    (ApiObservations, [200, 200, 200]),
    (ApiCoverage, [200, 200, 200]),
    (ApiDetails, [200, 403, 403]),
    (ApiDay, [201, 403, 403]),
    (ApiGetDay, [200, 200, 200]),
    (ApiPutDay, [200, 403, 403]),
    (ApiDeleteDay, [204, 403, 403]),
    (ApiLink, [201, 403, 403]),
    (ApiUnlink, [204, 403, 403]),
    (ApiComment, [201, 201, 403]),
    (ApiObservation, [201, 201, 403]),
    (ApiObservationGet, [200, 200, 200]),
    (ApiObservationPut, [200, 200, 403]),
    (ApiDeleteObservation, [204, 403, 403]),
    (ApiAgreementPut, [409, 409, 403]),
    (ApiSignAgreement, [200, 200, 403]),
    (ApiReviewPut, [403, 409, 403]),
    (ApiReviewComment, [409, 403, 403]),
    (ApiSignReview, [200, 200, 403]),
    (ApiAmend, [201, 201, 403]),
    // The plan is the practice educator's part of the review: only they amend it.
    (ApiAmendReview, [403, 201, 403]),
];

/// What `name` should get for an act on stu's placement.
fn expected(name: &str, statuses: [u16; 3]) -> u16 {
    match name {
        "stu" => statuses[0],
        "pe" => statuses[1],
        "lisa" => statuses[2],
        _ => 404,
    }
}

/// Whether an act, answered with `status`, changed nothing.
fn refusal(status: u16) -> bool {
    matches!(status, 403 | 404 | 409)
}

#[test]
fn the_placement_policy_matrix_holds_through_pages_and_api() {
    let app = TestApp::new();
    let world = World::new(&app);
    let mut failures = Vec::new();
    let before = world.snapshot();
    // Those who may change nothing first, then the student and the practice educator.
    let (outsiders, parties): (Vec<_>, Vec<_>) = PEOPLE
        .iter()
        .map(|(name, _)| *name)
        .partition(|name| !matches!(*name, "stu" | "pe"));
    for (round, names) in [outsiders, parties].into_iter().enumerate() {
        for name in names {
            for &(act, statuses) in MATRIX {
                for real in [true, false] {
                    let want = if real { expected(name, statuses) } else { 404 };
                    let before_act = (round == 1 && refusal(want)).then(|| world.snapshot());
                    let reply = world.attempt(name, real, act);
                    if reply.status.code != want {
                        failures.push(format!(
                            "{name} {act:?} {}: expected {want}, got {}: {}",
                            if real {
                                "stu's placement"
                            } else {
                                "a made-up id"
                            },
                            reply.status.code,
                            reply.body.chars().take(200).collect::<String>()
                        ));
                        continue;
                    }
                    if let Some(before_act) = before_act
                        && world.snapshot() != before_act
                    {
                        failures.push(format!("{name} {act:?}: refused, yet changed something"));
                    }
                    if real && want == 404 {
                        // Exactly as for a missing id: the same answer, word for word.
                        let missing = world.attempt(name, false, act);
                        if missing.body != reply.body
                            || missing.header("Content-Type") != reply.header("Content-Type")
                        {
                            failures.push(format!(
                                "{name} {act:?}: the 404 differs from a made-up id's"
                            ));
                        }
                    }
                    if real
                        && want == 200
                        && matches!(act, View | Portfolio | PortfolioMd | ApiGet)
                        && !reply.body.contains("Hospital discharge")
                    {
                        failures.push(format!("{name} {act:?}: not the placement"));
                    }
                }
            }
        }
        if round == 0 {
            assert_eq!(
                world.snapshot(),
                before,
                "someone who may change nothing changed something"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "policy breaches:\n{}",
        failures.join("\n")
    );
}
