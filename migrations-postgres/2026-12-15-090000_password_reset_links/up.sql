-- One-time links an administrator hands on so that a person chooses a new password
-- themselves. Only a fingerprint of the link's secret is stored. The person is told who
-- reset their password at their next sign-in, once (`notice_shown_at`).
CREATE TABLE password_reset_links (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    issued_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    notice_shown_at TIMESTAMP
);
CREATE INDEX password_reset_links_user ON password_reset_links (user_id);
