-- What each person has imported, by a key naming the source record (a Day One uuid, or a
-- hash of the content), so that importing the same file again creates nothing new. The
-- key stays when the entry is later deleted: a deliberate deletion is not undone by
-- importing the old file again.
CREATE TABLE import_sources (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source_key TEXT NOT NULL,
    entry_id INTEGER REFERENCES entries(id) ON DELETE SET NULL,
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, source_key)
);
