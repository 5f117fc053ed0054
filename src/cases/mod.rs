//! Cases: pseudonymised references to the families and people a worker supports.

pub mod api;
pub mod html;
pub mod model;
pub mod service;
pub mod store;
pub mod validate;
