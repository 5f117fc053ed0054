-- Email reminders, opted into per person: where to send them and which kinds.
CREATE TABLE email_preferences (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    daily_digest BOOLEAN NOT NULL DEFAULT FALSE,
    immediate BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP NOT NULL
);

-- Emails waiting to be sent, written by the reminder scheduler and sent by a background
-- worker, so a slow or failing mail server never holds up a request. Each row has a key that
-- names the notice it carries (a person's digest for a day, a notice of one waiting item): a
-- second row for the same notice is never written, so it is never sent twice. A row is
-- claimed before sending (`claimed_until`), marked sent after, and otherwise retried at
-- `next_attempt_at` with a growing delay.
CREATE TABLE email_outbox (
    id SERIAL PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    recipient_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX email_outbox_due ON email_outbox (sent_at, next_attempt_at);
