"""`audit verify` against a bare loop that checks the same things over raw sqlite3 rows.

    python bench/audit.py [--customers 20000]

A book of N customers, each added and updated through the services (so 2N
keyed events and N customer records), then:

- ``services.audit.verify`` (chain, HMAC of every event, every record against
  its last after-image) against ``bare_verify``: the same HMAC chain walked
  over raw rows and each customer row's JSON compared with its last image,
  in a bare Python loop. Both must find the book intact and count the same
  events; the ratio is the cost of going through the domain values.
- memory: the peak resident size of a fresh process verifying the book.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from figures import Figure, print_figures

from accountcore._app import App
from accountcore._services import audit, customers, managers

__all__ = ["bare_verify", "build_book", "run"]

KEY = b"bench-audit-key-0123456789abcdef"
TODAY = dt.date(2026, 11, 23)
RATIO_BAR = 4.0
PROBE = """
import datetime as dt, sys
from accountcore._app import App
from accountcore._services.audit import verify

def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))

app = App(sys.argv[1], today=dt.date(2026, 11, 23), audit_key=sys.argv[2].encode())
print(verify(app).events, peak_kb())
"""


def build_book(path: Path | str, count: int, updates: int = 1) -> None:
    """A keyed book (a file or a PostgreSQL URL) of ``count`` customers, each added then
    updated ``updates`` times through the services: ``count * (1 + updates)`` events."""
    app = App(str(path), today=TODAY, audit_key=KEY)
    app.create_book()
    managers.add_manager(app, "m1", "Li Na", capacity=1000, target=15)
    with app.store.transaction():
        for index in range(count):
            fields = {"name": f"Customer {index}", "kind": "individual", "tier": "a"}
            made = customers.add_customer(app, {**fields, "phone": "13800138000"}, manager="m1")
            for update in range(updates):
                customers.update_customer(app, made.id, {"tier": "bc"[update % 2]})
    app.close()


def _content(row: dict) -> dict:
    content = {k: row[k] for k in ("seq", "at", "actor", "on_behalf_of", "reason", "action")}
    content.update(
        entity=row["entity"],
        entity_id=row["entity_id"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        prev_hash=row["prev_hash"],
    )
    if row["claimed_today"]:
        content["today"] = row["claimed_today"]
    if row["keyed"]:
        content["keyed"] = True
    return content


def bare_verify(path: Path) -> tuple[int, bool]:
    """The chain and the customers checked over raw rows: ``(events, intact)``."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    previous, count, intact, last = "0" * 64, 0, True, {}
    for row in con.execute("SELECT * FROM audit_events ORDER BY seq"):
        count += 1
        text = json.dumps(_content(dict(row)), sort_keys=True, separators=(",", ":"), default=str)
        digest = hmac.new(KEY, text.encode(), hashlib.sha256).hexdigest()
        intact &= row["prev_hash"] == previous and digest == row["hash"]
        previous = row["hash"]
        if row["entity"] == "customer" and row["after"]:
            last[row["entity_id"]] = _digest(json.loads(row["after"]))
    for row in con.execute("SELECT * FROM customers"):
        data = dict(row)
        del data["seq"]
        for column in ("consent", "contacts", "profiles"):
            data[column] = json.loads(data[column])
        intact &= last.get(row["id"]) == _digest(data)
    con.close()
    return count, intact


def _digest(data: dict) -> bytes:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def peak_mb(location: str) -> tuple[int, float]:
    """A fresh process verifies the book at ``location``: (events, peak resident MB)."""
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, location, KEY.decode()],
        capture_output=True,
        text=True,
        check=True,
    )
    events, peak_kb = probe.stdout.split()
    return int(events), int(peak_kb) / 1024


def run(count: int) -> list[Figure]:
    """Build the book, verify it both ways, and measure a fresh process's memory."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.db"
        build_book(path, count)
        app = App(str(path), today=TODAY, audit_key=KEY)
        ours, found = _timed(lambda: audit.verify(app))
        app.close()
        bare, (events, intact) = _timed(lambda: bare_verify(path))
        assert found.intact and intact, (found.problems, intact)
        assert found.events == events, (found.events, events)
        peak = peak_mb(str(path))[1]
    return [
        Figure(
            f"audit verify, {events:,} events, {count:,} customers",
            ours,
            "s",
            "bare loop over rows",
            bare,
            f"ratio <= {RATIO_BAR}",
            ours / bare <= RATIO_BAR,
        ),
        Figure(f"audit verify peak memory, {count:,} customers", peak, "MB"),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=20000)
    options = parser.parse_args(argv)
    print_figures(run(options.customers), "audit verify")


if __name__ == "__main__":
    main()
