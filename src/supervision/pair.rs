//! A supervision pair as seen by one of its members (or, for placement records, a practice
//! educator), and who may do what with its records.

use crate::platform::db::DbConnection;
use diesel::prelude::*;
use serde::Serialize;

use super::model::SessionRow;
use super::store;
use crate::accounts::directory;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::policy::{self, Signatures, SupervisionCapabilities, SupervisionParties};

/// A pair with both people's names, from one viewer's side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pair {
    /// Their user ids.
    #[serde(skip)]
    pub parties: SupervisionParties,
    /// The supervisor's username.
    pub supervisor: String,
    /// The supervisor's display name.
    pub supervisor_name: String,
    /// The supervisee's username.
    pub supervisee: String,
    /// The supervisee's display name.
    pub supervisee_name: String,
    /// Whether the viewer is the supervisor (else the supervisee).
    #[serde(skip)]
    pub viewer_supervises: bool,
}

impl Pair {
    /// The other person's username, from the viewer's side.
    pub fn other(&self) -> &str {
        if self.viewer_supervises {
            &self.supervisee
        } else {
            &self.supervisor
        }
    }

    /// The other person's display name.
    pub fn other_name(&self) -> &str {
        if self.viewer_supervises {
            &self.supervisee_name
        } else {
            &self.supervisor_name
        }
    }
}

/// Names of a pair.
pub fn named(conn: &mut DbConnection, parties: SupervisionParties, viewer: i32) -> AppResult<Pair> {
    let names = directory::names(conn, &[parties.supervisor, parties.supervisee])?;
    let find = |id: i32| {
        names
            .iter()
            .find(|(found, _, _)| *found == id)
            .map(|(_, username, name)| (username.clone(), name.clone()))
            .unwrap_or_default()
    };
    let (supervisor, supervisor_name) = find(parties.supervisor);
    let (supervisee, supervisee_name) = find(parties.supervisee);
    Ok(Pair {
        parties,
        supervisor,
        supervisor_name,
        supervisee,
        supervisee_name,
        viewer_supervises: viewer == parties.supervisor,
    })
}

/// The pair the actor forms with `other` (who supervises whom is read from the links);
/// anyone else's pair is not found.
pub fn with(conn: &mut DbConnection, actor: &Actor, other: &str) -> AppResult<Pair> {
    let (other_id, _) = store::user_by_username(conn, other)?.ok_or(AppError::NotFound)?;
    for parties in [
        SupervisionParties {
            supervisor: actor.user_id,
            supervisee: other_id,
        },
        SupervisionParties {
            supervisor: other_id,
            supervisee: actor.user_id,
        },
    ] {
        if parties.supervisor != parties.supervisee && store::linked(conn, parties)? {
            return named(conn, parties, actor.user_id);
        }
    }
    Err(AppError::NotFound)
}

/// Every pair the actor belongs to, supervisees first.
pub fn all_of(conn: &mut DbConnection, actor: &Actor) -> AppResult<Vec<Pair>> {
    use crate::platform::db::schema::supervision_links;
    let rows: Vec<(i32, i32)> = supervision_links::table
        .filter(
            supervision_links::supervisor_id
                .eq(actor.user_id)
                .or(supervision_links::supervisee_id.eq(actor.user_id)),
        )
        .select((
            supervision_links::supervisor_id,
            supervision_links::supervisee_id,
        ))
        .distinct()
        .load(conn)?;
    let mut pairs = Vec::new();
    for (supervisor, supervisee) in rows {
        pairs.push(named(
            conn,
            SupervisionParties {
                supervisor,
                supervisee,
            },
            actor.user_id,
        )?);
    }
    pairs.sort_by(|a, b| {
        (!a.viewer_supervises, a.other_name()).cmp(&(!b.viewer_supervises, b.other_name()))
    });
    Ok(pairs)
}

/// A record the actor may read, with what they may do with it; anything else is not found.
pub fn readable_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
) -> AppResult<(SessionRow, SupervisionCapabilities)> {
    let session = store::session(conn, id)?.ok_or(AppError::NotFound)?;
    let parties = parties_of(&session);
    let educators = if session.about_placement {
        store::educators_of(conn, session.supervisee_id)?
    } else {
        Vec::new()
    };
    let signatures = Signatures {
        supervisor: session.supervisor_signed_at.is_some(),
        supervisee: session.supervisee_signed_at.is_some(),
    };
    let capabilities = policy::supervision_capabilities(
        actor,
        parties,
        session.about_placement,
        &educators,
        signatures,
    )
    .ok_or(AppError::NotFound)?;
    Ok((session, capabilities))
}

/// A record the actor may change (a party), with what they may do with it; a practice
/// educator reading it is told no.
pub fn writable_session(
    conn: &mut DbConnection,
    actor: &Actor,
    id: i32,
) -> AppResult<(SessionRow, SupervisionCapabilities)> {
    let (session, capabilities) = readable_session(conn, actor, id)?;
    policy::require_change(
        capabilities.is_party(),
        "Only the two people in the session can change its record.",
    )?;
    Ok((session, capabilities))
}

/// The parties of a record.
pub fn parties_of(session: &SessionRow) -> SupervisionParties {
    SupervisionParties {
        supervisor: session.supervisor_id,
        supervisee: session.supervisee_id,
    }
}
