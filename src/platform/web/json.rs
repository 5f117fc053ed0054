//! A JSON body guard whose failures say which field was wrong, and 413 past the limit.

use rocket::data::{self, Data, FromData, ToByteUnit};
use rocket::http::Status;
use rocket::request::Request;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::guard_failure;
use crate::error::{AppError, FieldErrors};
use crate::platform::input::{LineEnds, check_controls};

/// Largest JSON body accepted unless `limits.json` says otherwise.
const DEFAULT_LIMIT_KIB: u64 = 1024;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

fn reject<'r, T>(req: &Request<'_>, error: AppError) -> data::Outcome<'r, T, AppError> {
    guard_failure::remember(req, &error);
    let status = Status::from_code(error.status_code()).unwrap_or(Status::BadRequest);
    data::Outcome::Error((status, error))
}

/// Parses `text` as `T`, naming the path of the value at fault (`cpd.hours`).
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, AppError> {
    // Every body is an object; serde would otherwise read a list as fields by position.
    if text.trim_start().starts_with('[') {
        return Err(AppError::invalid(
            "body",
            "Send a JSON object with named fields, not a list.",
        ));
    }
    // Malformed JSON is left for the typed parse below to describe.
    if let Ok(document) = serde_json::from_str::<serde_json::Value>(text) {
        let mut errors = FieldErrors::new();
        control_characters(&document, "", &mut errors);
        errors.into_result(())?;
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            AppError::BadRequest(format!("The body is not valid JSON: {inner}"))
        } else {
            let field = if path == "." {
                "body".to_string()
            } else {
                path
            };
            let message = inner.to_string();
            // serde appends " at line L column C"; the field name is more useful.
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            AppError::invalid(field, message)
        }
    })?;
    deserializer
        .end()
        .map_err(|error| AppError::BadRequest(format!("The body is not valid JSON: {error}")))?;
    Ok(value)
}

/// Records every string (and key) under `path` holding a forbidden control character, named
/// as the typed parse names fields (`actions[0].title`); checked here, once, for every body.
fn control_characters(value: &Value, path: &str, errors: &mut FieldErrors) {
    let field = |path: &str| {
        if path.is_empty() {
            "body".to_string()
        } else {
            path.to_string()
        }
    };
    match value {
        Value::String(text) => check_controls(&field(path), text, LineEnds::Newline, errors),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                control_characters(item, &format!("{path}[{index}]"), errors);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                let shown: String = key.chars().filter(|c| !c.is_control()).collect();
                let inner = if path.is_empty() {
                    shown
                } else {
                    format!("{path}.{shown}")
                };
                check_controls(&inner, key, LineEnds::Newline, errors);
                control_characters(member, &inner, errors);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromData<'r> for ApiJson<T> {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        if req.content_type().is_some_and(|kind| !kind.is_json()) {
            return reject(
                req,
                AppError::BadRequest("Send the body as application/json.".into()),
            );
        }
        let limit = req
            .limits()
            .get("json")
            .unwrap_or(DEFAULT_LIMIT_KIB.kibibytes());
        let text = match data.open(limit).into_string().await {
            Ok(text) if text.is_complete() => text.into_inner(),
            Ok(_) => return reject(req, AppError::PayloadTooLarge),
            Err(error) => {
                return reject(
                    req,
                    AppError::BadRequest(format!("The body could not be read: {error}")),
                );
            }
        };
        match parse(&text) {
            Ok(value) => data::Outcome::Success(ApiJson(value)),
            Err(error) => reject(req, error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        mood: Option<u8>,
    }

    #[test]
    fn names_the_field_with_the_wrong_type() {
        match parse::<Sample>(r#"{"title": "x", "mood": "happy"}"#) {
            Err(AppError::Invalid(errors)) => assert!(errors.get("mood").is_some()),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn malformed_json_is_a_bad_request() {
        assert!(matches!(
            parse::<Sample>(r#"{"title": "#),
            Err(AppError::BadRequest(_))
        ));
        assert!(matches!(
            parse::<Sample>(r#"{"title": "x"} trailing"#),
            Err(AppError::BadRequest(_))
        ));
    }

    #[test]
    fn control_characters_are_refused_by_name() {
        match parse::<Sample>("{\"title\": \"a\\u0000b\", \"mood\": 3}") {
            Err(AppError::Invalid(errors)) => assert!(errors.get("title").is_some()),
            other => panic!("expected a field error, got {other:?}"),
        }
        assert!(parse::<Sample>("{\"title\": \"tab\\there\\nand a new line\"}").is_ok());
        assert!(parse::<Sample>("{\"title\": \"a\\rb\"}").is_err());
    }

    #[test]
    fn missing_fields_are_named() {
        match parse::<Sample>(r#"{"mood": 3}"#) {
            Err(AppError::Invalid(errors)) => {
                assert!(errors.iter().any(|e| e.message.contains("title")))
            }
            other => panic!("expected a field error, got {other:?}"),
        }
    }
}
