"""Eight managers writing at once, each as his own role: every write lands, one chain."""

from __future__ import annotations

import json

import pytest
from team_book import TeamBook, python

pytestmark = pytest.mark.postgres

WRITERS = 8
SECONDS = 3.0

# One manager's process: customers, a visit and a complaint for each, for SECONDS.
WRITER = """
import datetime as dt, json, sys, time
from accountcore._app import App
from accountcore._enums import ComplaintSeverity
from accountcore._services import complaints, customers, visits

url, manager, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
app = App(url, today=dt.date.today())
written = {"customers": [], "visits": [], "complaints": []}
end = time.monotonic() + seconds
while time.monotonic() < end:
    fields = {"name": f"{manager} {len(written['customers'])}", "kind": "individual", "tier": "b"}
    customer = customers.add_customer(app, fields, manager=manager)
    written["customers"].append(customer.id)
    logged = visits.log_visit(app, customer.id, purpose="care", channel="phone")
    written["visits"].append(logged.visit.id)
    complaint = complaints.open_complaint(
        app, customer.id, channel="phone", severity=ComplaintSeverity.LOW, summary="slow line"
    )
    written["complaints"].append(complaint.id)
app.close()
print(json.dumps(written))
"""


def test_eight_roles_writing_at_once_keep_every_write_their_scope_and_one_chain(
    pg_book: TeamBook,
) -> None:
    pg_book.ok("init")
    managers = [f"w{number}" for number in range(WRITERS)]
    for manager in managers:
        pg_book.ok("manager", "add", manager, "--name", manager, "--login", pg_book.role(manager))
    events_before = pg_book.sql("SELECT count(*) FROM audit_events")[0][0]

    pairs = list(zip(managers, pg_book.roles, strict=True))
    runs = [python(WRITER, pg_book.url(role), manager, str(SECONDS)) for manager, role in pairs]
    written = {}
    for manager, run in zip(managers, runs, strict=True):
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        written[manager] = json.loads(out)

    for kind in ("customers", "visits", "complaints"):
        ids = [i for w in written.values() for i in w[kind]]
        assert len(ids) == len(set(ids)), f"an id of {kind} was given twice"
        stored = {row[0] for row in pg_book.sql(f"SELECT id FROM {kind}")}
        assert stored == set(ids), f"{kind} written and {kind} stored differ"
    assert all(w["customers"] for w in written.values()), "a writer wrote nothing"

    for manager, role in zip(managers, pg_book.roles, strict=True):
        seen = pg_book.psql(role, "SELECT id FROM customers").stdout.split()
        assert set(seen) == set(written[manager]["customers"]), f"{role} sees another's rows"
        count = pg_book.psql(role, "SELECT count(*) FROM complaints").stdout.strip()
        assert int(count) == len(written[manager]["complaints"])

    writes = sum(len(ids) for w in written.values() for ids in w.values())
    events = pg_book.sql("SELECT count(*), count(DISTINCT seq), max(seq) FROM audit_events")[0]
    assert events == (events_before + writes,) * 3
    assert f"audit trail intact: {events_before + writes} events" in pg_book.ok("audit", "verify")
