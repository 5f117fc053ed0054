//! Accounts' machinery: passwords, sessions, API tokens, CSRF, throttling and request guards.

pub mod actor;
pub mod api_token;
pub mod client_address;
pub mod credential_cache;
pub mod credential_watch;
pub mod csrf;
pub mod csrf_header;
pub mod guards;
pub mod password;
pub mod secret;
pub mod secret_key;
pub mod session;
pub mod throttle;

pub use actor::{Actor, Role};
pub use client_address::{ClientAddress, TrustedProxies};
pub use guards::{AdminViewer, ApiCaller, Viewer};
