-- Legislation, frameworks (PCF, Social Work England standards) and users' topics.
CREATE TABLE tags (
    id SERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE COLLATE nocase,
    kind TEXT NOT NULL CHECK (kind IN ('legislation', 'pcf', 'sws', 'topic')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    url TEXT,
    builtin BOOLEAN NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX tags_kind ON tags (kind, code);
