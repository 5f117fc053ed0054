//! Where an imported tag goes: onto a catalogue tag when it names one (its code, or a way of
//! writing it the legislation detector knows: `s47` is `CA1989-s47`), onto one of the
//! person's topics with the same code, or else into a new topic of their own.

use crate::platform::db::DbConnection;
use std::collections::HashMap;

use crate::error::AppResult;
use crate::legislation::service::{self, MAX_TOPIC_TITLE_CHARS, topic_code};
use crate::platform::auth::Actor;

/// Where one tag goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TagTarget {
    /// A tag the person may use already, by code.
    Existing(String),
    /// A topic to add for them.
    NewTopic {
        /// Its title (the tag as written).
        title: String,
        /// Its code.
        code: String,
    },
}

impl TagTarget {
    /// The code entries will carry.
    pub fn code(&self) -> &str {
        match self {
            Self::Existing(code) | Self::NewTopic { code, .. } => code,
        }
    }
}

/// The tags one person may use, for mapping.
#[derive(Debug, Clone)]
pub struct TagMapper {
    usable: HashMap<String, String>,
}

impl TagMapper {
    /// The catalogue and the person's topics.
    pub fn load(conn: &mut DbConnection, person: &Actor) -> AppResult<Self> {
        let usable = service::list(conn, person, None, None)?
            .into_iter()
            .map(|tag| (tag.code.to_lowercase(), tag.code))
            .collect();
        Ok(Self { usable })
    }

    /// Where a tag written `raw` goes; `None` when nothing usable is left of it.
    pub fn map(&self, raw: &str) -> Option<TagTarget> {
        let raw = raw.trim().trim_start_matches(['#', '@']);
        if let Some(code) = self.usable.get(&raw.to_lowercase()) {
            return Some(TagTarget::Existing(code.clone()));
        }
        if let Some(code) = service::suggest([raw]).into_iter().next()
            && let Some(code) = self.usable.get(&code.to_lowercase())
        {
            return Some(TagTarget::Existing(code.clone()));
        }
        let title: String = raw.chars().take(MAX_TOPIC_TITLE_CHARS).collect();
        let code = topic_code(&title);
        if code.chars().count() < 2 {
            return None;
        }
        Some(match self.usable.get(&code) {
            Some(existing) => TagTarget::Existing(existing.clone()),
            None => TagTarget::NewTopic { title, code },
        })
    }
}
