ALTER TABLE calendar_feeds DROP COLUMN remind_day_before;
