//! Integration tests through `rocket::local`, one temporary data directory per test.
//! One test binary keeps linking time down; each area has its own module. With
//! `PRAXIS_TEST_POSTGRES_URL` set, every app runs on a PostgreSQL database of its own.

mod common;
mod data_dir;
mod forms;

mod accounts;
mod cases_tags;
mod cpd_swe;
mod database;
mod database_outage;
mod database_tls;
mod deadlines;
mod demo;
mod drafts;
mod email;
mod email_tls;
mod export;
mod import;
mod imported;
mod inbox;
mod instances;
mod journal;
mod journal_api;
mod migrate_to;
mod migrations;
mod nudges_dates;
mod offline;
mod openapi;
mod operations;
mod pickers;
mod placements;
mod pocket;
mod policy;
mod process_memory;
mod revisits;
mod search;
mod search_faults;
mod security;
mod supervision;
mod team_load;
mod time_zone;
