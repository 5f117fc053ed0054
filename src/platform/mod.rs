//! What every area uses: storage, accounts' machinery, the policy, Markdown and the web layer.

pub mod audit;
pub mod auth;
pub mod clock;
pub mod db;
pub mod markdown;
pub mod policy;
//TMP pub mod privacy;
pub mod web;
