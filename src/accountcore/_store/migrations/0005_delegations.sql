-- Delegations: a manager's duties held by a deputy for a period.
CREATE TABLE delegations (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    from_manager TEXT NOT NULL REFERENCES managers (id),
    to_manager TEXT NOT NULL REFERENCES managers (id),
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    reason TEXT NOT NULL,
    responsibilities TEXT NOT NULL,
    ended_on TEXT
);
CREATE INDEX delegations_to ON delegations (to_manager, start);
CREATE INDEX delegations_from ON delegations (from_manager, start);
-- Why a change was made (a reassignment, an override), part of the audited event.
ALTER TABLE audit_events ADD COLUMN reason TEXT;
