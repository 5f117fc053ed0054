-- Topics become shared again, with codes unique across everyone: of each person's copies of
-- one code, the oldest row stays and entries move onto it; `owner_id` becomes `created_by`.

CREATE TABLE tags_shared (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('legislation', 'pcf', 'sws', 'topic')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    url TEXT,
    builtin BOOLEAN NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);

-- A topic whose code a catalogue tag also has joins the catalogue tag.
INSERT INTO tags_shared (id, code, kind, title, summary, url, builtin, created_by, created_at)
SELECT t.id, t.code, t.kind, t.title, t.summary, t.url, t.builtin, t.owner_id, t.created_at
FROM tags t
WHERE t.id = (SELECT MIN(o.id) FROM tags o WHERE o.code = t.code
              AND (o.owner_id IS NULL OR NOT EXISTS (SELECT 1 FROM tags c WHERE c.code = t.code AND c.owner_id IS NULL)));

CREATE TABLE entry_tags_kept (entry_id INTEGER NOT NULL, tag_id INTEGER NOT NULL);
INSERT INTO entry_tags_kept (entry_id, tag_id)
SELECT DISTINCT et.entry_id, s.id
FROM entry_tags et JOIN tags t ON t.id = et.tag_id JOIN tags_shared s ON s.code = t.code;

DROP TABLE tags;
ALTER TABLE tags_shared RENAME TO tags;
CREATE INDEX tags_kind ON tags (kind, code);

INSERT INTO entry_tags (entry_id, tag_id) SELECT entry_id, tag_id FROM entry_tags_kept;
DROP TABLE entry_tags_kept;
