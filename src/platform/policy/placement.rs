//! Who takes what part in a placement, from the live supervision links, and what that part
//! lets them do.

use crate::platform::db::DbConnection;
use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::db::schema::supervision_links;

/// The people a placement is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacementParties {
    /// The student.
    pub student: i32,
    /// Their practice educator.
    pub educator: i32,
    /// An on-site supervisor, if any.
    pub onsite_supervisor: Option<i32>,
}

/// What someone is to a placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacementRole {
    /// Sees and edits the placement.
    Student,
    /// Reads it, writes feedback and reviews.
    Educator,
    /// Reads what the student shares; no reviews.
    OnsiteSupervisor,
}

/// The live supervision links that join someone to a placement's student.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlacementLinks {
    /// They are linked to the student as practice educator (`educator` link).
    pub educator: bool,
    /// They are linked to the student as a line or on-site supervisor (`line` link).
    pub line: bool,
}

/// The student edits their placement; the practice educator reads it and writes feedback
/// and reviews; an on-site supervisor reads what the student shares; nobody else sees it.
/// Being named on the placement is not enough: the educator and on-site supervisor keep
/// their part only while an administrator keeps them linked to the student.
pub fn placement_role(
    actor: &Actor,
    parties: PlacementParties,
    links: PlacementLinks,
) -> Option<PlacementRole> {
    if actor.user_id == parties.student {
        Some(PlacementRole::Student)
    } else if actor.user_id == parties.educator && links.educator {
        Some(PlacementRole::Educator)
    } else if parties.onsite_supervisor == Some(actor.user_id) && links.line {
        Some(PlacementRole::OnsiteSupervisor)
    } else {
        None
    }
}

/// What someone may do with a placement they may see. Services, pages and the API all ask
/// this value rather than comparing roles themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlacementCapabilities {
    role: PlacementRole,
}

impl PlacementCapabilities {
    /// Capabilities for a role, without asking the links: only for unit tests of pages
    /// put together by hand.
    #[cfg(test)]
    pub(crate) fn assumed(role: PlacementRole) -> Self {
        Self { role }
    }

    /// What the holder is to the placement.
    pub fn role(self) -> PlacementRole {
        self.role
    }

    /// The student alone changes the details, days, evidence links and reflections.
    pub fn changes_details(self) -> bool {
        self.role == PlacementRole::Student
    }

    /// The practice educator alone drafts reviews and gives observation feedback.
    pub fn writes_feedback(self) -> bool {
        self.role == PlacementRole::Educator
    }

    /// The student and the practice educator sign, amend and comment on evidence.
    pub fn signs(self) -> bool {
        matches!(self.role, PlacementRole::Student | PlacementRole::Educator)
    }

    /// An on-site supervisor does not read reviews.
    pub fn reads_reviews(self) -> bool {
        self.role != PlacementRole::OnsiteSupervisor
    }

    /// Either party drafts the learning agreement; the educator alone drafts a review.
    pub fn drafts(self, review: bool) -> bool {
        if review {
            self.writes_feedback()
        } else {
            self.signs()
        }
    }

    /// The student alone comments on a review.
    pub fn comments_on_reviews(self) -> bool {
        self.changes_details()
    }
}

/// What the actor may do with a placement between `parties`, judged from the live
/// supervision links; `None` means they may not see it at all.
pub fn placement_capabilities(
    conn: &mut DbConnection,
    actor: &Actor,
    parties: PlacementParties,
) -> AppResult<Option<PlacementCapabilities>> {
    let kinds: Vec<String> = supervision_links::table
        .filter(supervision_links::supervisor_id.eq(actor.user_id))
        .filter(supervision_links::supervisee_id.eq(parties.student))
        .select(supervision_links::kind)
        .load(conn)?;
    let links = PlacementLinks {
        educator: kinds.iter().any(|kind| kind == "educator"),
        line: kinds.iter().any(|kind| kind == "line"),
    };
    Ok(placement_role(actor, parties, links).map(|role| PlacementCapabilities { role }))
}

#[cfg(test)]
mod tests {
    use super::super::actor;
    use super::*;
    use crate::platform::auth::Role;

    #[test]
    fn capabilities_follow_the_part_in_the_placement() {
        let student = PlacementCapabilities::assumed(PlacementRole::Student);
        let educator = PlacementCapabilities::assumed(PlacementRole::Educator);
        let onsite = PlacementCapabilities::assumed(PlacementRole::OnsiteSupervisor);
        assert!(student.changes_details() && !educator.changes_details());
        assert!(educator.writes_feedback() && !student.writes_feedback());
        assert!(student.drafts(false) && educator.drafts(false) && !onsite.drafts(false));
        assert!(educator.drafts(true) && !student.drafts(true));
        assert!(student.comments_on_reviews() && !educator.comments_on_reviews());
        assert!(!onsite.signs() && !onsite.reads_reviews() && educator.reads_reviews());
    }

    #[test]
    fn named_educator_without_a_live_link_has_no_part_in_the_placement() {
        let parties = PlacementParties {
            student: 1,
            educator: 2,
            onsite_supervisor: Some(3),
        };
        let linked = PlacementLinks {
            educator: true,
            line: true,
        };
        let educator = actor(2, Role::PracticeEducator);
        assert_eq!(
            placement_role(&educator, parties, linked),
            Some(PlacementRole::Educator)
        );
        assert_eq!(
            placement_role(&educator, parties, PlacementLinks::default()),
            None
        );
        let onsite = actor(3, Role::Supervisor);
        assert_eq!(
            placement_role(&onsite, parties, PlacementLinks::default()),
            None
        );
        assert_eq!(
            placement_role(&actor(1, Role::Student), parties, PlacementLinks::default()),
            Some(PlacementRole::Student)
        );
    }
}
