DROP INDEX entries_author_revisit;
ALTER TABLE entries DROP COLUMN revisit_on;
