//! Accounts' machinery: passwords, sessions, API tokens, CSRF, throttling and request guards.

pub mod actor;
pub mod api_token;
pub mod csrf;
pub mod guards;
pub mod password;
pub mod secret;
pub mod secret_key;
pub mod session;
pub mod throttle;

pub use actor::{Actor, Role};
pub use guards::{AdminViewer, ApiCaller, ClientAddress, Viewer};
