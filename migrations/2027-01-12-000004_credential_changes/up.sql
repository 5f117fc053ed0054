-- A counter bumped whenever sessions end, tokens are revoked or an account is disabled, in
-- the same transaction. Each instance watches it and forgets the credentials it remembers
-- when it moves, so a change made through one instance holds at every other within a second.
CREATE TABLE credential_changes (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO credential_changes (id, generation) VALUES (1, 0);
