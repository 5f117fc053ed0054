//! Supervision: agreements, preparation packs, records both sign, amendments after
//! sign-off, actions, and the balance of the 4x4x4 functions over time.

pub mod accessed;
pub mod agreement_versions;
pub mod api;
pub mod chart;
pub mod export;
pub mod history;
pub mod html;
pub mod json;
pub mod model;
pub mod pack;
pub mod pair;
pub mod projection;
pub mod schedule;
pub mod service;
pub mod signed;
mod store;
pub mod validate;
pub mod view;
mod writes;
