//! The one place that decides who may read or change what. Pages, the API, lists, exports
//! (and later search and feeds) all ask here; nothing else compares user ids.
//!
//! The rules:
//! - a journal entry belongs to its author, who alone may change it;
//! - others read it only when the author shares it (`visibility = supervisor`) and they
//!   supervise the author (a `line` link) or are the author's practice educator (an
//!   `educator` link);
//! - a case belongs to the worker who created it, who alone reads and changes it;
//! - a read-only copy of a document imported from another Praxis is its importer's alone;
//! - administrators manage accounts and links and see no journal content for being admins;
//! - anything a caller may not read is reported as missing (404), never as forbidden.

use diesel::prelude::*;

use super::auth::{Actor, Role};
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::supervision_links;

/// The journals a viewer may read: their own in full, and the shared entries of the people
/// they supervise or educate. Computed once per request and used for single reads and lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalScope {
    viewer_id: i32,
    shared_authors: Vec<i32>,
    educated_students: Vec<i32>,
}

impl JournalScope {
    /// The viewer's own user id.
    pub fn viewer_id(&self) -> i32 {
        self.viewer_id
    }

    /// Authors whose shared entries the viewer may read.
    pub fn shared_authors(&self) -> &[i32] {
        &self.shared_authors
    }

    /// Students the viewer is a practice educator of now: their supervision records about
    /// the placement are the viewer's to read (the rule of [`may_read_supervision`]).
    pub fn educated_students(&self) -> &[i32] {
        &self.educated_students
    }

    /// Whether the viewer may read an entry by `author_id` that is or is not shared.
    pub fn may_read_entry(&self, author_id: i32, shared: bool) -> bool {
        author_id == self.viewer_id || (shared && self.shared_authors.contains(&author_id))
    }

    /// Whether `author_id` is the viewer or someone they may read shared entries of.
    pub fn covers_author(&self, author_id: i32) -> bool {
        author_id == self.viewer_id || self.shared_authors.contains(&author_id)
    }
}

/// Works out the viewer's [`JournalScope`] from the supervision links.
pub fn journal_scope(conn: &mut SqliteConnection, actor: &Actor) -> AppResult<JournalScope> {
    let mut shared_authors: Vec<i32> = supervision_links::table
        .filter(supervision_links::supervisor_id.eq(actor.user_id))
        .select(supervision_links::supervisee_id)
        .load(conn)?;
    shared_authors.sort_unstable();
    shared_authors.dedup();
    let educated_students = supervision_links::table
        .filter(supervision_links::supervisor_id.eq(actor.user_id))
        .filter(supervision_links::kind.eq("educator"))
        .select(supervision_links::supervisee_id)
        .load(conn)?;
    Ok(JournalScope {
        viewer_id: actor.user_id,
        shared_authors,
        educated_students,
    })
}

/// Who may read what `author_id` shares: everyone linked above them, read from the same
/// links as [`journal_scope`] from the other side, so the "shared with" notice names exactly
/// the people the rule lets in. Disabled accounts read nothing and are left out.
pub fn readers_of_shared(conn: &mut SqliteConnection, author_id: i32) -> AppResult<Vec<i32>> {
    use crate::platform::db::schema::users;
    let mut readers: Vec<i32> = supervision_links::table
        .inner_join(users::table.on(users::id.eq(supervision_links::supervisor_id)))
        .filter(supervision_links::supervisee_id.eq(author_id))
        .filter(users::disabled.eq(false))
        .select(supervision_links::supervisor_id)
        .load(conn)?;
    readers.sort_unstable();
    readers.dedup();
    Ok(readers)
}

/// Whose case deadlines the actor may see besides their own: everyone they supervise or
/// educate through a live link. What they see of them is limited by type
/// (`deadlines::disclosed::DisclosedDeadline`).
pub fn deadline_supervisees(conn: &mut SqliteConnection, actor: &Actor) -> AppResult<Vec<i32>> {
    Ok(journal_scope(conn, actor)?.shared_authors().to_vec())
}

/// Only the author may change, delete, restore or share an entry, or see its revisions
/// and bin.
pub fn may_change_entry(actor: &Actor, author_id: i32) -> bool {
    actor.user_id == author_id
}

/// Only the worker who holds a case may read or change it.
pub fn may_use_case(actor: &Actor, owner_id: i32) -> bool {
    actor.user_id == owner_id
}

/// Only the person who imported a read-only copy of a document reads it; nobody changes it
/// (its other party signed it somewhere else, and their signature cannot be made again here).
pub fn may_read_imported_record(actor: &Actor, owner_id: i32) -> bool {
    actor.user_id == owner_id
}

/// Administrators manage accounts, links and the audit log.
pub fn may_administer(actor: &Actor) -> bool {
    actor.role == Role::Admin
}

/// The two people a supervision record or agreement is between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupervisionParties {
    /// The supervisor or practice educator.
    pub supervisor: i32,
    /// The supervisee or student.
    pub supervisee: i32,
}

impl SupervisionParties {
    /// Whether `user_id` is one of the two.
    pub fn includes(&self, user_id: i32) -> bool {
        user_id == self.supervisor || user_id == self.supervisee
    }
}

/// Only the two parties read and write supervision records and agreements; a student's
/// practice educator also reads records about the student's placement. Nobody else, admins
/// included.
pub fn may_read_supervision(
    actor: &Actor,
    parties: SupervisionParties,
    about_placement: bool,
    supervisees_educators: &[i32],
) -> bool {
    parties.includes(actor.user_id)
        || (about_placement && supervisees_educators.contains(&actor.user_id))
}

/// Only the two parties draft, sign, amend and comment.
pub fn may_write_supervision(actor: &Actor, parties: SupervisionParties) -> bool {
    parties.includes(actor.user_id)
}

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
    conn: &mut SqliteConnection,
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

/// Anyone signed in may read the tag catalogue and add a topic to it.
pub fn may_add_topic(_actor: &Actor) -> bool {
    true
}

/// Anyone signed in may keep drafts of their own forms; a draft is read and changed only
/// by its writer (the drafts store is keyed by the writer's id and takes no other).
pub fn may_keep_drafts(_actor: &Actor) -> bool {
    true
}

/// Turns a refusal to read into the same answer as a missing record.
pub fn require_visible(allowed: bool) -> AppResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Turns a refusal to change something the caller can see into a 403 with a reason.
pub fn require_change(allowed: bool, reason: &str) -> AppResult<()> {
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden(reason.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(user_id: i32, role: Role) -> Actor {
        Actor {
            user_id,
            username: format!("user{user_id}"),
            display_name: format!("User {user_id}"),
            role,
        }
    }

    #[test]
    fn scope_reads_own_and_shared_of_supervisees_only() {
        let scope = JournalScope {
            viewer_id: 1,
            shared_authors: vec![2],
            educated_students: Vec::new(),
        };
        assert!(scope.may_read_entry(1, false));
        assert!(scope.may_read_entry(2, true));
        assert!(!scope.may_read_entry(2, false));
        assert!(!scope.may_read_entry(3, true));
    }

    #[test]
    fn only_authors_change_and_only_admins_administer() {
        let supervisor = actor(1, Role::Supervisor);
        assert!(may_change_entry(&supervisor, 1));
        assert!(!may_change_entry(&supervisor, 2));
        assert!(!may_administer(&supervisor));
        assert!(may_administer(&actor(9, Role::Admin)));
        assert!(!may_use_case(&actor(9, Role::Admin), 1));
    }

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
