//! Praxis: a reflective practice journal, supervision record and placement portfolio for
//! social workers. `build` assembles the web application; `cli` is the `praxis` command.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod accounts;
pub mod app;
pub mod cases;
pub mod cli;
pub mod config;
pub mod dashboard;
pub mod deadlines;
pub mod demo;
pub mod drafts;
pub mod email;
pub mod error;
pub mod export;
pub mod import;
pub mod imported;
pub mod inbox;
pub mod journal;
pub mod legislation;
pub mod offline;
pub mod openapi;
pub mod pickers;
pub mod placements;
pub mod platform;
pub mod resurfacing;
pub mod search;
pub mod supervision;

pub use app::build;
