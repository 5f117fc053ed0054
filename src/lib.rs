//! Praxis: a reflective practice journal, supervision record and placement portfolio for
//! social workers. `build` assembles the web application; `cli` is the `praxis` command.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod accounts;
pub mod app;
pub mod cli;
pub mod config;
pub mod error;
pub mod platform;

pub use app::build;
