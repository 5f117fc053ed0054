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
//!
//! Each area's rules live in their own file: [`scope`] (whose journals a person reads),
//! [`supervision`] and [`placement`]; the small rules are here.

mod placement;
mod scope;
mod supervision;

use super::auth::{Actor, Role};
use crate::error::{AppError, AppResult};

pub use placement::{
    PlacementCapabilities, PlacementLinks, PlacementParties, PlacementRole, placement_capabilities,
    placement_role,
};
pub use scope::{EntryAuthors, Scope, SearchFilter, readers_of_shared, scope_of};
pub use supervision::{
    Signatures, SupervisionCapabilities, SupervisionParties, SupervisionRole,
    supervision_capabilities,
};

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

/// A signed-in person put together by hand, for the rules' unit tests.
#[cfg(test)]
fn actor(user_id: i32, role: Role) -> Actor {
    Actor {
        user_id,
        username: format!("user{user_id}"),
        display_name: format!("User {user_id}"),
        role,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_authors_change_and_only_admins_administer() {
        let supervisor = actor(1, Role::Supervisor);
        assert!(may_change_entry(&supervisor, 1));
        assert!(!may_change_entry(&supervisor, 2));
        assert!(!may_administer(&supervisor));
        assert!(may_administer(&actor(9, Role::Admin)));
        assert!(!may_use_case(&actor(9, Role::Admin), 1));
    }
}
