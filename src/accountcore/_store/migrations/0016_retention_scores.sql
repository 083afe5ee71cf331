-- What the daily batch scored (issue 18): `retention risks` reads it instead of scoring the
-- book again. One run is kept, the latest whole-book run: its day and what it scored with
-- (the model, the plugins and their settings), and one row per customer it gave a signal.
CREATE TABLE retention_runs (
    day TEXT NOT NULL,
    basis TEXT NOT NULL,
    signals BIGINT NOT NULL
);
-- score in ten-thousandths (scores are rounded to 4 places): the same integer on both
-- databases; position is the customer's order in the book (ties are ranked by it).
CREATE TABLE retention_scores (
    customer TEXT PRIMARY KEY,
    position BIGINT NOT NULL,
    score BIGINT NOT NULL,
    reasons TEXT NOT NULL
);
CREATE INDEX retention_scores_rank ON retention_scores (score DESC, position);
