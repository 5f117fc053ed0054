-- Usernames, case references and tag codes compare without regard to case, as SQLite's
-- NOCASE does: a case-insensitive ICU collation (case differences ignored, accents not).
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- People, how they sign in, who supervises whom, and what happened (audit).
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE nocase,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('practitioner', 'supervisor', 'student', 'practice_educator', 'admin')),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Browser sessions; only a hash of the session id is stored.
CREATE TABLE sessions (
    id SERIAL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Personal API tokens; only a hash of the token is stored.
CREATE TABLE api_tokens (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- A line-management supervisor or a practice educator and the person they support.
CREATE TABLE supervision_links (
    id SERIAL PRIMARY KEY,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('line', 'educator')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (supervisor_id, supervisee_id, kind),
    CHECK (supervisor_id <> supervisee_id)
);
CREATE INDEX supervision_links_supervisee ON supervision_links (supervisee_id);

CREATE TABLE audit_events (
    id SERIAL PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT
);
CREATE INDEX audit_events_time ON audit_events (occurred_at);

-- Small facts about the installation (e.g. the fingerprint of the loaded tag catalogue).
CREATE TABLE app_meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
