//! Drafts: what a person has typed into a form and not yet saved, kept on the server per
//! person and form so that it survives a closed tab, a lost session or another device.
//! The page's script (`static/drafts.js`) keeps the same draft in the browser and sends it
//! here, debounced; saving the form or pressing "Discard draft" removes it.

mod service;
mod store;
mod web;

pub use service::{discard, keep_submitted};
pub use web::routes;
