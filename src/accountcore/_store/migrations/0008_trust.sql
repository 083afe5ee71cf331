-- Trust: each audit event records the date the actor claimed (--today) and whether its
-- hash is keyed (an HMAC with the audit key kept outside the book).
ALTER TABLE audit_events ADD COLUMN claimed_today TEXT;
ALTER TABLE audit_events ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
