//! How a signature arrives: the sign button's form, which carries the version the page
//! showed in a hidden field, and the API's body, `{"version": "..."}`. Both leave the
//! version optional here so that the service can first answer "not found" to someone who may
//! not see the document, and only then refuse a missing version (422).

use rocket::form::FromForm;
use serde::Deserialize;

use crate::error::AppResult;
use crate::platform::web::json;

/// A signature as the API receives it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignRequest {
    /// The version read: the `version` the document's JSON shows. Required to sign.
    #[serde(default)]
    pub version: Option<String>,
}

impl SignRequest {
    /// Reads a body; an empty one names no version (and so signs nothing).
    pub fn parse(body: &str) -> AppResult<Self> {
        if body.trim().is_empty() {
            Ok(Self::default())
        } else {
            json::parse(body)
        }
    }
}

/// A sign button's form: the CSRF token and the version shown.
#[derive(Debug, FromForm)]
pub struct SignForm {
    #[field(name = "csrf")]
    _csrf: Option<String>,
    /// The version the page showed.
    pub version: Option<String>,
}
