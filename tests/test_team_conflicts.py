"""A write that deadlocks with another is run again, a bounded number of times."""

from __future__ import annotations

import time

import psycopg
import pytest
from team_book import TeamBook, python

from accountcore._store.postgres import _WRITER_LOCK
from accountcore._store.postgres_errors import translate

pytestmark = pytest.mark.postgres

ADD = "from accountcore._cli import main; import sys; sys.argv[0] = 'accountcore'; main()"


def _waiting(con: psycopg.Connection, database: str) -> int:
    sql = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'"
    return con.execute(sql, (database,)).fetchone()[0]


def test_a_deadlocked_write_is_run_again_and_lands_once(pg_team: TeamBook) -> None:
    before = pg_team.sql("SELECT count(*) FROM customers")[0][0]
    other = psycopg.connect(pg_team.admin)  # another writer, in a transaction
    other.execute("SET deadlock_timeout = '10s'")  # so that accountcore's write is the victim
    other.execute("UPDATE sequences SET last = last WHERE name = 'c'")
    fields = ["--name", "late", "--kind", "individual", "--tier", "b", "--manager", "m1"]
    run = python(ADD, "--book", pg_team.admin, "customer", "add", *fields)
    watch = psycopg.connect(pg_team.admin, autocommit=True)
    deadline = time.monotonic() + 60
    while _waiting(watch, pg_team.name) == 0:  # it holds the book's lock, waits for the row
        assert time.monotonic() < deadline and run.poll() is None, run.communicate()
        time.sleep(0.05)
    other.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))  # the cycle: it gives way
    other.commit()
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert err == "" and "added customer" in out
    assert pg_team.sql("SELECT count(*) FROM customers")[0][0] == before + 1
    assert "audit trail intact" in pg_team.ok("audit", "verify")
    other.close()
    watch.close()


def test_a_conflict_after_a_commit_is_not_run_again() -> None:
    deadlock = psycopg.errors.DeadlockDetected("deadlock detected")
    assert translate(deadlock, location="db", role="r", committed=False).retryable
    late = translate(deadlock, location="db", role="r", committed=True)
    assert not late.retryable and "run the command again" in str(late)
