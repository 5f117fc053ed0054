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
-- this has missed changes and is rebuilt from the database. Until now the one instance
-- pruned every change it applied: what is gone is everything before the oldest row left,
-- or, with none left, everything ever queued (AUTOINCREMENT's counter), so an index that
-- was up to date before the upgrade is not rebuilt after it.
CREATE TABLE search_outbox_pruned (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    through_id BIGINT NOT NULL
);
INSERT INTO search_outbox_pruned (id, through_id) VALUES (
    1,
    COALESCE(
        (SELECT MIN(id) - 1 FROM search_outbox),
        (SELECT seq FROM sqlite_sequence WHERE name = 'search_outbox'),
        0
    )
);
