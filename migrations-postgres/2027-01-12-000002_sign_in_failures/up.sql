-- Recent failed sign-ins per username (`user:...`) and per address (`addr:...`), shared by
-- every instance so that limits hold however requests are spread. An attempt is counted
-- when it begins and taken back when it succeeds; a count older than the lockout starts over.
CREATE TABLE sign_in_failures (
    throttle_key text PRIMARY KEY NOT NULL,
    failures integer NOT NULL,
    last_failed_at timestamp NOT NULL
);
