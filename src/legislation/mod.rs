//! The tag catalogue: legislation and statutory guidance, the PCF, Social Work England's
//! standards and users' topics; and detecting legislation mentioned in text.

pub mod api;
pub mod catalogue;
pub mod detect;
pub mod html;
pub mod model;
pub mod service;
mod store;

pub use store::Tag;
pub mod words;
