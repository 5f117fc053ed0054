-- Each person's newest search-outbox change, written in the transaction that queues it, so
-- that their next search through any instance sharing the database waits until that
-- instance's index has applied it (read-your-writes across instances).
CREATE TABLE own_writes (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    outbox_id BIGINT NOT NULL
);
