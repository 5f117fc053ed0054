//! Opening a placement for the asker: one lookup that answers "not found" to anyone the
//! policy gives no part in it, and the refusals for each kind of change. The rules
//! themselves live in [`crate::platform::policy`].

use crate::platform::db::DbConnection;

use super::model::Placement;
use super::store;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::policy::{self, PlacementCapabilities, PlacementParties, PlacementRole};

/// A placement with what the asker may do with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    /// The placement.
    pub placement: Placement,
    /// What the asker may do, from the policy.
    pub can: PlacementCapabilities,
}

impl Access {
    /// What the asker is to the placement.
    pub fn role(&self) -> PlacementRole {
        self.can.role()
    }

    /// Refuses unless the asker may change the placement's details, days and evidence.
    pub fn require_student(&self) -> AppResult<()> {
        policy::require_change(
            self.can.changes_details(),
            "Only the student changes the placement's details, days, evidence and reflections.",
        )
    }

    /// Refuses unless the asker may draft reviews and write observation feedback.
    pub fn require_educator(&self) -> AppResult<()> {
        policy::require_change(
            self.can.writes_feedback(),
            "Only the practice educator drafts reviews and gives feedback.",
        )
    }

    /// Refuses unless the asker may sign, amend and comment.
    pub fn require_party(&self) -> AppResult<()> {
        policy::require_change(
            self.can.signs(),
            "Only the student and the practice educator can change this.",
        )
    }

    /// Whether the asker may read the reviews (not an on-site supervisor).
    pub fn reads_reviews(&self) -> bool {
        self.can.reads_reviews()
    }
}

/// The parties of a placement, as stored.
pub fn parties_of(placement: &Placement) -> PlacementParties {
    PlacementParties {
        student: placement.student_id,
        educator: placement.educator_id,
        onsite_supervisor: placement.onsite_supervisor_id,
    }
}

/// What the asker may do with a loaded placement, if anything.
pub fn capabilities(
    conn: &mut DbConnection,
    actor: &Actor,
    placement: &Placement,
) -> AppResult<Option<PlacementCapabilities>> {
    policy::placement_capabilities(conn, actor, parties_of(placement))
}

/// Opens a placement for the asker: not found unless the policy gives them a part in it.
pub fn open(conn: &mut DbConnection, actor: &Actor, id: i32) -> AppResult<Access> {
    let Some(placement) = store::placement(conn, id)? else {
        return Err(AppError::NotFound);
    };
    match capabilities(conn, actor, &placement)? {
        Some(can) => Ok(Access { placement, can }),
        None => Err(AppError::NotFound),
    }
}
