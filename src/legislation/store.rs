//! Diesel queries for tags, and loading the shipped catalogue into the database.
//!
//! What one person may see is the shared catalogue plus their own topics; every query here
//! that reads tags for a person takes their id and filters to that, and is private to this
//! slice so that only the service (which takes the asker) can call it.

use crate::platform::db::DbConnection;
use crate::platform::db::text::like_any_case;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;

use super::catalogue::Catalogue;
use super::model::TagKind;
use crate::error::{AppError, AppResult};
use crate::platform::db::schema::{app_meta, tags};

/// The `app_meta` key remembering which catalogue text was last loaded.
const CATALOGUE_FINGERPRINT_KEY: &str = "catalogue_fingerprint";

/// A tag row.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = tags)]
pub struct Tag {
    /// Row id.
    pub id: i32,
    /// Stable code (`CA1989-s47`, `PCF-6`, `attachment-theory`).
    pub code: String,
    /// Stored kind name.
    pub kind: String,
    /// Title.
    pub title: String,
    /// One-line summary.
    pub summary: String,
    /// Official address, if any.
    pub url: Option<String>,
    /// Shipped with the app (not a user's topic).
    pub builtin: bool,
    /// Whose topic this is; `None` for the shared catalogue.
    pub owner_id: Option<i32>,
    /// When added.
    pub created_at: NaiveDateTime,
}

/// A tag as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagJson {
    /// Code.
    pub code: String,
    /// Kind name.
    pub kind: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Official address.
    pub url: Option<String>,
}

impl From<&Tag> for TagJson {
    fn from(tag: &Tag) -> Self {
        Self {
            code: tag.code.clone(),
            kind: tag.kind.clone(),
            title: tag.title.clone(),
            summary: tag.summary.clone(),
            url: tag.url.clone(),
        }
    }
}

impl Tag {
    /// The kind's heading for people.
    pub fn kind_label(&self) -> &'static str {
        TagKind::parse(&self.kind).map_or("Tag", TagKind::label)
    }
}

/// Brings the database's built-in tags in line with `catalogue`, unless the catalogue text
/// with this fingerprint was loaded already. New items are added and changed ones updated in
/// place; items dropped from the catalogue stay, because entries may link to them.
pub(super) fn sync_catalogue(
    conn: &mut DbConnection,
    catalogue: &Catalogue,
    fingerprint: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    conn.immediate_transaction(|conn| {
        let loaded: Option<String> = app_meta::table
            .find(CATALOGUE_FINGERPRINT_KEY)
            .select(app_meta::value)
            .first(conn)
            .optional()?;
        if loaded.as_deref() == Some(fingerprint) {
            return Ok(false);
        }
        for item in &catalogue.tags {
            // The catalogue's codes are unique only among catalogue rows (owner NULL), a
            // partial index that an ON CONFLICT target cannot name: update, else insert.
            let changed = diesel::update(
                tags::table
                    .filter(tags::owner_id.is_null())
                    .filter(tags::code.eq(&item.code)),
            )
            .set((
                tags::kind.eq(item.kind.as_str()),
                tags::title.eq(&item.title),
                tags::summary.eq(&item.summary),
                tags::url.eq(&item.url),
            ))
            .execute(conn)?;
            if changed == 0 {
                diesel::insert_into(tags::table)
                    .values((
                        tags::code.eq(&item.code),
                        tags::kind.eq(item.kind.as_str()),
                        tags::title.eq(&item.title),
                        tags::summary.eq(&item.summary),
                        tags::url.eq(&item.url),
                        tags::builtin.eq(true),
                        tags::created_at.eq(now),
                    ))
                    .execute(conn)?;
            }
        }
        crate::on_backend!(conn, |c| diesel::insert_into(app_meta::table)
            .values((
                app_meta::key.eq(CATALOGUE_FINGERPRINT_KEY),
                app_meta::value.eq(fingerprint),
            ))
            .on_conflict(app_meta::key)
            .do_update()
            .set(app_meta::value.eq(fingerprint))
            .execute(c))?;
        Ok(true)
    })
}

/// Tags `reader` may see (the catalogue and their own topics), optionally of one kind and
/// matching words in the code, title or summary.
pub(super) fn list(
    conn: &mut DbConnection,
    reader: i32,
    kind: Option<TagKind>,
    words: Option<&str>,
) -> AppResult<Vec<Tag>> {
    let mut query = tags::table
        .filter(tags::owner_id.is_null().or(tags::owner_id.eq(reader)))
        .select(Tag::as_select())
        .order((tags::kind.asc(), tags::id.asc()))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(tags::kind.eq(kind.as_str()));
    }
    for word in words.unwrap_or("").split_whitespace().take(8) {
        let pattern = format!("%{}%", word.replace(['%', '_'], ""));
        query = query.filter(
            like_any_case(tags::code, pattern.clone())
                .or(like_any_case(tags::title, pattern.clone()))
                .or(like_any_case(tags::summary, pattern)),
        );
    }
    Ok(query.load(conn)?)
}

/// The tag with this code (case-insensitive) that `reader` may see; a catalogue tag wins
/// over a topic of the same code made before the catalogue had it.
pub(super) fn find_visible(
    conn: &mut DbConnection,
    reader: i32,
    code: &str,
) -> AppResult<Option<Tag>> {
    Ok(tags::table
        .filter(tags::code.eq(code.trim()))
        .filter(tags::owner_id.is_null().or(tags::owner_id.eq(reader)))
        .order(tags::owner_id.is_not_null())
        .select(Tag::as_select())
        .first(conn)
        .optional()?)
}

/// Ids of the tags `reader` may use with these codes, and the codes that match none.
pub(super) fn resolve_codes(
    conn: &mut DbConnection,
    reader: i32,
    codes: &[String],
) -> AppResult<(Vec<i32>, Vec<String>)> {
    let mut ids = Vec::new();
    let mut unknown = Vec::new();
    for code in codes {
        match find_visible(conn, reader, code)? {
            Some(tag) if !ids.contains(&tag.id) => ids.push(tag.id),
            Some(_) => {}
            None => unknown.push(code.clone()),
        }
    }
    Ok((ids, unknown))
}

/// Adds a topic of `owner`'s; a code they already use, or one the catalogue has, is refused.
pub(super) fn insert_topic(
    conn: &mut DbConnection,
    owner: i32,
    code: &str,
    title: &str,
    summary: &str,
    now: NaiveDateTime,
) -> AppResult<i32> {
    if find_visible(conn, owner, code)?.is_some() {
        return Err(taken(code));
    }
    diesel::insert_into(tags::table)
        .values((
            tags::code.eq(code),
            tags::kind.eq(TagKind::Topic.as_str()),
            tags::title.eq(title),
            tags::summary.eq(summary),
            tags::builtin.eq(false),
            tags::owner_id.eq(owner),
            tags::created_at.eq(now),
        ))
        .returning(tags::id)
        .get_result(conn)
        .map_err(|error| match error {
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => taken(code),
            other => other.into(),
        })
}

/// The refusal of a code the person can already see.
fn taken(code: &str) -> AppError {
    AppError::invalid(
        "title",
        format!("You already have a tag with the code {code}."),
    )
}
