-- Every app instance that serves this database, and how far its own search index has
-- applied the search outbox. Outbox rows are pruned only once every live instance (seen
-- within the retention window) has applied them, so a second instance misses nothing.
CREATE TABLE instances (
    id TEXT PRIMARY KEY NOT NULL,
    applied_outbox BIGINT NOT NULL,
    started_at TIMESTAMP NOT NULL,
    seen_at TIMESTAMP NOT NULL
);

-- The newest search-outbox id ever pruned (one row). An index that has applied less than
-- this has missed changes and is rebuilt from the database.
CREATE TABLE search_outbox_pruned (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    through_id BIGINT NOT NULL
);
INSERT INTO search_outbox_pruned (id, through_id) VALUES (1, 0);
