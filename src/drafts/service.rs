//! Keeping, reading and discarding drafts: the writer's own, checked and bounded.

use crate::platform::db::DbConnection;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::store;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::policy;
use crate::platform::web::safe_return_path;

/// Longest form key (a form's action path) accepted.
const MAX_KEY_CHARS: usize = 200;
/// Most fields a draft may hold.
const MAX_FIELDS: usize = 200;
/// Largest draft accepted, as stored JSON.
const MAX_DRAFT_BYTES: usize = 256 * 1024;
/// Fields never kept: the CSRF token is the page's, and passwords are never stored.
const NEVER_KEPT: &[&str] = &["csrf", "password", "current_password", "new_password"];

/// A draft as the page's script sends and receives it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DraftFields {
    /// Field name to typed value (a list for a group of ticked boxes).
    pub fields: Map<String, Value>,
}

/// A kept draft as answered to its writer.
#[derive(Debug, Clone, Serialize)]
pub struct KeptDraftJson {
    /// The writer's username, so the script restores a draft only into its writer's page.
    pub writer: String,
    /// The fields, or `null` when nothing is kept.
    pub fields: Option<Map<String, Value>>,
    /// When it was saved (UTC, ISO 8601), or `null`.
    pub saved_at: Option<String>,
}

/// The form key if it names a form on this site: a local path without a query.
fn form_key(key: Option<&str>) -> AppResult<String> {
    let key = key.unwrap_or_default();
    let usable = !key.is_empty()
        && key != "/"
        && key.chars().count() <= MAX_KEY_CHARS
        && !key.contains('?')
        && safe_return_path(Some(key)) == key;
    if usable {
        Ok(key.to_string())
    } else {
        Err(AppError::invalid(
            "form",
            "Name the form by its action path, such as /entries.",
        ))
    }
}

/// The fields as JSON text, refused when they are not strings (or lists of strings), name
/// a field that is never kept, or are too many or too large.
fn checked(fields: &Map<String, Value>) -> AppResult<String> {
    let mut errors = FieldErrors::new();
    if fields.len() > MAX_FIELDS {
        errors.add(
            "fields",
            format!("A draft holds at most {MAX_FIELDS} fields."),
        );
    }
    for (name, value) in fields {
        let text_only = match value {
            Value::String(_) => true,
            Value::Array(items) => items.iter().all(Value::is_string),
            _ => false,
        };
        if !text_only {
            errors.add(format!("fields.{name}"), "Send text or a list of texts.");
        }
        if never_kept(name) {
            errors.add(
                format!("fields.{name}"),
                "This field is never kept in a draft.",
            );
        }
    }
    errors.into_result(())?;
    let text = serde_json::to_string(fields)
        .map_err(|error| AppError::Internal(format!("draft not serialisable: {error}")))?;
    if text.len() > MAX_DRAFT_BYTES {
        return Err(AppError::invalid(
            "fields",
            format!("A draft holds at most {} KiB.", MAX_DRAFT_BYTES / 1024),
        ));
    }
    Ok(text)
}

/// The actor's draft of the form at `key`.
pub fn read(conn: &mut DbConnection, actor: &Actor, key: Option<&str>) -> AppResult<KeptDraftJson> {
    policy::require_visible(policy::may_keep_drafts(actor))?;
    let key = form_key(key)?;
    let kept = store::read(conn, actor.user_id, &key)?;
    let (fields, saved_at) = match kept {
        Some(kept) => {
            let fields: Map<String, Value> = serde_json::from_str(&kept.fields)
                .map_err(|error| AppError::Internal(format!("stored draft unreadable: {error}")))?;
            (Some(fields), Some(kept.saved_at.and_utc().to_rfc3339()))
        }
        None => (None, None),
    };
    Ok(KeptDraftJson {
        writer: actor.username.clone(),
        fields,
        saved_at,
    })
}

/// Keeps `draft` as the actor's draft of the form at `key`.
pub fn keep(
    conn: &mut DbConnection,
    actor: &Actor,
    key: Option<&str>,
    draft: &DraftFields,
    now: NaiveDateTime,
) -> AppResult<KeptDraftJson> {
    policy::require_visible(policy::may_keep_drafts(actor))?;
    let key = form_key(key)?;
    let text = checked(&draft.fields)?;
    store::keep(conn, actor.user_id, &key, &text, now)?;
    Ok(KeptDraftJson {
        writer: actor.username.clone(),
        fields: Some(draft.fields.clone()),
        saved_at: Some(now.and_utc().to_rfc3339()),
    })
}

/// Removes the actor's draft of the form at `key`; true when there was one.
pub fn discard(conn: &mut DbConnection, actor: &Actor, key: Option<&str>) -> AppResult<bool> {
    policy::require_visible(policy::may_keep_drafts(actor))?;
    let key = form_key(key)?;
    store::discard(conn, actor.user_id, &key)
}

/// Whether a field is never kept: the page's token, and anything holding a password.
fn never_kept(name: &str) -> bool {
    NEVER_KEPT.contains(&name) || name.contains("password")
}

/// Keeps a submitted form's fields (as sent, in order) as the actor's draft of the form at
/// `key`, leaving out what is never kept; a name sent more than once becomes a list, as
/// the page's script sends ticked boxes. Quietly keeps nothing when the person may not keep
/// drafts or the form is no draft's (too large, an unusable key): the refused page is shown
/// again either way.
pub fn keep_submitted(
    conn: &mut DbConnection,
    actor: &Actor,
    key: &str,
    submitted: &[(String, String)],
    now: NaiveDateTime,
) -> AppResult<()> {
    let mut fields = Map::new();
    for (name, value) in submitted.iter().filter(|(name, _)| !never_kept(name)) {
        let value = Value::String(value.clone());
        match fields.get_mut(name) {
            Some(Value::Array(items)) => items.push(value),
            Some(first) => *first = Value::Array(vec![first.take(), value]),
            None => {
                fields.insert(name.clone(), value);
            }
        }
    }
    if fields.is_empty() {
        return Ok(());
    }
    match keep(conn, actor, Some(key), &DraftFields { fields }, now) {
        Ok(_) | Err(AppError::Invalid(_) | AppError::NotFound) => Ok(()),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::{checked, form_key, never_kept};
    use serde_json::{Map, json};

    #[test]
    fn form_keys_are_local_action_paths() {
        assert_eq!(
            form_key(Some("/entries/4")).ok().as_deref(),
            Some("/entries/4")
        );
        for refused in [
            "",
            "/",
            "//evil.example",
            "https://x",
            "/entries?x=1",
            "entries",
        ] {
            assert!(form_key(Some(refused)).is_err(), "{refused:?} was accepted");
        }
        assert!(form_key(None).is_err());
    }

    #[test]
    fn drafts_hold_text_and_never_a_password() {
        let fields = |value| -> Map<String, serde_json::Value> {
            serde_json::from_value(value).unwrap_or_default()
        };
        assert!(checked(&fields(json!({"body": "text", "tags": ["a", "b"]}))).is_ok());
        assert!(checked(&fields(json!({"body": 3}))).is_err());
        assert!(checked(&fields(json!({"password": "secret"}))).is_err());
        assert!(checked(&fields(json!({"csrf": "token"}))).is_err());
        assert!(checked(&fields(json!({"confirm_password": "secret"}))).is_err());
        assert!(never_kept("new_password") && !never_kept("body"));
        let huge = "x".repeat(300 * 1024);
        assert!(checked(&fields(json!({ "body": huge }))).is_err());
    }
}
