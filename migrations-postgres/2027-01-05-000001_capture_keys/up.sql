-- Quick notes sent from a phone that was offline carry a key the browser made when the note
-- was typed (a random UUID). The first note sent with a key is saved; the same key sent again
-- by the same person (a retry after a lost answer, a second tab) returns that first entry
-- instead of saving a copy. Keys are scoped per person, so two people's keys never meet.
CREATE TABLE capture_keys (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    capture_key TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, capture_key)
);
