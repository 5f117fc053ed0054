DROP TABLE capture_keys;
