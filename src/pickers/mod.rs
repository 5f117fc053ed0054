//! Suggestions for the tag and case pickers: `GET /api/v1/suggestions/tags?q=` and
//! `GET /api/v1/suggestions/cases?q=`, and `POST /api/v1/suggestions/mentions` for the
//! legislation and case references a draft mentions while it is being written. Words in,
//! choices out: a person's own topics and the catalogue for tags, their own cases for cases,
//! and nothing of anyone else's. Pages ask with the session cookie; API clients with their
//! token.

use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::json::Json;
use rocket::{get, post};
use serde::{Deserialize, Serialize};

use crate::cases;
use crate::error::{AppError, FieldErrors};
use crate::legislation;
use crate::platform::auth::{Actor, ApiCaller, Viewer};
use crate::platform::db::Database;
use crate::platform::input::check_length;
use crate::platform::web::{ApiJson, ApiResult};

/// Most suggestions in one answer: a short list fits a phone screen.
const MAX_SUGGESTIONS: usize = 8;
/// Longest text to suggest for.
const MAX_TYPED_CHARS: usize = 100;
/// Longest draft to look for mentions in (an entry's longest text).
const MAX_DRAFT_CHARS: usize = 50_000;

/// Whoever asks: a signed-in page or an API token.
struct Asker(Actor);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Asker {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        if req.headers().contains("Authorization") {
            return req.guard::<ApiCaller>().await.map(|caller| Asker(caller.0));
        }
        req.guard::<Viewer>()
            .await
            .map(|viewer| Asker(viewer.actor))
    }
}

/// One choice offered: what goes in the box, and words to recognise it by.
#[derive(Debug, Serialize)]
struct Suggestion {
    value: String,
    label: String,
}

fn typed(q: Option<String>) -> Result<String, AppError> {
    checked_length("q", q.unwrap_or_default(), MAX_TYPED_CHARS)
}

fn checked_length(field: &str, text: String, max: usize) -> Result<String, AppError> {
    let mut errors = FieldErrors::new();
    check_length(field, &text, max, &mut errors);
    if errors.is_empty() {
        Ok(text)
    } else {
        Err(AppError::Invalid(errors))
    }
}

#[get("/suggestions/tags?<q>")]
async fn tag_suggestions(
    q: Option<String>,
    asker: Asker,
    db: &Database,
) -> ApiResult<Json<Vec<Suggestion>>> {
    let text = typed(q)?;
    let tags = db
        .run(move |conn| legislation::service::suggest_for(conn, &asker.0, &text, MAX_SUGGESTIONS))
        .await?;
    Ok(Json(
        tags.into_iter()
            .map(|tag| Suggestion {
                value: tag.code,
                label: tag.title,
            })
            .collect(),
    ))
}

#[get("/suggestions/cases?<q>")]
async fn case_suggestions(
    q: Option<String>,
    asker: Asker,
    db: &Database,
) -> ApiResult<Json<Vec<Suggestion>>> {
    let text = typed(q)?;
    let found = db
        .run(move |conn| cases::service::list(conn, &asker.0, None))
        .await?;
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let matches = |case: &cases::model::Case| {
        let haystack = format!(
            "{} {}",
            case.reference.to_lowercase(),
            case.label.as_deref().unwrap_or("").to_lowercase()
        );
        !words.is_empty() && words.iter().all(|word| haystack.contains(word.as_str()))
    };
    Ok(Json(
        found
            .iter()
            .filter(|case| matches(case))
            .take(MAX_SUGGESTIONS)
            .map(|case| Suggestion {
                value: case.reference.clone(),
                label: case.label.clone().unwrap_or_default(),
            })
            .collect(),
    ))
}

/// A draft being written.
#[derive(Debug, Deserialize)]
struct Draft {
    text: String,
}

/// What a draft mentions that is not linked yet: legislation tags and the writer's cases.
#[derive(Debug, Serialize)]
struct Mentions {
    tags: Vec<Suggestion>,
    cases: Vec<Suggestion>,
}

#[post("/suggestions/mentions", data = "<body>")]
async fn mentions(body: ApiJson<Draft>, asker: Asker, db: &Database) -> ApiResult<Json<Mentions>> {
    let text = checked_length("text", body.0.text, MAX_DRAFT_CHARS)?;
    let codes = legislation::service::suggest([text.as_str()]);
    let (tags, own) = db
        .run(move |conn| {
            Ok((
                legislation::service::list(conn, &asker.0, None, None)?,
                cases::service::list(conn, &asker.0, None)?,
            ))
        })
        .await?;
    let tags = codes
        .iter()
        .filter_map(|code| tags.iter().find(|tag| &tag.code == code))
        .map(|tag| Suggestion {
            value: tag.code.clone(),
            label: tag.title.clone(),
        })
        .collect();
    let cases = own
        .iter()
        .filter(|case| mentions_reference(&text, &case.reference))
        .map(|case| Suggestion {
            value: case.reference.clone(),
            label: case.label.clone().unwrap_or_default(),
        })
        .collect();
    Ok(Json(Mentions { tags, cases }))
}

/// Whether `text` names `reference` as a word of its own ("FAM-014," yes; "FAM-0145" no),
/// in any case.
fn mentions_reference(text: &str, reference: &str) -> bool {
    let text = text.to_lowercase();
    let reference = reference.to_lowercase();
    if reference.is_empty() {
        return false;
    }
    text.match_indices(&reference).any(|(at, found)| {
        let before = text[..at].chars().next_back();
        let after = text[at + found.len()..].chars().next();
        let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        apart(before) && apart(after)
    })
}

/// Routes of the pickers, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![tag_suggestions, case_suggestions, mentions]
}

#[cfg(test)]
mod tests {
    use super::mentions_reference;

    #[test]
    fn a_reference_is_found_as_a_word_of_its_own() {
        assert!(mentions_reference("Visit to FAM-014, all well.", "FAM-014"));
        assert!(mentions_reference("fam-014 seen", "FAM-014"));
        assert!(!mentions_reference("FAM-0145 seen", "FAM-014"));
        assert!(!mentions_reference("XFAM-014 seen", "FAM-014"));
        assert!(!mentions_reference("nothing here", "FAM-014"));
        assert!(!mentions_reference("anything", ""));
    }
}
