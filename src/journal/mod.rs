//! The journal: diary notes, reflections (free or by a reflective model) and CPD records.

pub mod accessed;
pub mod api;
pub mod capture;
pub mod cpd;
pub mod cpd_activity;
pub mod cpd_swe;
pub mod export;
pub mod html;
pub mod imported;
pub mod json;
pub mod model;
pub mod projection;
pub mod reflective;
pub mod revisit;
pub mod service;
mod store;
pub mod summary;
pub mod validate;
