-- Events on a worker's cases (strategy discussions, conferences, visits...), from which
-- statutory deadlines are computed; and each user's secret calendar feed.
CREATE TABLE case_events (
    id SERIAL PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    label TEXT,
    occurred_on DATE NOT NULL,
    occurred_at TIME,
    due_on DATE,
    entry_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, occurred_on);

CREATE TABLE calendar_feeds (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
