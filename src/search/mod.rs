//! Search: a tantivy index kept as a projection of the database (an outbox written in the
//! same transaction as each change, applied by one indexer thread), queried with the same
//! policy as the pages.

pub mod analysis;
pub mod api;
pub mod build;
pub mod directory;
pub mod document;
pub mod facets;
pub mod fault;
pub mod freshness;
pub mod generation;
pub mod highlight;
pub mod hits;
pub mod html;
pub mod index;
pub mod indexer;
pub mod outbox;
pub mod peers;
pub mod query;
pub mod rebuild;
pub mod related;
pub mod related_cache;
pub mod relaxed;
pub mod replica;
pub mod schema;
pub mod service;
pub mod snippets;
pub mod tag_key;
