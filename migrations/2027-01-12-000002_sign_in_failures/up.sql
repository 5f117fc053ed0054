-- Recent failed sign-ins per username (`user:...`) and per address (`addr:...`), shared by
-- every instance so that limits hold however requests are spread. An attempt is counted
-- when it begins and taken back when it succeeds; a count older than the lockout starts over.
CREATE TABLE sign_in_failures (
    throttle_key TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    last_failed_at TIMESTAMP NOT NULL
);
