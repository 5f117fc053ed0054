-- Reads and signatures of someone's work by another person, for the owner's own access log.
-- Only ids, a kind and the act are kept: titles are looked up when the log is shown, through
-- the usual permission check, so nothing a record says is copied here. One row per owner,
-- person, act, record and clock hour (`hour`), so a page opened again and again stays one
-- line. A record with two owners (a supervision record) gives each of them a row.
CREATE TABLE access_log (
    id SERIAL PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    act TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    hour TIMESTAMP NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    UNIQUE (owner_id, actor_id, act, record_kind, record_id, hour)
);
CREATE INDEX access_log_owner ON access_log (owner_id, occurred_at);
