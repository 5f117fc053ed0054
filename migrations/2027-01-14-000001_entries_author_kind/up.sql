-- A person's entries of one kind in a date range (the CPD year on every dashboard) are read
-- from this index alone, however many entries of other kinds they have.
CREATE INDEX entries_author_kind_date ON entries (author_id, kind, occurred_on, id);
