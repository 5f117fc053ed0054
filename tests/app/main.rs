//! Integration tests through `rocket::local`, one temporary data directory per test.
//! One test binary keeps linking time down; each area has its own module.

mod common;
mod forms;

mod accounts;
mod cases_tags;
mod deadlines;
mod demo;
mod journal;
mod journal_api;
mod migrations;
mod offline;
mod openapi;
mod pickers;
mod placements;
mod policy;
mod search;
mod search_faults;
mod security;
mod supervision;
mod team_load;
mod time_zone;
