-- A personal API token works until the expiry fixed when it was issued.
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
-- Tokens issued before tokens expired get the default lifetime (90 days) from their
-- creation: one older than that stops working, as it would have under the new rule.
UPDATE api_tokens SET expires_at = created_at + INTERVAL '90 days';
