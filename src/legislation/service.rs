//! Use cases of the tag catalogue: loading it, browsing it, adding topics, and suggesting
//! legislation tags for what someone wrote.

use crate::platform::db::DbConnection;

use super::catalogue;
use super::detect;
use super::model::TagKind;
use super::store::{self, Tag};
use super::words;
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
pub fn load_catalogue(conn: &mut DbConnection) -> AppResult<bool> {
    store::sync_catalogue(
        conn,
        catalogue::shipped(),
        &fingerprint(catalogue::SHIPPED_TOML),
        clock::now(),
    )
}

/// The tags `actor` may use, the shared catalogue and their own topics, optionally one kind
/// and filtered by words.
pub fn list(
    conn: &mut DbConnection,
    actor: &Actor,
    kind: Option<TagKind>,
    words: Option<&str>,
) -> AppResult<Vec<Tag>> {
    store::list(conn, actor.user_id, kind, words)
}

/// One tag `actor` may use, by code; someone else's topic is answered exactly as a code that
/// does not exist.
pub fn get(conn: &mut DbConnection, actor: &Actor, code: &str) -> AppResult<Tag> {
    find(conn, actor, code)?.ok_or(AppError::NotFound)
}

/// One tag `actor` may use, by code, if there is one.
pub fn find(conn: &mut DbConnection, actor: &Actor, code: &str) -> AppResult<Option<Tag>> {
    store::find_visible(conn, actor.user_id, code)
}

/// Ids of the tags `actor` may use with these codes (to link or filter entries), and the
/// codes that name none of them.
pub fn resolve_codes(
    conn: &mut DbConnection,
    actor: &Actor,
    codes: &[String],
) -> AppResult<(Vec<i32>, Vec<String>)> {
    let (mut ids, named) = store::resolve_codes(conn, actor.user_id, codes)?;
    if named.is_empty() {
        return Ok((ids, named));
    }
    // What is not a code may be words ("s47", "PCF 6", "critical reflection"), or, from an
    // older habit, several codes separated by spaces.
    let tags = store::list(conn, actor.user_id, None, None)?;
    let choices = choices_of(&tags);
    let mut unknown = Vec::new();
    for words in named {
        let codes: Option<Vec<String>> = words::resolve(&words, &choices)
            .map(|code| vec![code])
            .or_else(|| {
                words
                    .split_whitespace()
                    .map(|code| words::resolve(code, &choices))
                    .collect::<Option<Vec<_>>>()
                    .filter(|codes| codes.len() > 1)
            });
        match codes {
            Some(codes) => {
                for code in codes {
                    if let Some(tag) = tags.iter().find(|tag| tag.code == code)
                        && !ids.contains(&tag.id)
                    {
                        ids.push(tag.id);
                    }
                }
            }
            None => unknown.push(words),
        }
    }
    Ok((ids, unknown))
}

fn choices_of(tags: &[Tag]) -> Vec<words::Choice<'_>> {
    tags.iter()
        .map(|tag| words::Choice {
            code: &tag.code,
            title: &tag.title,
        })
        .collect()
}

/// Up to `limit` tags `actor` may use that the typed words may mean, best first.
pub fn suggest_for(
    conn: &mut DbConnection,
    actor: &Actor,
    typed: &str,
    limit: usize,
) -> AppResult<Vec<Tag>> {
    let tags = store::list(conn, actor.user_id, None, None)?;
    let codes = words::matching(typed, &choices_of(&tags));
    Ok(codes
        .iter()
        .take(limit)
        .filter_map(|code| tags.iter().find(|tag| &tag.code == code).cloned())
        .collect())
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

/// Adds a topic (a theory, method or theme) of `actor`'s own: nobody else can list, browse,
/// filter by or use it. Its name still travels with every entry it tags, which a supervisor
/// may read, so a name that may identify someone is refused outright, as nothing written in
/// a tag's name is needed to make it useful.
pub fn create_topic(
    conn: &mut DbConnection,
    actor: &Actor,
    title: &str,
    summary: &str,
) -> AppResult<Tag> {
    let now = clock::now();
    conn.immediate_transaction(|conn| write_topic(conn, actor, title, summary, now))
}

/// Checks and adds a topic of `actor`'s own inside a transaction the caller holds (an
/// import adds its new topics with its entries, all or nothing). The rules are
/// [`create_topic`]'s.
pub fn write_topic(
    conn: &mut DbConnection,
    actor: &Actor,
    title: &str,
    summary: &str,
    now: chrono::NaiveDateTime,
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
                "Topic names show on entries you share; remove {} ({:?}).",
                warning.kind.label(),
                warning.found
            ),
        );
    }
    errors.into_result(())?;
    let id = store::insert_topic(conn, actor.user_id, &code, &title, &summary, now)?;
    store::find_visible(conn, actor.user_id, &code)?
        .filter(|tag| tag.id == id)
        .ok_or_else(|| AppError::Internal("the new topic vanished".into()))
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
