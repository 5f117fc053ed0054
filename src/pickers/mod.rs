//! Suggestions for the tag and case pickers: `GET /api/v1/suggestions/tags?q=` and
//! `GET /api/v1/suggestions/cases?q=`. Words in, choices out: a person's own topics and the
//! catalogue for tags, their own cases for cases, and nothing of anyone else's. Pages ask
//! with the session cookie; API clients with their token.

use rocket::get;
use rocket::request::{FromRequest, Outcome, Request};
use rocket::serde::json::Json;
use serde::Serialize;

use crate::cases;
use crate::error::{AppError, FieldErrors};
use crate::legislation;
use crate::platform::auth::{Actor, ApiCaller, Viewer};
use crate::platform::db::Database;
use crate::platform::input::check_length;
use crate::platform::web::ApiResult;

/// Most suggestions in one answer: a short list fits a phone screen.
const MAX_SUGGESTIONS: usize = 8;
/// Longest text to suggest for.
const MAX_TYPED_CHARS: usize = 100;

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
    let text = q.unwrap_or_default();
    let mut errors = FieldErrors::new();
    check_length("q", &text, MAX_TYPED_CHARS, &mut errors);
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

/// Routes of the pickers, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![tag_suggestions, case_suggestions]
}
