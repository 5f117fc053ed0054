//! The personal export (`/api/v1/export`, `/account/export`, the administrators' subject
//! access export and `praxis export`): everything the person holds, nothing about anyone
//! else, in the documented format, audited. Import has its own modules here.

use diesel::prelude::*;
use praxis::platform::db::schema::audit_events;
use serde_json::Value;

use crate::common::TestApp;
pub(crate) use crate::supervision::{entry, open_case};

mod subject_access;

/// Audit rows with this action about `subject`, as (actor id, detail).
pub(crate) fn audited(app: &TestApp, action: &str, subject: &str) -> Vec<(Option<i32>, String)> {
    let mut conn = app.db().conn().unwrap();
    audit_events::table
        .filter(audit_events::action.eq(action))
        .filter(audit_events::subject.eq(subject))
        .select((audit_events::actor_id, audit_events::detail))
        .load(&mut conn)
        .unwrap()
}

/// The titles of a JSON export's entries.
pub(crate) fn titles(document: &Value) -> Vec<String> {
    document["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| entry["title"].as_str().unwrap_or_default().to_string())
        .collect()
}
