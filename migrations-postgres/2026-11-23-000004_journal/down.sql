DROP TABLE entry_revisions;
DROP TABLE entry_tags;
DROP TABLE entry_cases;
DROP TABLE cpd_records;
DROP TABLE entry_sections;
DROP TABLE entries;
