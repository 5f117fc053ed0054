-- The words in activity_type stay, so nothing typed is lost.
ALTER TABLE cpd_records DROP COLUMN activity;
