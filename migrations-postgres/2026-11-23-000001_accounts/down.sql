DROP TABLE app_meta;
DROP TABLE audit_events;
DROP TABLE supervision_links;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP COLLATION nocase;
