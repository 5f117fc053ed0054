-- Records whose search documents must be rewritten, written in the same transaction as the
-- change. The indexer applies them in order and records in each index commit the last id
-- it applied, so a crash between the two commits loses nothing. AUTOINCREMENT keeps ids
-- rising even after applied rows are pruned.
CREATE TABLE search_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    queued_at TIMESTAMP NOT NULL
);
