-- Records whose search documents must be rewritten, written in the same transaction as the
-- change. The indexer applies them in order and records in each index commit the last id
-- it applied, so a crash between the two commits loses nothing. A sequence keeps ids
-- rising even after applied rows are pruned.
CREATE TABLE search_outbox (
    id BIGSERIAL PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    queued_at TIMESTAMP NOT NULL
);
