-- The day a churned customer left (learned retention reads his history up to it).
ALTER TABLE customers ADD COLUMN churned_on TEXT;
-- Retention models, one row per training: the latest not dropped is in use.
CREATE TABLE retention_models (
    version BIGINT PRIMARY KEY,
    trained_on TEXT NOT NULL,
    model TEXT NOT NULL,
    dropped_on TEXT
);
