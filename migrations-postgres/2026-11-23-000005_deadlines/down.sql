DROP TABLE calendar_feeds;
DROP TABLE case_events;
