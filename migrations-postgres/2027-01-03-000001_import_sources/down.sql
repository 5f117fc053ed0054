DROP TABLE import_sources;
