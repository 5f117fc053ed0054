-- People, how they sign in, who supervises whom, and what happened (audit).
CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('practitioner', 'supervisor', 'student', 'practice_educator', 'admin')),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Browser sessions; only a hash of the session id is stored.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Personal API tokens; only a hash of the token is stored.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY NOT NULL,
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
    id INTEGER PRIMARY KEY NOT NULL,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('line', 'educator')),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (supervisor_id, supervisee_id, kind),
    CHECK (supervisor_id <> supervisee_id)
);
CREATE INDEX supervision_links_supervisee ON supervision_links (supervisee_id);

CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY NOT NULL,
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
