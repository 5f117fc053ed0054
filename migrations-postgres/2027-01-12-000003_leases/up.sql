-- Background jobs that must run on one instance at a time (the email worker's rounds, the
-- periodic clean-up): the instance holding a job's lease runs it until the lease expires
-- or it renews it.
CREATE TABLE leases (
    name text PRIMARY KEY NOT NULL,
    holder text NOT NULL,
    expires_at timestamp NOT NULL
);
