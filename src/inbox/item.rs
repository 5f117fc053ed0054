//! One thing waiting for someone, and the closed set of its kinds.

use chrono::NaiveDate;
use serde::Serialize;

use crate::platform::text_enum::text_enum;

text_enum! {
    /// What kind of thing is waiting.
    ItemKind {
        /// A supervision record the person has not signed.
        RecordToSign => ("record_to_sign", "Supervision record to sign"),
        /// A supervision agreement the person has not signed.
        AgreementToSign => ("agreement_to_sign", "Supervision agreement to sign"),
        /// A placement learning agreement the person has not signed.
        LearningAgreementToSign => ("learning_agreement_to_sign", "Learning agreement to sign"),
        /// A placement review the person has not signed.
        ReviewToSign => ("review_to_sign", "Placement review to sign"),
        /// The other party commented on a supervision record.
        RecordComment => ("record_comment", "Comment on a supervision record"),
        /// The other party recorded a disagreement with a supervision record.
        RecordDisagreement => ("record_disagreement", "Disagreement with a supervision record"),
        /// Someone commented on the person's placement evidence.
        EvidenceComment => ("evidence_comment", "Comment on your evidence"),
        /// A supervision session is overdue or due within the week.
        SupervisionDue => ("supervision_due", "Supervision due"),
        /// One of the person's supervision actions is late or due within the week.
        ActionDue => ("action_due", "Supervision action due"),
        /// A case deadline is overdue or due within the week.
        DeadlineDue => ("deadline_due", "Case deadline due"),
        /// One of the person's reflections is due to be revisited (its action plan).
        RevisitDue => ("revisit_due", "Reflection to revisit"),
    }
}

impl PartialOrd for ItemKind {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ItemKind {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let position = |kind: &Self| Self::ALL.iter().position(|k| k == kind);
        position(self).cmp(&position(other))
    }
}

/// What a comment item can be marked as read on: the record or evidence it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeenSubject {
    /// `session` or `evidence`.
    pub kind: &'static str,
    /// The record's or evidence link's id.
    pub id: i32,
    /// The id of the last comment the item lists.
    pub through: i32,
}

/// One thing waiting for someone. Every field is safe to show in an email: see the module
/// documentation of [`crate::inbox`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxItem {
    /// What kind of thing it is.
    pub kind: ItemKind,
    /// A short description made only of kinds and dates ("Record of 3 Dec 2026").
    pub what: String,
    /// When it became waiting, or when it is due; items are listed oldest first by it.
    pub date: NaiveDate,
    /// Past its due date.
    pub overdue: bool,
    /// Where to act: a path inside Praxis, with the anchor of the control.
    pub href: String,
    /// The other person's display name, where the person sees it on the linked page anyway.
    pub other_party: Option<String>,
    /// The person's own case reference, for case deadlines.
    pub case_reference: Option<String>,
    /// Comments can be marked as read from the list.
    pub seen: Option<SeenSubject>,
}

impl InboxItem {
    /// An item of `kind` about `what`, dated `date`, acted on at `href`.
    pub fn new(kind: ItemKind, what: String, date: NaiveDate, href: String) -> Self {
        Self {
            kind,
            what,
            date,
            overdue: false,
            href,
            other_party: None,
            case_reference: None,
            seen: None,
        }
    }

    /// The same item, marked overdue when `due` is before `today`.
    pub fn due(mut self, due: NaiveDate, today: NaiveDate) -> Self {
        self.overdue = due < today;
        self
    }

    /// The same item naming the other party.
    pub fn with_other(mut self, name: &str) -> Self {
        self.other_party = Some(name.to_string());
        self
    }

    /// The same item naming one of the person's own case references.
    pub fn with_case(mut self, reference: &str) -> Self {
        self.case_reference = Some(reference.to_string());
        self
    }

    /// The same item, whose comments up to `through` may be marked as read on `(kind, id)`.
    pub fn seen_on(mut self, kind: &'static str, id: i32, through: i32) -> Self {
        self.seen = Some(SeenSubject { kind, id, through });
        self
    }
}

/// A day as items name it ("3 Dec 2026").
pub fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// The local day of a stored UTC time.
pub fn local_day(at: chrono::NaiveDateTime) -> NaiveDate {
    crate::platform::clock::local(at).date_naive()
}

/// A username or case reference made safe as one segment of a path.
pub fn segment(text: &str) -> String {
    rocket::http::RawStr::new(text).percent_encode().to_string()
}
