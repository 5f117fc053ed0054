-- Student placements: the placement, its day log, learning agreement, evidence against the
-- PCF with the practice educator's comments, direct observations, mid-point and final
-- reviews, and amendments to signed documents.
CREATE TABLE placements (
    id SERIAL PRIMARY KEY,
    student_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    educator_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    onsite_supervisor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    setting TEXT NOT NULL,
    team TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('first', 'final', 'custom')),
    required_days DOUBLE PRECISION NOT NULL CHECK (required_days > 0),
    starts_on DATE NOT NULL,
    expected_end_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX placements_student ON placements (student_id);
CREATE INDEX placements_educator ON placements (educator_id);

CREATE TABLE placement_days (
    id SERIAL PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    day DATE NOT NULL,
    portion TEXT NOT NULL CHECK (portion IN ('full', 'half', 'absent')),
    hours DOUBLE PRECISION NOT NULL,
    activities TEXT NOT NULL,
    absence_reason TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (placement_id, day)
);

CREATE TABLE placement_day_entries (
    day_id INTEGER NOT NULL REFERENCES placement_days (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    PRIMARY KEY (day_id, entry_id)
);

CREATE TABLE learning_agreements (
    placement_id INTEGER PRIMARY KEY NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    goals TEXT NOT NULL,
    support TEXT NOT NULL,
    expectations TEXT NOT NULL,
    student_signed_at TIMESTAMP,
    educator_signed_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE placement_evidence (
    id SERIAL PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (placement_id, entry_id, domain)
);

CREATE TABLE evidence_comments (
    id SERIAL PRIMARY KEY,
    evidence_id INTEGER NOT NULL REFERENCES placement_evidence (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE observations (
    id SERIAL PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    observed_on DATE NOT NULL,
    observer TEXT NOT NULL,
    observed TEXT NOT NULL,
    reflection TEXT NOT NULL,
    feedback TEXT NOT NULL,
    domains TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE placement_reviews (
    id SERIAL PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('midpoint', 'final')),
    progress TEXT NOT NULL,
    concerns TEXT NOT NULL,
    plan TEXT NOT NULL,
    recommendation TEXT CHECK (recommendation IN ('pass', 'fail', 'refer')),
    reasons TEXT NOT NULL,
    student_comment TEXT NOT NULL,
    student_signed_at TIMESTAMP,
    educator_signed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (placement_id, stage)
);

-- Changes to a learning agreement or review after both signed; the signed text stays.
CREATE TABLE placement_amendments (
    id SERIAL PRIMARY KEY,
    placement_id INTEGER NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    field TEXT NOT NULL,
    previous_text TEXT NOT NULL,
    new_text TEXT NOT NULL,
    reason TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX placement_amendments_placement ON placement_amendments (placement_id);
