//! The read-only copies the person imported from another Praxis, listed through their
//! slice's service as the person, so that they can move them on again.

use crate::platform::db::DbConnection;

use crate::error::AppResult;
use crate::imported::{ImportedRecordJson, service};
use crate::platform::auth::Actor;

/// The person's copies, oldest original first.
pub fn load(conn: &mut DbConnection, person: &Actor) -> AppResult<Vec<ImportedRecordJson>> {
    Ok(service::list(conn, person)?
        .iter()
        .map(ImportedRecordJson::from)
        .collect())
}
