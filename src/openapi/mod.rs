//! The OpenAPI document of the JSON API, served at `/api/v1/openapi.json`. A test compares
//! its paths with the routes Rocket mounts, so the two cannot drift apart.

use rocket::get;
use rocket::http::ContentType;

/// The document, written by hand next to the code it describes.
pub const DOCUMENT: &str = include_str!("openapi.json");

#[get("/openapi.json")]
fn document() -> (ContentType, &'static str) {
    (ContentType::JSON, DOCUMENT)
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![document]
}
