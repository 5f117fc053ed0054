//! Student placements: days, learning agreement, evidence against the PCF, direct
//! observations, reviews and the portfolio.

pub mod access;
pub mod accessed;
pub mod api;
pub mod documents;
pub mod evidence;
pub mod html;
pub mod json;
pub mod model;
pub mod parts;
pub mod portfolio;
pub mod progress;
pub mod projection;
pub mod service;
pub mod signed;
mod store;
pub mod summary;
pub mod validate;
pub mod view;
mod writes;
