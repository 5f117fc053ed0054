-- Signed supervision agreements that a new version replaced, kept as both signed them.
CREATE TABLE supervision_agreement_versions (
    id SERIAL PRIMARY KEY,
    supervisor_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    supervisee_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    frequency TEXT NOT NULL,
    starts_on DATE NOT NULL,
    usual_minutes INTEGER NOT NULL,
    cancellation TEXT NOT NULL,
    supervisor_expectations TEXT NOT NULL,
    supervisee_expectations TEXT NOT NULL,
    supervisor_signed_at TIMESTAMP NOT NULL,
    supervisee_signed_at TIMESTAMP NOT NULL,
    version TEXT NOT NULL,
    replaced_at TIMESTAMP NOT NULL,
    replaced_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX supervision_agreement_versions_pair
    ON supervision_agreement_versions (supervisor_id, supervisee_id, replaced_at);
