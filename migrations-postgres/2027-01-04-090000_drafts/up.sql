-- What a person has typed into a form and not yet saved, one row per person and form (the
-- form's action path). Only its writer ever reads it back; saving the form or discarding
-- the draft removes it.
CREATE TABLE drafts (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    form_key TEXT NOT NULL,
    fields TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    UNIQUE (user_id, form_key)
);
