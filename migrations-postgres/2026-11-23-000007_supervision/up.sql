-- Supervision between a supervisor (or practice educator) and a supervisee (or student):
-- the agreement, session records that both sign, actions, amendments after sign-off,
-- comments, and agenda items the supervisee adds beforehand.
CREATE TABLE supervision_agreements (
    id SERIAL PRIMARY KEY,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    frequency TEXT NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly', 'asye')),
    starts_on DATE NOT NULL,
    usual_minutes INTEGER NOT NULL CHECK (usual_minutes BETWEEN 15 AND 480),
    cancellation TEXT NOT NULL,
    supervisor_expectations TEXT NOT NULL,
    supervisee_expectations TEXT NOT NULL,
    supervisor_signed_at TIMESTAMP,
    supervisee_signed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (supervisor_id, supervisee_id)
);

CREATE TABLE supervision_sessions (
    id SERIAL PRIMARY KEY,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    held_on DATE NOT NULL,
    starts_at TIME,
    duration_minutes INTEGER NOT NULL,
    session_type TEXT NOT NULL CHECK (session_type IN ('individual', 'group', 'peer', 'ad_hoc')),
    attendees TEXT NOT NULL,
    about_placement BOOLEAN NOT NULL DEFAULT FALSE,
    agenda TEXT NOT NULL,
    agenda_functions TEXT NOT NULL,
    workload TEXT NOT NULL,
    workload_functions TEXT NOT NULL,
    wellbeing TEXT NOT NULL,
    wellbeing_functions TEXT NOT NULL,
    development TEXT NOT NULL,
    development_functions TEXT NOT NULL,
    next_session_on DATE,
    drafted_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisor_signed_at TIMESTAMP,
    supervisee_signed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_sessions_pair ON supervision_sessions (supervisor_id, supervisee_id, held_on);

CREATE TABLE supervision_case_discussions (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    case_reference TEXT NOT NULL,
    case_update TEXT NOT NULL,
    risks TEXT NOT NULL,
    strengths TEXT NOT NULL,
    decision TEXT NOT NULL,
    functions TEXT NOT NULL
);
CREATE INDEX supervision_case_discussions_session ON supervision_case_discussions (session_id);

CREATE TABLE supervision_actions (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    description TEXT NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    due_on DATE NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    status_reason TEXT,
    completed_on DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_actions_session ON supervision_actions (session_id);

-- How a session reviewed an earlier action: carried forward, done or dropped (with a reason).
CREATE TABLE supervision_action_reviews (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    action_id INTEGER NOT NULL REFERENCES supervision_actions (id) ON DELETE CASCADE,
    outcome TEXT NOT NULL CHECK (outcome IN ('carried_forward', 'done', 'dropped')),
    reason TEXT NOT NULL,
    UNIQUE (session_id, action_id)
);

-- Changes made after both signed: the original text stays in the session row.
CREATE TABLE supervision_amendments (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    previous_text TEXT NOT NULL,
    new_text TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_amendments_session ON supervision_amendments (session_id);

CREATE TABLE supervision_comments (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES supervision_sessions (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    disagrees BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_comments_session ON supervision_comments (session_id);

-- What the supervisee wants to bring, added before a session; taken into its agenda.
CREATE TABLE supervision_agenda_items (
    id SERIAL PRIMARY KEY,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    session_id INTEGER REFERENCES supervision_sessions (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX supervision_agenda_items_pair ON supervision_agenda_items (supervisor_id, supervisee_id);
