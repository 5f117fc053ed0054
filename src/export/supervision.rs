//! The supervision section: each pair the person belongs to, with the pair's agreement and
//! every record, signatures, amendments and comments included. Pairs, agreements and records
//! are opened through the supervision service as the person, so only what they are a party
//! to comes back (a practice educator reading a student's placement record is not a party).

use crate::platform::db::DbConnection;
use chrono::NaiveDate;
use serde::Serialize;

use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::supervision::json::{AgreementJson, SessionJson};
use crate::supervision::pair;
use crate::supervision::service;
use crate::supervision::view::SessionView;

/// A pair with its documents.
#[derive(Debug, Serialize)]
pub struct ExportedPair {
    /// The supervisor's (or practice educator's) username.
    pub supervisor: String,
    /// Their display name.
    pub supervisor_name: String,
    /// The supervisee's (or student's) username.
    pub supervisee: String,
    /// Their display name.
    pub supervisee_name: String,
    /// The pair's agreement, if written.
    pub agreement: Option<AgreementJson>,
    /// Records, oldest first.
    pub records: Vec<SessionJson>,
    /// The same records for the Markdown layout.
    #[serde(skip)]
    pub views: Vec<SessionView>,
}

/// The person's pairs.
pub fn load(
    conn: &mut DbConnection,
    person: &Actor,
    today: NaiveDate,
) -> AppResult<Vec<ExportedPair>> {
    let mut exported = Vec::new();
    for pair in pair::all_of(conn, person)? {
        let (pair, agreement) = service::agreement(conn, person, pair.other())?;
        let (_, rows) = service::sessions(conn, person, pair.other())?;
        let mut views = Vec::new();
        for row in rows {
            views.push(service::get_session(conn, person, row.id, today)?);
        }
        exported.push(ExportedPair {
            agreement: agreement
                .as_ref()
                .map(|agreement| AgreementJson::new(agreement, &pair.supervisor, &pair.supervisee)),
            records: views
                .iter()
                .map(|view| SessionJson::new(view, Vec::new()))
                .collect(),
            views,
            supervisor: pair.supervisor,
            supervisor_name: pair.supervisor_name,
            supervisee: pair.supervisee,
            supervisee_name: pair.supervisee_name,
        });
    }
    Ok(exported)
}
