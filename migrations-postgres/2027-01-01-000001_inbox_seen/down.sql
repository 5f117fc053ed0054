DROP TABLE inbox_seen;
