//! Statutory timescales: events on cases, deadlines counted in working days by rules kept as
//! data, and a calendar feed.

pub mod api;
pub mod calendar;
pub mod disclosed;
pub mod due;
pub mod engine;
pub mod feed;
pub mod feed_html;
pub mod html;
pub mod ics;
pub mod json;
pub mod rules;
pub mod service;
pub mod span;
mod store;

pub use store::EventRow;
pub mod timescales;
