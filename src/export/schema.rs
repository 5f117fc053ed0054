//! The JSON Schema of the export document, served at `/api/v1/export.schema.json` beside the
//! OpenAPI document. Written by hand next to the types it describes; a test checks that a
//! real export carries every property the schema requires.

use rocket::get;
use rocket::http::ContentType;

/// The schema.
pub const SCHEMA: &str = include_str!("schema.json");

#[get("/export.schema.json")]
fn document() -> (ContentType, &'static str) {
    (ContentType::JSON, SCHEMA)
}

/// Routes of this module, mounted under `/api/v1`.
pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![document]
}
