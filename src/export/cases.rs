//! The cases section: every case the person holds, with its events and deadlines (met and
//! open), each case opened through the timescales service as its holder.

use crate::platform::db::DbConnection;
use chrono::NaiveDate;
use serde::Serialize;

use crate::cases::model::CaseJson;
use crate::cases::service as cases;
use crate::deadlines::json::{DeadlineJson, EventJson};
use crate::deadlines::service::case_timeline;
use crate::deadlines::timescales::Timescales;
use crate::error::AppResult;
use crate::platform::auth::Actor;

/// A case with what happened and what was or is due.
#[derive(Debug, Serialize)]
pub struct ExportedCase {
    /// The case.
    #[serde(flatten)]
    pub case: CaseJson,
    /// Events in date order.
    pub events: Vec<EventJson>,
    /// Deadlines by due date, met ones included.
    pub deadlines: Vec<DeadlineJson>,
}

/// The person's cases, by reference.
pub fn load(
    conn: &mut DbConnection,
    person: &Actor,
    timescales: &Timescales,
    today: NaiveDate,
) -> AppResult<Vec<ExportedCase>> {
    let mut exported = Vec::new();
    for case in cases::list(conn, person, None)? {
        let timeline = case_timeline(conn, person, timescales, &case.reference, today)?;
        exported.push(ExportedCase {
            case: CaseJson::from(&timeline.case),
            events: timeline.events.iter().map(EventJson::from).collect(),
            deadlines: timeline.deadlines.iter().map(DeadlineJson::new).collect(),
        });
    }
    exported.sort_by(|a, b| a.case.reference.cmp(&b.case.reference));
    Ok(exported)
}
