-- The day a reflection's action plan is to be looked at again; empty when none is set.
ALTER TABLE entries ADD COLUMN revisit_on DATE;
-- Waiting for you asks for one person's due revisits every time it is shown.
CREATE INDEX entries_author_revisit ON entries (author_id, revisit_on) WHERE revisit_on IS NOT NULL;
