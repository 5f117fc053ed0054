//! Static files (CSS, JavaScript, icons), embedded in the release binary.

use std::borrow::Cow;
use std::path::PathBuf;

use rocket::http::{ContentType, Header};
use rocket::response::Responder;
use rust_embed::RustEmbed;

/// The `static/` folder; read from disk in debug builds, compiled in for release.
#[derive(RustEmbed)]
#[folder = "static/"]
pub struct Assets;

/// A static file with its type and a cache lifetime.
#[derive(Responder)]
pub struct Asset {
    body: Cow<'static, [u8]>,
    kind: ContentType,
    cache: Header<'static>,
}

/// Serves a file from `static/`.
#[rocket::get("/static/<path..>")]
pub fn asset(path: PathBuf) -> Option<Asset> {
    let name = path.to_str()?;
    let file = Assets::get(name)?;
    let kind = path
        .extension()
        .and_then(|extension| extension.to_str())
        .and_then(ContentType::from_extension)
        .unwrap_or(ContentType::Binary);
    Some(Asset {
        body: file.data,
        kind,
        cache: Header::new("Cache-Control", "public, max-age=3600"),
    })
}

/// Browsers ask for `/favicon.ico` whatever the page says; answer with the SVG icon.
#[rocket::get("/favicon.ico")]
pub fn favicon() -> Option<Asset> {
    asset(PathBuf::from("icon.svg"))
}
