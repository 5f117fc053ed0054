//! Who is asking: the signed-in person a request acts for.

use serde::{Deserialize, Serialize};

/// A person's role in the service; it decides which pages they see, never whose journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A qualified social worker keeping a journal.
    Practitioner,
    /// A line manager who supervises practitioners (and keeps a journal of their own).
    Supervisor,
    /// A social work student on placement.
    Student,
    /// Supervises and assesses students on placement.
    PracticeEducator,
    /// Manages accounts and supervision links; sees no journal content by being admin.
    Admin,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 5] = [
        Self::Practitioner,
        Self::Supervisor,
        Self::Student,
        Self::PracticeEducator,
        Self::Admin,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Practitioner => "practitioner",
            Self::Supervisor => "supervisor",
            Self::Student => "student",
            Self::PracticeEducator => "practice_educator",
            Self::Admin => "admin",
        }
    }

    /// Parses a stored or wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == name)
    }

    /// The role's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Practitioner => "Practitioner",
            Self::Supervisor => "Supervisor",
            Self::Student => "Student",
            Self::PracticeEducator => "Practice educator",
            Self::Admin => "Administrator",
        }
    }
}

/// The person a request acts for, resolved from a session cookie or an API token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their user id.
    pub user_id: i32,
    /// Their sign-in name.
    pub username: String,
    /// The name shown to others.
    pub display_name: String,
    /// Their role.
    pub role: Role,
}
