//! What every area uses: storage, accounts' machinery, the policy, Markdown and the web layer.

pub mod access_log;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod data_dir;
pub mod db;
pub mod health;
pub mod input;
pub mod instances;
pub mod maintenance;
pub mod markdown;
pub mod metrics;
pub mod migrate_to;
pub mod periodic;
pub mod policy;
pub mod privacy;
pub mod privacy_review;
pub mod signing;
pub mod text_enum;
pub mod threads;
pub mod web;
