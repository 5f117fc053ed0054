//! Types of the tag catalogue: legislation and guidance, frameworks, and users' topics.

use serde::{Deserialize, Serialize};

/// What family a tag belongs to; the API's `kind` filter uses these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagKind {
    /// Legislation and statutory guidance (Children Act 1989 s.47, Working Together 2023...).
    Legislation,
    /// One of the nine domains of the Professional Capabilities Framework.
    Pcf,
    /// One of Social Work England's six professional standards.
    Sws,
    /// A theory, method or topic a user created.
    Topic,
}

impl TagKind {
    /// Every kind, in the order the catalogue page shows them.
    pub const ALL: [TagKind; 4] = [Self::Legislation, Self::Pcf, Self::Sws, Self::Topic];

    /// The stored and wire name (`legislation`, `pcf`, `sws`, `topic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Legislation => "legislation",
            Self::Pcf => "pcf",
            Self::Sws => "sws",
            Self::Topic => "topic",
        }
    }

    /// Parses a stored or wire name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// A heading for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Legislation => "Legislation and guidance",
            Self::Pcf => "Professional Capabilities Framework",
            Self::Sws => "Social Work England standards",
            Self::Topic => "Topics, theories and methods",
        }
    }
}
