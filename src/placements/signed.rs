//! What the student and the practice educator sign on a placement, field by field: the
//! learning agreement's sections, and a review's assessment, plan, recommendation, reasons
//! and the student's comment. Signatures and timestamps are not part of it. The format and
//! the checks are the platform's signing module; this file only lists fields.

use super::model::{LearningAgreement, ReviewRow};
use crate::platform::signing::{Signatures, SignedText};

/// The learning agreement's signed text.
pub fn agreement_text(agreement: &LearningAgreement) -> SignedText {
    SignedText::new("learning-agreement")
        .field("placement_id", agreement.placement_id)
        .field("goals", &agreement.goals)
        .field("support", &agreement.support)
        .field("expectations", &agreement.expectations)
}

/// The learning agreement's signatures (practice educator first).
pub fn agreement_signatures(agreement: &LearningAgreement) -> Signatures {
    Signatures {
        first: agreement.educator_signed_at,
        second: agreement.student_signed_at,
    }
}

/// A review's signed text.
pub fn review_text(review: &ReviewRow) -> SignedText {
    SignedText::new("placement-review")
        .field("placement_id", review.placement_id)
        .field("stage", &review.stage)
        .field("progress", &review.progress)
        .field("concerns", &review.concerns)
        .field("plan", &review.plan)
        .field("recommendation", &review.recommendation)
        .field("reasons", &review.reasons)
        .field("student_comment", &review.student_comment)
}

/// A review's signatures (practice educator first).
pub fn review_signatures(review: &ReviewRow) -> Signatures {
    Signatures {
        first: review.educator_signed_at,
        second: review.student_signed_at,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;

    fn moment(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 4, day)
            .and_then(|date| date.and_hms_opt(10, 0, 0))
            .expect("a real moment")
    }

    #[test]
    fn the_learning_agreement_text_is_pinned() {
        let agreement = LearningAgreement {
            placement_id: 3,
            goals: "Lead a core group".into(),
            support: "Weekly supervision".into(),
            expectations: "Log every day".into(),
            student_signed_at: Some(moment(2)),
            educator_signed_at: None,
            updated_at: moment(1),
        };
        let text = agreement_text(&agreement);
        assert_eq!(
            text.as_str(),
            "praxis-signed-text/1 learning-agreement\n\
             placement_id=1:3\n\
             goals=17:Lead a core group\n\
             support=18:Weekly supervision\n\
             expectations=13:Log every day\n"
        );
        assert_eq!(text.version(), "a17340e36c9ec84ca717d8cf4d039299");
    }

    #[test]
    fn the_review_text_is_pinned() {
        let review = ReviewRow {
            id: 8,
            placement_id: 3,
            stage: "final".into(),
            progress: "Capable".into(),
            concerns: String::new(),
            plan: String::new(),
            recommendation: Some("pass".into()),
            reasons: "Met the PCF".into(),
            student_comment: "Agreed".into(),
            student_signed_at: None,
            educator_signed_at: Some(moment(5)),
            created_at: moment(4),
            updated_at: moment(4),
        };
        let text = review_text(&review);
        assert_eq!(
            text.as_str(),
            "praxis-signed-text/1 placement-review\n\
             placement_id=1:3\n\
             stage=5:final\n\
             progress=7:Capable\n\
             concerns=0:\n\
             plan=0:\n\
             recommendation=4:pass\n\
             reasons=11:Met the PCF\n\
             student_comment=6:Agreed\n"
        );
        assert_eq!(text.version(), "77fe20728d5d45a4b413315b0ff0cbed");
        let unrecommended = ReviewRow {
            recommendation: None,
            ..review
        };
        assert!(
            review_text(&unrecommended)
                .as_str()
                .contains("\nrecommendation~\n")
        );
    }
}
