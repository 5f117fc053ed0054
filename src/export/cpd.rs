//! The CPD section: the person's CPD records, each with its registration year, drawn from
//! their own entries (a CPD record is an entry of kind `cpd`).

use chrono::NaiveDate;
use serde::Serialize;

use super::entries::ExportedEntry;
use crate::journal::cpd::registration_year;
use crate::journal::model::CpdRecord;

/// A CPD record with the facts Social Work England asks for.
#[derive(Debug, Serialize)]
pub struct CpdRecordJson {
    /// The entry holding it (its `id` in `entries`).
    pub entry_id: i32,
    /// The entry's title.
    pub title: String,
    /// The day of the activity.
    pub occurred_on: NaiveDate,
    /// The registration year it counts towards, as its last day (30 November).
    pub registration_year_ends: NaiveDate,
    /// The record's fields.
    pub record: CpdRecord,
}

/// The CPD records among `entries`, oldest first.
pub fn from_entries(entries: &[ExportedEntry]) -> Vec<CpdRecordJson> {
    entries
        .iter()
        .filter_map(|exported| {
            let view = &exported.view;
            view.cpd.as_ref().map(|record| CpdRecordJson {
                entry_id: view.id,
                title: view.title.clone(),
                occurred_on: view.occurred_on,
                registration_year_ends: registration_year(view.occurred_on).1,
                record: record.clone(),
            })
        })
        .collect()
}
