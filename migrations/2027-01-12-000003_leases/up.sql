-- Background jobs that must run on one instance at a time (the email worker's rounds, the
-- periodic clean-up): the instance holding a job's lease runs it until the lease expires
-- or it renews it.
CREATE TABLE leases (
    name TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
