-- The journal: diary notes, reflections and CPD records.
CREATE TABLE entries (
    id SERIAL PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('diary', 'reflection', 'cpd')),
    title TEXT NOT NULL,
    occurred_on DATE NOT NULL,
    occurred_at TIME,
    body TEXT NOT NULL,
    mood INTEGER CHECK (mood BETWEEN 1 AND 5),
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'supervisor')),
    for_supervision BOOLEAN NOT NULL DEFAULT FALSE,
    model TEXT CHECK (model IN ('gibbs', 'kolb', 'driscoll', 'schon', 'johns')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE INDEX entries_author_date ON entries (author_id, occurred_on, id);

-- One Markdown section per stage of the entry's reflective model.
CREATE TABLE entry_sections (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (entry_id, stage)
);

-- Social Work England's CPD record fields for entries of kind 'cpd'.
CREATE TABLE cpd_records (
    entry_id INTEGER PRIMARY KEY NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    activity_type TEXT NOT NULL,
    description TEXT NOT NULL,
    learning TEXT NOT NULL,
    impact TEXT NOT NULL,
    peer_role TEXT,
    peer_reflection TEXT,
    hours DOUBLE PRECISION NOT NULL
);

CREATE TABLE entry_cases (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, case_id)
);
CREATE INDEX entry_cases_case ON entry_cases (case_id);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, tag_id)
);
CREATE INDEX entry_tags_tag ON entry_tags (tag_id);

-- Earlier versions of an entry, kept as JSON snapshots taken before each edit.
CREATE TABLE entry_revisions (
    id SERIAL PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    UNIQUE (entry_id, number)
);
