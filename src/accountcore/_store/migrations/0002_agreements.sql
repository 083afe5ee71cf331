-- Service agreements: one product with one customer; findings and terms as JSON.
CREATE TABLE agreements (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    customer TEXT NOT NULL REFERENCES customers (id),
    product TEXT NOT NULL,
    manager TEXT NOT NULL REFERENCES managers (id),
    status TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    amount TEXT,
    sealed INTEGER NOT NULL,
    terms TEXT NOT NULL,
    findings TEXT NOT NULL,
    signed_on TEXT,
    override_reason TEXT,
    terminated_on TEXT,
    termination_reason TEXT
);
CREATE INDEX agreements_customer ON agreements (customer, seq);
CREATE INDEX agreements_status_end ON agreements (status, "end");
