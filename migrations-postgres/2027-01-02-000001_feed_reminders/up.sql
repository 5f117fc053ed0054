-- A calendar feed may ask subscribers' calendars to remind them the day before each event.
ALTER TABLE calendar_feeds ADD COLUMN remind_day_before BOOLEAN NOT NULL DEFAULT FALSE;
