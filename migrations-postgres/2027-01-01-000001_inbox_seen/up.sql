-- How far someone has read the comments on one of their records (a supervision record, or a
-- piece of placement evidence), marked from "Waiting for you": the id of the last comment
-- read. Comments after it, and after their own last comment there, wait for them again.
-- Only ids and a kind are kept.
CREATE TABLE inbox_seen (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_kind TEXT NOT NULL,
    subject_id INTEGER NOT NULL,
    seen_through INTEGER NOT NULL,
    PRIMARY KEY (user_id, subject_kind, subject_id)
);
