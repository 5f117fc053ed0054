-- Every app instance that serves this database, and how far its own search index has
-- applied the search outbox. Outbox rows are pruned only once every live instance (seen
-- within the retention window) has applied them, so a second instance misses nothing.
CREATE TABLE instances (
    id text PRIMARY KEY NOT NULL,
    applied_outbox bigint NOT NULL,
    started_at timestamp NOT NULL,
    seen_at timestamp NOT NULL
);

-- The newest search-outbox id ever pruned (one row). An index that has applied less than
-- this has missed changes and is rebuilt from the database. Everything before the oldest
-- row left counts as pruned (a database copied from SQLite may have pruned rows before).
CREATE TABLE search_outbox_pruned (
    id integer PRIMARY KEY NOT NULL CHECK (id = 1),
    through_id bigint NOT NULL
);
INSERT INTO search_outbox_pruned (id, through_id) VALUES (
    1,
    COALESCE((SELECT MIN(id) - 1 FROM search_outbox), 0)
);
