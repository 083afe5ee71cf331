-- Visits: planned and logged, with the next step a logged visit leads to.
CREATE TABLE visits (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer TEXT NOT NULL REFERENCES customers (id),
    manager TEXT NOT NULL REFERENCES managers (id),
    "on" TEXT NOT NULL,
    channel TEXT NOT NULL,
    purpose TEXT NOT NULL,
    status TEXT NOT NULL,
    outcome TEXT,
    next_step TEXT,
    next_on TEXT,
    on_behalf_of TEXT,
    agenda TEXT,
    follows TEXT
);
-- The last done visit of a customer is one index seek (overdue visits).
CREATE INDEX visits_customer ON visits (customer, status, "on");
-- A manager's month (stats, listings).
CREATE INDEX visits_manager ON visits (manager, "on");
CREATE INDEX visits_on ON visits ("on", seq);
