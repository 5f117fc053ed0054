//! Use cases of the tag catalogue: loading it, browsing it, adding topics, and suggesting
//! legislation tags for what someone wrote.

use diesel::prelude::*;

use super::catalogue;
use super::detect;
use super::model::TagKind;
use super::store::{self, Tag};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::platform::auth::Actor;
use crate::platform::auth::secret::fingerprint;
use crate::platform::input::{check_length, trimmed};
use crate::platform::{clock, policy, privacy};

/// Longest topic title.
pub const MAX_TOPIC_TITLE_CHARS: usize = 60;
/// Longest topic summary.
pub const MAX_TOPIC_SUMMARY_CHARS: usize = 200;

/// Loads the shipped catalogue into the database when it has changed since the last start.
pub fn load_catalogue(conn: &mut SqliteConnection) -> AppResult<bool> {
    store::sync_catalogue(
        conn,
        catalogue::shipped(),
        &fingerprint(catalogue::SHIPPED_TOML),
        clock::now(),
    )
}

/// The catalogue, optionally one kind and filtered by words.
pub fn list(
    conn: &mut SqliteConnection,
    kind: Option<TagKind>,
    words: Option<&str>,
) -> AppResult<Vec<Tag>> {
    store::list(conn, kind, words)
}

/// One tag by code.
pub fn get(conn: &mut SqliteConnection, code: &str) -> AppResult<Tag> {
    store::find_by_code(conn, code)?.ok_or(AppError::NotFound)
}

/// Codes of catalogue tags that the texts mention, in order of first mention.
pub fn suggest<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for text in texts {
        for code in detect::suggest_tags(text, catalogue::shipped()) {
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
    }
    codes
}

/// Turns a topic's title into its code: lower case words joined by hyphens.
pub fn topic_code(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Adds a topic (a theory, method or theme) that everyone can then tag with. Topics are
/// shared, so text that may identify someone is refused outright.
pub fn create_topic(
    conn: &mut SqliteConnection,
    actor: &Actor,
    title: &str,
    summary: &str,
) -> AppResult<Tag> {
    policy::require_change(policy::may_add_topic(actor), "You cannot add topics.")?;
    let mut errors = FieldErrors::new();
    let title = trimmed(Some(title)).unwrap_or_default();
    let summary = trimmed(Some(summary)).unwrap_or_default();
    let code = topic_code(&title);
    if code.chars().count() < 2 {
        errors.add("title", "Give the topic a name of at least two letters.");
    }
    check_length("title", &title, MAX_TOPIC_TITLE_CHARS, &mut errors);
    check_length("summary", &summary, MAX_TOPIC_SUMMARY_CHARS, &mut errors);
    for warning in privacy::scan_all([("title", title.as_str()), ("summary", summary.as_str())]) {
        errors.add(
            warning.field.clone(),
            format!(
                "Topics are seen by everyone; remove {} ({:?}).",
                warning.kind.label(),
                warning.found
            ),
        );
    }
    errors.into_result(())?;
    let now = clock::now();
    conn.immediate_transaction(|conn| {
        let id = store::insert_topic(conn, &code, &title, &summary, actor.user_id, now)?;
        store::find_by_code(conn, &code)?
            .filter(|tag| tag.id == id)
            .ok_or_else(|| AppError::Internal("the new topic vanished".into()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_codes_are_slugs() {
        assert_eq!(topic_code("Attachment theory"), "attachment-theory");
        assert_eq!(topic_code("  Signs of Safety! "), "signs-of-safety");
        assert_eq!(topic_code("**"), "");
    }

    #[test]
    fn suggestions_merge_texts_in_order() {
        let codes = suggest(["Started a s47 enquiry.", "Care Act s42 and s47 again"]);
        assert_eq!(codes.first().map(String::as_str), Some("CA1989-s47"));
        assert!(codes.contains(&"CareAct2014-s42".to_string()));
        assert_eq!(codes.iter().filter(|c| *c == "CA1989-s47").count(), 1);
    }
}
