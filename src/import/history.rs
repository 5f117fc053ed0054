//! What a Praxis export holds beyond each entry as it last stood: the entry's earlier
//! versions, and the events recorded on each case (with the entry an event came from).
//! Both come back: versions under their entry, events on their case, each event remembered
//! by a key of its content so that importing the file again records nothing twice.

use chrono::NaiveDateTime;

use crate::deadlines::service::EventDraft;
use crate::journal::model::EntryDraft;

/// An imported entry's earlier versions, and the id it had in the export.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryHistory {
    /// The source key of the entry (its [`super::Candidate`]).
    pub entry_key: String,
    /// The entry's id in the export, which events name.
    pub export_id: i64,
    /// Earlier versions, oldest first: when each was replaced, and the entry as it was.
    pub versions: Vec<(NaiveDateTime, EntryDraft)>,
}

/// An event to record on a case.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCandidate {
    /// Names the event, so that importing it again is noticed.
    pub source_key: String,
    /// Where it came from (`export.json, cases[0].events[2]`), for messages.
    pub origin: String,
    /// The case's reference.
    pub reference: String,
    /// The event as the API takes it, without its entry (that is named by `export_entry`).
    pub draft: EventDraft,
    /// The id of the entry it was recorded from, in the export.
    pub export_entry: Option<i64>,
}
