-- The book's first schema: portable SQL for SQLite and PostgreSQL.
-- Booleans are 0/1 integers; dates are ISO text; JSON is text.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE sequences (
    name TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);
CREATE TABLE config (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE managers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    supervisor TEXT REFERENCES managers (id),
    capacity INTEGER NOT NULL,
    target INTEGER NOT NULL,
    active INTEGER NOT NULL
);
CREATE TABLE customers (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    external_id TEXT UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    tier TEXT NOT NULL,
    status TEXT NOT NULL,
    manager TEXT NOT NULL REFERENCES managers (id),
    birthday TEXT,
    phone TEXT,
    email TEXT,
    address TEXT,
    id_number TEXT,
    consent TEXT NOT NULL,
    contacts TEXT NOT NULL,
    profiles TEXT NOT NULL,
    created_on TEXT
);
CREATE INDEX customers_manager ON customers (manager, seq);
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    on_behalf_of TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before TEXT,
    after TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_id, seq);
