//! What the two parties sign in supervision, field by field: the agreement's terms, and a
//! record's parts, case discussions, agreed actions and reviews of earlier actions as
//! written. Signatures, timestamps and what later happens to the actions are not part of it.
//! The format and the checks are the platform's signing module; this file only lists fields.

use super::model::{Agreement, CaseDiscussion, SessionRow};
use super::view::{ActionView, ReviewView, SessionView};
use crate::platform::signing::{Signatures, SignedText};

/// The agreement's signed text.
pub fn agreement_text(agreement: &Agreement) -> SignedText {
    SignedText::new("supervision-agreement")
        .field("supervisor_id", agreement.supervisor_id)
        .field("supervisee_id", agreement.supervisee_id)
        .field("frequency", &agreement.frequency)
        .field("starts_on", agreement.starts_on)
        .field("usual_minutes", agreement.usual_minutes)
        .field("cancellation", &agreement.cancellation)
        .field(
            "supervisor_expectations",
            &agreement.supervisor_expectations,
        )
        .field(
            "supervisee_expectations",
            &agreement.supervisee_expectations,
        )
}

/// The agreement's signatures (supervisor first).
pub fn agreement_signatures(agreement: &Agreement) -> Signatures {
    Signatures {
        first: agreement.supervisor_signed_at,
        second: agreement.supervisee_signed_at,
    }
}

/// A record's signed text.
pub fn record_text(record: &SessionView) -> SignedText {
    session_text(&record.row, &record.cases, &record.actions, &record.reviews)
}

/// A record's signatures (supervisor first).
pub fn record_signatures(row: &SessionRow) -> Signatures {
    Signatures {
        first: row.supervisor_signed_at,
        second: row.supervisee_signed_at,
    }
}

fn session_text(
    row: &SessionRow,
    cases: &[CaseDiscussion],
    actions: &[ActionView],
    reviews: &[ReviewView],
) -> SignedText {
    let mut text = SignedText::new("supervision-record")
        .field("id", row.id)
        .field("supervisor_id", row.supervisor_id)
        .field("supervisee_id", row.supervisee_id)
        .field("held_on", row.held_on)
        .field("starts_at", row.starts_at)
        .field("duration_minutes", row.duration_minutes)
        .field("session_type", &row.session_type)
        .field("attendees", &row.attendees)
        .field("about_placement", row.about_placement)
        .field("agenda", &row.agenda)
        .field("agenda_functions", &row.agenda_functions)
        .field("workload", &row.workload)
        .field("workload_functions", &row.workload_functions)
        .field("wellbeing", &row.wellbeing)
        .field("wellbeing_functions", &row.wellbeing_functions)
        .field("development", &row.development)
        .field("development_functions", &row.development_functions)
        .field("next_session_on", row.next_session_on);
    for (index, case) in cases.iter().enumerate() {
        let name = |part: &str| format!("case_discussions[{index}].{part}");
        text = text
            .field(name("case_reference"), &case.case_reference)
            .field(name("update"), &case.case_update)
            .field(name("risks"), &case.risks)
            .field(name("strengths"), &case.strengths)
            .field(name("decision"), &case.decision)
            .field(name("functions"), &case.functions);
    }
    for (index, action) in actions.iter().enumerate() {
        let name = |part: &str| format!("actions[{index}].{part}");
        text = text
            .field(name("id"), action.id)
            .field(name("description"), &action.description)
            .field(name("owner"), &action.owner)
            .field(name("due_on"), action.due_on);
    }
    for (index, review) in reviews.iter().enumerate() {
        let name = |part: &str| format!("action_reviews[{index}].{part}");
        text = text
            .field(name("action_id"), review.action.id)
            .field(name("outcome"), review.outcome.as_str())
            .field(name("reason"), &review.reason);
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

    use super::*;
    use crate::supervision::model::{ActionStatus, ReviewOutcome};

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("a real date")
    }

    fn moment(month: u32, date: u32) -> NaiveDateTime {
        day(month, date).and_hms_opt(9, 30, 0).expect("a real time")
    }

    fn agreement() -> Agreement {
        Agreement {
            id: 4,
            supervisor_id: 1,
            supervisee_id: 2,
            frequency: "monthly".into(),
            starts_on: day(1, 5),
            usual_minutes: 90,
            cancellation: "Rebook within a week.".into(),
            supervisor_expectations: "Protected time.".into(),
            supervisee_expectations: "Bring an agenda.".into(),
            supervisor_signed_at: Some(moment(1, 6)),
            supervisee_signed_at: None,
            created_at: moment(1, 5),
            updated_at: moment(1, 5),
        }
    }

    #[test]
    fn the_agreement_text_is_pinned() {
        let text = agreement_text(&agreement());
        assert_eq!(
            text.as_str(),
            "praxis-signed-text/1 supervision-agreement\n\
             supervisor_id=1:1\n\
             supervisee_id=1:2\n\
             frequency=7:monthly\n\
             starts_on=10:2026-01-05\n\
             usual_minutes=2:90\n\
             cancellation=21:Rebook within a week.\n\
             supervisor_expectations=15:Protected time.\n\
             supervisee_expectations=16:Bring an agenda.\n"
        );
        assert_eq!(text.version(), "0351fd0d2dfa5cfb70246e5fa38d47d3");
        // Signatures and timestamps are not what is signed.
        let mut signed = agreement();
        signed.supervisee_signed_at = Some(moment(2, 1));
        signed.updated_at = moment(2, 1);
        assert_eq!(agreement_text(&signed), text);
    }

    fn row() -> SessionRow {
        SessionRow {
            id: 7,
            supervisor_id: 1,
            supervisee_id: 2,
            held_on: day(3, 2),
            starts_at: NaiveTime::from_hms_opt(14, 0, 0),
            duration_minutes: 60,
            session_type: "individual".into(),
            attendees: String::new(),
            about_placement: false,
            agenda: "Caseload".into(),
            agenda_functions: "management".into(),
            workload: "Heavy".into(),
            workload_functions: String::new(),
            wellbeing: "Tired".into(),
            wellbeing_functions: "support".into(),
            development: "Training".into(),
            development_functions: "development".into(),
            next_session_on: None,
            drafted_by: 1,
            supervisor_signed_at: None,
            supervisee_signed_at: None,
            created_at: moment(3, 2),
            updated_at: moment(3, 2),
        }
    }

    fn action(id: i32, description: &str) -> ActionView {
        ActionView {
            id,
            session_id: 7,
            description: description.into(),
            owner: "ann".into(),
            owner_name: "Ann".into(),
            due_on: day(3, 30),
            status: ActionStatus::Open,
            status_reason: None,
            completed_on: None,
            overdue: false,
        }
    }

    #[test]
    fn the_record_text_is_pinned() {
        let case = CaseDiscussion {
            id: 3,
            session_id: 7,
            position: 0,
            case_reference: "FAM-017".into(),
            case_update: "Visit done".into(),
            risks: "None new".into(),
            strengths: "Grandmother".into(),
            decision: "Close".into(),
            functions: "management,support".into(),
        };
        let review = ReviewView {
            action: action(5, "Book training"),
            outcome: ReviewOutcome::Done,
            reason: String::new(),
        };
        let text = session_text(&row(), &[case], &[action(9, "Call school")], &[review]);
        assert_eq!(
            text.as_str(),
            "praxis-signed-text/1 supervision-record\n\
             id=1:7\nsupervisor_id=1:1\nsupervisee_id=1:2\n\
             held_on=10:2026-03-02\nstarts_at=5:14:00\nduration_minutes=2:60\n\
             session_type=10:individual\nattendees=0:\nabout_placement=2:no\n\
             agenda=8:Caseload\nagenda_functions=10:management\n\
             workload=5:Heavy\nworkload_functions=0:\n\
             wellbeing=5:Tired\nwellbeing_functions=7:support\n\
             development=8:Training\ndevelopment_functions=11:development\n\
             next_session_on~\n\
             case_discussions[0].case_reference=7:FAM-017\n\
             case_discussions[0].update=10:Visit done\n\
             case_discussions[0].risks=8:None new\n\
             case_discussions[0].strengths=11:Grandmother\n\
             case_discussions[0].decision=5:Close\n\
             case_discussions[0].functions=18:management,support\n\
             actions[0].id=1:9\nactions[0].description=11:Call school\n\
             actions[0].owner=3:ann\nactions[0].due_on=10:2026-03-30\n\
             action_reviews[0].action_id=1:5\naction_reviews[0].outcome=4:done\n\
             action_reviews[0].reason=0:\n"
        );
        assert_eq!(text.version(), "b71471718b88e2d5271e8bb4dfbab1a0");
    }
}
