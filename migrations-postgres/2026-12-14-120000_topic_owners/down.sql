-- Topics become shared again, with codes unique across everyone: of each person's copies of
-- one code, the oldest row stays and entries move onto it; `owner_id` becomes `created_by`.
-- A topic whose code a catalogue tag also has joins the catalogue tag.

-- One row per code stays: the catalogue's, else the lowest id; links follow it.
CREATE TABLE tags_keep (id INTEGER PRIMARY KEY NOT NULL, keep_id INTEGER NOT NULL);
INSERT INTO tags_keep (id, keep_id)
SELECT t.id, (SELECT MIN(o.id) FROM tags o WHERE o.code = t.code
              AND (o.owner_id IS NULL OR NOT EXISTS (SELECT 1 FROM tags c WHERE c.code = t.code AND c.owner_id IS NULL)))
FROM tags t;

CREATE TABLE entry_tags_kept (entry_id INTEGER NOT NULL, tag_id INTEGER NOT NULL);
INSERT INTO entry_tags_kept (entry_id, tag_id)
SELECT DISTINCT et.entry_id, k.keep_id FROM entry_tags et JOIN tags_keep k ON k.id = et.tag_id;
DELETE FROM entry_tags;
DELETE FROM tags t USING tags_keep k WHERE k.id = t.id AND k.id <> k.keep_id;
INSERT INTO entry_tags (entry_id, tag_id) SELECT entry_id, tag_id FROM entry_tags_kept;
DROP TABLE entry_tags_kept;
DROP TABLE tags_keep;

DROP INDEX tags_catalogue_code;
DROP INDEX tags_owner_code;
ALTER TABLE tags DROP CONSTRAINT tags_builtin_owner;
ALTER TABLE tags ADD COLUMN created_by INTEGER REFERENCES users (id) ON DELETE SET NULL;
UPDATE tags SET created_by = owner_id;
ALTER TABLE tags DROP COLUMN owner_id;
ALTER TABLE tags ADD CONSTRAINT tags_code_key UNIQUE (code);
