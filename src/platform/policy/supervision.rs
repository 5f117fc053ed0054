//! Who reads and writes a supervision record, and what each may do with it. The record
//! belongs to the two people of the pair; a student's practice educator also reads records
//! about the student's placement. Nobody else sees it, administrators included.

use crate::platform::auth::Actor;

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

/// What someone is to a supervision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupervisionRole {
    /// The supervisor (or practice educator) of the pair.
    Supervisor,
    /// The supervisee (or student) of the pair.
    Supervisee,
    /// A student's practice educator reading a record about the placement.
    PlacementReader,
}

/// Where a record stands in its signing, as far as the rules need to know.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signatures {
    /// The supervisor has signed.
    pub supervisor: bool,
    /// The supervisee has signed.
    pub supervisee: bool,
}

impl Signatures {
    /// Signed by both: the record is locked and changes are amendments.
    pub fn locked(self) -> bool {
        self.supervisor && self.supervisee
    }
}

/// What someone may do with a supervision record they may read. Services, pages and the API
/// ask this value rather than comparing user ids themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupervisionCapabilities {
    role: SupervisionRole,
    signatures: Signatures,
}

impl SupervisionCapabilities {
    /// For a copy of a record made for nobody in particular (the search projection): it
    /// reads and does nothing else.
    pub fn read_only() -> Self {
        Self {
            role: SupervisionRole::PlacementReader,
            signatures: Signatures::default(),
        }
    }

    /// What the holder is to the record.
    pub fn role(self) -> SupervisionRole {
        self.role
    }

    /// One of the two people of the pair (not a reader through a placement).
    pub fn is_party(self) -> bool {
        self.role != SupervisionRole::PlacementReader
    }

    /// The pair change the record's draft until both have signed.
    pub fn drafts(self) -> bool {
        self.is_party() && !self.signatures.locked()
    }

    /// Each party signs once, for their own part.
    pub fn signs(self) -> bool {
        match self.role {
            SupervisionRole::Supervisor => !self.signatures.supervisor,
            SupervisionRole::Supervisee => !self.signatures.supervisee,
            SupervisionRole::PlacementReader => false,
        }
    }

    /// Once both have signed, either party amends a part, saying why.
    pub fn amends(self) -> bool {
        self.is_party() && self.signatures.locked()
    }

    /// Either party comments at any time.
    pub fn comments(self) -> bool {
        self.is_party()
    }

    /// Only the supervisee records disagreement with the record.
    pub fn notes_disagreement(self) -> bool {
        self.role == SupervisionRole::Supervisee
    }
}

/// What `actor` may do with a record between `parties`; `None` means they may not read it
/// at all. `educators` are the supervisee's practice educators through live links, who read
/// a record about the placement.
pub fn supervision_capabilities(
    actor: &Actor,
    parties: SupervisionParties,
    about_placement: bool,
    educators: &[i32],
    signatures: Signatures,
) -> Option<SupervisionCapabilities> {
    let role = if actor.user_id == parties.supervisor {
        SupervisionRole::Supervisor
    } else if actor.user_id == parties.supervisee {
        SupervisionRole::Supervisee
    } else if about_placement && educators.contains(&actor.user_id) {
        SupervisionRole::PlacementReader
    } else {
        return None;
    };
    Some(SupervisionCapabilities { role, signatures })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::auth::Role;

    const PARTIES: SupervisionParties = SupervisionParties {
        supervisor: 1,
        supervisee: 2,
    };

    fn capabilities_of(
        user_id: i32,
        about_placement: bool,
        signatures: Signatures,
    ) -> Option<SupervisionCapabilities> {
        let actor = super::super::actor(user_id, Role::Practitioner);
        supervision_capabilities(&actor, PARTIES, about_placement, &[3], signatures)
    }

    #[test]
    fn only_the_pair_and_a_placement_educator_read_and_only_the_pair_write() {
        let none = Signatures::default();
        let educator = capabilities_of(3, true, none).expect("reads the placement record");
        assert!(!educator.drafts() && !educator.signs() && !educator.comments());
        assert_eq!(capabilities_of(3, false, none), None);
        assert_eq!(capabilities_of(4, true, none), None);
        for party in [1, 2] {
            let capabilities = capabilities_of(party, false, none).expect("a party reads");
            assert!(capabilities.drafts() && capabilities.signs() && capabilities.comments());
            assert!(!capabilities.amends());
        }
        assert!(
            capabilities_of(2, false, none)
                .unwrap()
                .notes_disagreement()
        );
        assert!(
            !capabilities_of(1, false, none)
                .unwrap()
                .notes_disagreement()
        );
    }

    #[test]
    fn signing_once_each_locks_drafting_and_opens_amending() {
        let supervisor_signed = Signatures {
            supervisor: true,
            supervisee: false,
        };
        let supervisor = capabilities_of(1, false, supervisor_signed).unwrap();
        let supervisee = capabilities_of(2, false, supervisor_signed).unwrap();
        assert!(!supervisor.signs() && supervisee.signs());
        assert!(supervisor.drafts() && !supervisor.amends());
        let both = Signatures {
            supervisor: true,
            supervisee: true,
        };
        for party in [1, 2] {
            let capabilities = capabilities_of(party, false, both).unwrap();
            assert!(!capabilities.drafts() && !capabilities.signs());
            assert!(capabilities.amends() && capabilities.comments());
        }
        assert!(!capabilities_of(3, true, both).unwrap().amends());
    }
}
