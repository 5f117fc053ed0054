-- A worker's pseudonymised cases: a reference chosen by the worker, never a name.
CREATE TABLE cases (
    id SERIAL PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reference TEXT NOT NULL COLLATE nocase,
    label TEXT,
    category TEXT NOT NULL CHECK (category IN ('child_in_need', 'child_protection', 'looked_after', 'care_leaver', 'adult_safeguarding', 'private_law', 'other')),
    cp_primary TEXT CHECK (cp_primary IN ('neglect', 'physical', 'emotional', 'sexual')),
    cp_secondary TEXT CHECK (cp_secondary IN ('neglect', 'physical', 'emotional', 'sexual')),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    opened_on DATE NOT NULL,
    closed_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (owner_id, reference)
);
