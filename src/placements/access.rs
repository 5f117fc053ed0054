//! Who may do what with a placement: one lookup that answers "not found" to anyone who is
//! not a party, and the checks for each kind of change.

use diesel::prelude::*;

use super::model::Placement;
use super::store;
use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::policy::{self, PlacementParties, PlacementRole};

/// A placement with the asker's part in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    /// The placement.
    pub placement: Placement,
    /// What the asker is to it.
    pub role: PlacementRole,
}

impl Access {
    /// The student alone changes the placement's details, its days and its evidence links.
    pub fn require_student(&self) -> AppResult<()> {
        policy::require_change(
            self.role == PlacementRole::Student,
            "Only the student changes the placement's details, days, evidence and reflections.",
        )
    }

    /// The practice educator alone drafts reviews and writes observation feedback.
    pub fn require_educator(&self) -> AppResult<()> {
        policy::require_change(
            self.role == PlacementRole::Educator,
            "Only the practice educator drafts reviews and gives feedback.",
        )
    }

    /// The student and the practice educator sign, amend and comment; an on-site
    /// supervisor reads.
    pub fn require_party(&self) -> AppResult<()> {
        policy::require_change(
            matches!(self.role, PlacementRole::Student | PlacementRole::Educator),
            "Only the student and the practice educator can change this.",
        )
    }

    /// Whether the asker may read the reviews (not an on-site supervisor).
    pub fn reads_reviews(&self) -> bool {
        self.role != PlacementRole::OnsiteSupervisor
    }
}

/// The parties of a placement.
pub fn parties_of(placement: &Placement) -> PlacementParties {
    PlacementParties {
        student: placement.student_id,
        educator: placement.educator_id,
        onsite_supervisor: placement.onsite_supervisor_id,
    }
}

/// Opens a placement for the asker: not found unless they are a party to it.
pub fn open(conn: &mut SqliteConnection, actor: &Actor, id: i32) -> AppResult<Access> {
    let placement = store::placement(conn, id)?;
    let role = placement
        .as_ref()
        .and_then(|placement| policy::placement_role(actor, parties_of(placement)));
    policy::require_visible(role.is_some())?;
    match (placement, role) {
        (Some(placement), Some(role)) => Ok(Access { placement, role }),
        _ => Err(crate::error::AppError::NotFound),
    }
}
