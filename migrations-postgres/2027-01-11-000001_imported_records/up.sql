-- Read-only copies of documents that needed another party (supervision agreements and
-- records, placement documents), brought in from another Praxis. They cannot be signed
-- again here, so each keeps its text, with who signed it and when written out, and the
-- original JSON so that the person can take it on to the next Praxis. Only the owner reads
-- them; nobody changes them.
CREATE TABLE imported_records (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    occurred_on DATE,
    body TEXT NOT NULL,
    original TEXT NOT NULL,
    source_key TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, source_key)
);
CREATE INDEX imported_records_by_owner ON imported_records (user_id, occurred_on);
