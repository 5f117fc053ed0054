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
-- PostgreSQL alters the table in place: the catalogue rows keep their ids, each topic's
-- keeper takes the original row, and the copies get new ids from the table's sequence.

ALTER TABLE tags ADD COLUMN owner_id INTEGER REFERENCES users (id) ON DELETE CASCADE;
ALTER TABLE tags DROP CONSTRAINT tags_code_key;

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
) AS uses GROUP BY tag_id, user_id;

-- The keeper of each topic's original row: its creator, else whoever used it first.
CREATE TABLE topic_keepers (tag_id INTEGER PRIMARY KEY NOT NULL, user_id INTEGER NOT NULL);
INSERT INTO topic_keepers (tag_id, user_id)
SELECT t.id, COALESCE(
    (SELECT u.id FROM users u WHERE u.id = t.created_by),
    (SELECT tu.user_id FROM topic_users tu WHERE tu.tag_id = t.id ORDER BY tu.first_at, tu.user_id LIMIT 1)
)
FROM tags t
WHERE NOT t.builtin AND EXISTS (SELECT 1 FROM topic_users tu WHERE tu.tag_id = t.id);

DELETE FROM tags t WHERE NOT t.builtin AND NOT EXISTS (SELECT 1 FROM topic_keepers k WHERE k.tag_id = t.id);
UPDATE tags t SET owner_id = k.user_id FROM topic_keepers k WHERE k.tag_id = t.id;

INSERT INTO tags (code, kind, title, summary, url, builtin, owner_id, created_at)
SELECT t.code, t.kind, t.title, t.summary, t.url, FALSE, tu.user_id, tu.first_at
FROM tags t
JOIN topic_users tu ON tu.tag_id = t.id
JOIN topic_keepers k ON k.tag_id = t.id
WHERE tu.user_id <> k.user_id
ORDER BY t.id, tu.user_id;

-- Every link to a topic, pointed at the entry author's own copy.
UPDATE entry_tags et SET tag_id = n.id
FROM entries e, tags t, tags n
WHERE e.id = et.entry_id AND t.id = et.tag_id AND NOT t.builtin
    AND n.code = t.code AND n.owner_id = e.author_id AND n.id <> t.id;

ALTER TABLE tags DROP COLUMN created_by;
ALTER TABLE tags ADD CONSTRAINT tags_builtin_owner CHECK (builtin = (owner_id IS NULL));
CREATE UNIQUE INDEX tags_catalogue_code ON tags (code) WHERE owner_id IS NULL;
CREATE UNIQUE INDEX tags_owner_code ON tags (owner_id, code) WHERE owner_id IS NOT NULL;

DROP TABLE topic_keepers;
DROP TABLE topic_users;
