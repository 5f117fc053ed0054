//! The person's own topic tags (the shared catalogue is the same for everyone and is left
//! out). Listed through the catalogue's service as the person, which shows only their own.

use crate::platform::db::DbConnection;
use serde::Serialize;

use crate::error::AppResult;
use crate::legislation::service;
use crate::platform::auth::Actor;

/// A topic of the person's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicJson {
    /// Code (`attachment-theory`).
    pub code: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
}

/// The person's topics, by code.
pub fn load(conn: &mut DbConnection, person: &Actor) -> AppResult<Vec<TopicJson>> {
    let mut topics: Vec<TopicJson> = service::list(conn, person, None, None)?
        .into_iter()
        .filter(|tag| tag.owner_id == Some(person.user_id))
        .map(|tag| TopicJson {
            code: tag.code,
            title: tag.title,
            summary: tag.summary,
        })
        .collect();
    topics.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(topics)
}
