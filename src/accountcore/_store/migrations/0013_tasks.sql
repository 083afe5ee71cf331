-- Tasks: a manager's ad-hoc to-dos, given by himself, his supervisor or a report of his
-- (an escalation); created_by is a manager or the administrator, so it refers to no table.
CREATE TABLE tasks (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    assignee TEXT NOT NULL REFERENCES managers (id),
    created_by TEXT NOT NULL,
    created_on TEXT NOT NULL,
    customer_id TEXT REFERENCES customers (id),
    due TEXT,
    status TEXT NOT NULL,
    note TEXT,
    done_on TEXT,
    cancelled_on TEXT
);
-- A manager's open tasks by due date: the agenda's and `task list`'s question.
CREATE INDEX tasks_open ON tasks (assignee, due, seq) WHERE status = 'open';
CREATE INDEX tasks_created_by ON tasks (created_by, seq);
CREATE INDEX tasks_customer ON tasks (customer_id, seq);
