-- Reads of someone's work by another person, for the owner's own access log. Only ids and a
-- kind are kept: titles are looked up when the log is shown, through the usual permission
-- check, so nothing a record says is copied here. One row per reader, record and hour
-- (`read_hour`), so a page opened again and again stays one line.
CREATE TABLE access_log (
    id INTEGER PRIMARY KEY NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reader_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    record_kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    read_hour TIMESTAMP NOT NULL,
    read_at TIMESTAMP NOT NULL,
    UNIQUE (reader_id, record_kind, record_id, read_hour)
);
CREATE INDEX access_log_owner ON access_log (owner_id, read_at);
