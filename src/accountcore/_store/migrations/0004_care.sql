-- Care actions: one per rule, customer and period (the unique key makes a batch idempotent).
CREATE TABLE care_actions (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    rule TEXT NOT NULL,
    customer TEXT NOT NULL REFERENCES customers (id),
    period TEXT NOT NULL,
    channel TEXT,
    message TEXT NOT NULL,
    due TEXT NOT NULL,
    responsibility TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT,
    closed_on TEXT,
    plugin TEXT,
    created_on TEXT
);
CREATE UNIQUE INDEX care_actions_key ON care_actions (customer, rule, period);
-- Only the actions still due: the whole book's list stays small as history grows, and a
-- manager's list goes through his customers (customers_manager, then care_actions_key).
CREATE INDEX care_actions_due ON care_actions (due, seq) WHERE status = 'due';
-- Complaints: opened, resolved, then closed by the reply; the deadline is set by severity.
CREATE TABLE complaints (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer TEXT NOT NULL REFERENCES customers (id),
    manager TEXT NOT NULL REFERENCES managers (id),
    opened_on TEXT NOT NULL,
    channel TEXT NOT NULL,
    severity TEXT NOT NULL,
    summary TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL,
    resolution TEXT,
    resolved_on TEXT,
    reply TEXT,
    reply_channel TEXT,
    replied_on TEXT
);
CREATE INDEX complaints_customer ON complaints (customer, seq);
CREATE INDEX complaints_unreplied ON complaints (deadline) WHERE status <> 'replied';
