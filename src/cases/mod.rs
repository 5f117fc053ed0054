//! Cases: pseudonymised references to the families and people a worker supports.

pub mod api;
pub mod html;
pub mod lookup;
pub mod model;
pub mod service;
mod store;
pub mod validate;
