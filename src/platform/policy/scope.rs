//! Whose journals a person reads: their own, and what the people they supervise or educate
//! share with them, worked out once per request from the live supervision links. The scope
//! hands out the filters that lists and search apply, so a store can only be asked for what
//! the scope allows.

use crate::platform::db::DbConnection;
use diesel::prelude::*;

use crate::error::AppResult;
use crate::platform::auth::Actor;
use crate::platform::db::schema::supervision_links;

/// Whose entries a list holds: a store filter made only here, from an authenticated actor
/// or a [`Scope`], so that no list is asked for with an id the asker was not given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryAuthors(Authors);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Authors {
    Own(i32),
    SharedBy(Vec<i32>),
}

impl EntryAuthors {
    /// Every entry of the actor's own.
    pub fn of_actor(actor: &Actor) -> Self {
        Self(Authors::Own(actor.user_id))
    }

    /// The author whose every entry the list holds, if that is what it holds.
    pub fn own(&self) -> Option<i32> {
        match &self.0 {
            Authors::Own(author) => Some(*author),
            Authors::SharedBy(_) => None,
        }
    }

    /// The authors whose shared entries (only) the list holds, if that is what it holds.
    pub fn shared_by(&self) -> Option<&[i32]> {
        match &self.0 {
            Authors::Own(_) => None,
            Authors::SharedBy(authors) => Some(authors),
        }
    }
}

/// What search may return to a viewer, as facts the index holds: records the viewer reads
/// (their own and those of the pairs they are in), entries shared by the people they
/// supervise or educate, and supervision records about the placements of their students.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchFilter<'a> {
    /// The viewer: records listing them as a reader.
    pub reader: i32,
    /// Entries shared by these authors.
    pub shared_by: &'a [i32],
    /// Supervision records about these students' placements.
    pub placement_of: &'a [i32],
}

/// The journals a viewer may read: their own in full, and the shared entries of the people
/// they supervise or educate. Computed once per request and used for single reads, lists,
/// search and disclosed deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    viewer_id: i32,
    shared_authors: Vec<i32>,
    educated_students: Vec<i32>,
}

impl Scope {
    /// A scope put together by hand, for unit tests that need no database.
    #[cfg(test)]
    pub(crate) fn assumed(
        viewer_id: i32,
        shared_authors: Vec<i32>,
        educated_students: Vec<i32>,
    ) -> Self {
        Self {
            viewer_id,
            shared_authors,
            educated_students,
        }
    }

    /// Whether the viewer may read an entry by `author_id` that is or is not shared.
    pub fn may_read_entry(&self, author_id: i32, shared: bool) -> bool {
        author_id == self.viewer_id || (shared && self.shared_authors.contains(&author_id))
    }

    /// Whether `author_id` is the viewer or someone they may read shared entries of.
    pub fn covers_author(&self, author_id: i32) -> bool {
        author_id == self.viewer_id || self.shared_authors.contains(&author_id)
    }

    /// The list filter for the viewer's own entries.
    pub fn own_entries(&self) -> EntryAuthors {
        EntryAuthors(Authors::Own(self.viewer_id))
    }

    /// The list filter for everything shared with the viewer.
    pub fn shared_entries(&self) -> EntryAuthors {
        EntryAuthors(Authors::SharedBy(self.shared_authors.clone()))
    }

    /// The list filter for what one author shares, if the viewer reads it (the viewer's
    /// own shared entries included).
    pub fn shared_entries_of(&self, author_id: i32) -> Option<EntryAuthors> {
        self.covers_author(author_id)
            .then(|| EntryAuthors(Authors::SharedBy(vec![author_id])))
    }

    /// The search filter for the viewer.
    pub fn search_filter(&self) -> SearchFilter<'_> {
        SearchFilter {
            reader: self.viewer_id,
            shared_by: &self.shared_authors,
            placement_of: &self.educated_students,
        }
    }

    /// Whose case deadlines the viewer sees besides their own: everyone they supervise or
    /// educate through a live link. What they see of them is limited by type
    /// (`deadlines::disclosed::DisclosedDeadline`).
    pub fn deadline_people(&self) -> &[i32] {
        &self.shared_authors
    }
}

/// Works out the viewer's [`Scope`] from the supervision links.
pub fn scope_of(conn: &mut DbConnection, actor: &Actor) -> AppResult<Scope> {
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
    Ok(Scope {
        viewer_id: actor.user_id,
        shared_authors,
        educated_students,
    })
}

/// Who may read what `author_id` shares: everyone linked above them, read from the same
/// links as [`scope_of`] from the other side, so the "shared with" notice names exactly
/// the people the rule lets in. Disabled accounts read nothing and are left out.
pub fn readers_of_shared(conn: &mut DbConnection, author_id: i32) -> AppResult<Vec<i32>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_reads_own_and_shared_of_supervisees_only() {
        let scope = Scope::assumed(1, vec![2], Vec::new());
        assert!(scope.may_read_entry(1, false));
        assert!(scope.may_read_entry(2, true));
        assert!(!scope.may_read_entry(2, false));
        assert!(!scope.may_read_entry(3, true));
    }

    #[test]
    fn the_filters_hand_out_only_what_the_scope_reads() {
        let scope = Scope::assumed(1, vec![2, 3], vec![3]);
        assert_eq!(scope.own_entries().own(), Some(1));
        assert_eq!(scope.shared_entries().shared_by(), Some(&[2, 3][..]));
        assert_eq!(
            scope.shared_entries_of(2).and_then(|a| a.own()),
            None,
            "another's entries come only as shared"
        );
        assert!(
            scope.shared_entries_of(1).is_some(),
            "one's own shared entries"
        );
        assert!(scope.shared_entries_of(4).is_none(), "nobody else's");
        let filter = scope.search_filter();
        assert_eq!(
            (filter.reader, filter.shared_by, filter.placement_of),
            (1, &[2, 3][..], &[3][..])
        );
        assert_eq!(scope.deadline_people(), &[2, 3]);
    }
}
