//! Quick notes sent once. A note typed on a phone without signal waits in the browser with a
//! key made when it was typed; the browser may send it more than once (a retry after a lost
//! answer, two tabs coming back online together), and only the first send saves an entry.

use crate::platform::db::DbConnection;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{EntryDraft, EntryView};
use super::service::{checked, insert_new, view_of};
use super::store;
use crate::error::{AppError, AppResult};
use crate::platform::auth::Actor;
use crate::platform::db::schema::capture_keys;
use crate::platform::privacy_review::{Acknowledgement, Saved};

/// A key the browser made for one note (`crypto.randomUUID()`), checked for shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptureKey(String);

impl CaptureKey {
    /// Accepts 8 to 64 letters, digits and hyphens; anything else is a clear 422.
    pub fn parse(raw: &str) -> AppResult<Self> {
        let shaped = (8..=64).contains(&raw.len())
            && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if shaped {
            Ok(Self(raw.to_string()))
        } else {
            Err(AppError::invalid(
                "key",
                "The note's key must be 8 to 64 letters, digits or hyphens.",
            ))
        }
    }

    /// The key as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What sending a keyed note did.
#[derive(Debug, Clone)]
pub struct Captured {
    /// The entry the key belongs to, with the guard's findings when it was just saved.
    pub saved: Saved<EntryView>,
    /// True when the key had been sent before and this send saved nothing new.
    pub repeated: bool,
}

/// Saves the caller's note unless the same person already sent this key, in which case the
/// first entry is returned. The confidentiality guard runs as for any new entry.
pub fn create_once(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &CaptureKey,
    draft: &EntryDraft,
    acknowledgement: Acknowledgement,
    today: NaiveDate,
    now: NaiveDateTime,
) -> AppResult<Captured> {
    if let Some(first) = first_with_key(conn, actor, key)? {
        return Ok(first);
    }
    let (input, links, privacy_warnings) = checked(conn, actor, draft, acknowledgement, today)?;
    conn.immediate_transaction(|conn| {
        // Another send of the same key may have been saved while this one was checked; the
        // write lock taken here orders the two.
        if let Some(first) = first_with_key(conn, actor, key)? {
            return Ok(first);
        }
        let record = insert_new(conn, actor, &input, &links, now)?;
        diesel::insert_into(capture_keys::table)
            .values((
                capture_keys::user_id.eq(actor.user_id),
                capture_keys::capture_key.eq(key.as_str()),
                capture_keys::entry_id.eq(record.id),
                capture_keys::created_at.eq(now),
            ))
            .execute(conn)?;
        Ok(Captured {
            saved: Saved {
                record,
                privacy_warnings,
            },
            repeated: false,
        })
    })
}

/// The entry first saved with `key` by this person, if any.
fn first_with_key(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &CaptureKey,
) -> AppResult<Option<Captured>> {
    let entry_id = capture_keys::table
        .find((actor.user_id, key.as_str()))
        .select(capture_keys::entry_id)
        .first::<i32>(conn)
        .optional()?;
    let Some(entry_id) = entry_id else {
        return Ok(None);
    };
    let row = store::find_row(conn, entry_id)?.ok_or(AppError::NotFound)?;
    Ok(Some(Captured {
        saved: Saved {
            record: view_of(conn, row)?,
            privacy_warnings: Vec::new(),
        },
        repeated: true,
    }))
}

#[cfg(test)]
mod tests {
    use super::CaptureKey;

    #[test]
    fn a_browser_uuid_is_a_key() {
        let key = CaptureKey::parse("3b241101-e2bb-4255-8caf-4136c566a962");
        assert_eq!(
            key.map(|key| key.as_str().to_string()).ok(),
            Some("3b241101-e2bb-4255-8caf-4136c566a962".to_string())
        );
    }

    #[test]
    fn short_or_odd_keys_are_refused() {
        assert!(CaptureKey::parse("abc").is_err());
        assert!(CaptureKey::parse("key with spaces").is_err());
        assert!(CaptureKey::parse(&"a".repeat(65)).is_err());
    }

    #[test]
    fn every_accepted_key_is_plain() {
        // Every single character in and around the accepted set, padded to a valid length.
        for code in 0u32..0x250 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let raw = format!("abcdefgh{c}");
            let plain = c.is_ascii_alphanumeric() || c == '-';
            assert_eq!(CaptureKey::parse(&raw).is_ok(), plain, "{raw:?}");
        }
    }
}
