//! Accounts: people, signing in, tokens, supervision links and administration.

pub mod access;
pub mod admin;
pub mod api;
pub mod directory;
pub mod html;
pub mod model;
pub mod reset;
pub mod service;
pub mod setup;
pub mod signing_in;
mod store;
pub mod team;
