-- Topic tags belong to the person who made them; the catalogue (legislation, PCF, SWE
-- standards) stays shared. `owner_id` is NULL for catalogue tags and names the owner of a
-- topic. Codes are unique within the catalogue and within each person's topics, so two
-- people may each have "Smith family worries" without either learning of the other's.
--
-- Existing topics were shared by everyone. Each person who used one (its creator, and every
-- author of an entry tagged with it) gets a topic of their own with the same code, title and
-- summary, and their entries are moved onto their copy. Giving the tag to one person only
-- would leave everyone else's entries carrying a tag they could no longer see, filter by, or
-- keep when they next saved the entry; duplicating takes nothing from anyone and shows
-- nobody anyone else's. The creator (or, if the creator's account is gone, the first user)
-- keeps the original row and id. A topic nobody created or used is dropped.
--
-- SQLite cannot drop the old UNIQUE (code), so the table is rebuilt. Dropping the old table
-- cascades to entry_tags, so its rows are kept aside and written back, pointing at each
-- author's own copy.

CREATE TABLE tags_owned (
    id INTEGER PRIMARY KEY NOT NULL,
    code TEXT NOT NULL COLLATE NOCASE,
    kind TEXT NOT NULL CHECK (kind IN ('legislation', 'pcf', 'sws', 'topic')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    url TEXT,
    builtin BOOLEAN NOT NULL,
    owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    CHECK (builtin = (owner_id IS NULL))
);

INSERT INTO tags_owned (id, code, kind, title, summary, url, builtin, owner_id, created_at)
SELECT id, code, kind, title, summary, url, builtin, NULL, created_at FROM tags WHERE builtin;

-- Who used each topic, and when first.
CREATE TABLE topic_users (tag_id INTEGER NOT NULL, user_id INTEGER NOT NULL, first_at TIMESTAMP NOT NULL);
INSERT INTO topic_users (tag_id, user_id, first_at)
SELECT tag_id, user_id, MIN(first_at) FROM (
    SELECT t.id AS tag_id, t.created_by AS user_id, t.created_at AS first_at
    FROM tags t JOIN users u ON u.id = t.created_by
    WHERE NOT t.builtin
    UNION ALL
    SELECT et.tag_id, e.author_id, e.created_at
    FROM entry_tags et
    JOIN entries e ON e.id = et.entry_id
    JOIN tags t ON t.id = et.tag_id
    WHERE NOT t.builtin
) GROUP BY tag_id, user_id;

-- The keeper of each topic's original row: its creator, else whoever used it first.
CREATE TABLE topic_keepers (tag_id INTEGER PRIMARY KEY NOT NULL, user_id INTEGER NOT NULL);
INSERT INTO topic_keepers (tag_id, user_id)
SELECT t.id, COALESCE(
    (SELECT u.id FROM users u WHERE u.id = t.created_by),
    (SELECT tu.user_id FROM topic_users tu WHERE tu.tag_id = t.id ORDER BY tu.first_at, tu.user_id LIMIT 1)
)
FROM tags t
WHERE NOT t.builtin AND EXISTS (SELECT 1 FROM topic_users tu WHERE tu.tag_id = t.id);

INSERT INTO tags_owned (id, code, kind, title, summary, url, builtin, owner_id, created_at)
SELECT t.id, t.code, t.kind, t.title, t.summary, t.url, 0, k.user_id, t.created_at
FROM tags t JOIN topic_keepers k ON k.tag_id = t.id;

INSERT INTO tags_owned (code, kind, title, summary, url, builtin, owner_id, created_at)
SELECT t.code, t.kind, t.title, t.summary, t.url, 0, tu.user_id, tu.first_at
FROM tags t
JOIN topic_users tu ON tu.tag_id = t.id
JOIN topic_keepers k ON k.tag_id = t.id
WHERE tu.user_id <> k.user_id
ORDER BY t.id, tu.user_id;

-- Every link, pointed at the catalogue tag or at the entry author's own topic.
CREATE TABLE entry_tags_kept (entry_id INTEGER NOT NULL, tag_id INTEGER NOT NULL);
INSERT INTO entry_tags_kept (entry_id, tag_id)
SELECT et.entry_id, n.id
FROM entry_tags et
JOIN entries e ON e.id = et.entry_id
JOIN tags t ON t.id = et.tag_id
JOIN tags_owned n ON n.code = t.code
    AND ((t.builtin AND n.owner_id IS NULL) OR (NOT t.builtin AND n.owner_id = e.author_id));

DROP TABLE tags;
ALTER TABLE tags_owned RENAME TO tags;
CREATE UNIQUE INDEX tags_catalogue_code ON tags (code) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX tags_owner_code ON tags (owner_id, code) WHERE owner_id IS NOT NULL;
CREATE INDEX tags_kind ON tags (kind, code);

INSERT INTO entry_tags (entry_id, tag_id) SELECT entry_id, tag_id FROM entry_tags_kept;
DROP TABLE entry_tags_kept;
DROP TABLE topic_keepers;
DROP TABLE topic_users;
