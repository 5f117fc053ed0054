DROP INDEX entries_author_kind_date;
