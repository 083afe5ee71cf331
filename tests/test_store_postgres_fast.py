"""PostgreSQL on the fast path: every iterator streams from a server-side cursor, ids come
in blocks (one round trip, not one per id) and stay unique and gapless across writers."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from team_book import python

from accountcore import (
    Agreement,
    AuditEvent,
    CareAction,
    Channel,
    Complaint,
    ComplaintSeverity,
    Customer,
    CustomerKind,
    Manager,
    Tier,
    Visit,
    VisitChannel,
    VisitPurpose,
)
from accountcore._store import is_postgres_url, open_store, postgres

pytestmark = pytest.mark.postgres

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def pg_location(location: str) -> str:
    if not is_postgres_url(location):
        pytest.skip("PostgreSQL only")
    return location


@pytest.fixture
def filled(pg_location, converter):
    """Two of each record, and their audit events."""
    store = open_store(pg_location, converter, create=True)
    with store.transaction():
        store.add_manager(Manager("m1", "Manager m1"))
        store.add_customers(
            [Customer(f"c-{n}", f"C {n}", CustomerKind.INDIVIDUAL, Tier.B, "m1") for n in (1, 2)]
        )
        for n in (1, 2):
            store.add_agreement(Agreement(f"a-{n}", f"c-{n}", "telecom.plan", "m1"))
            store.add_visit(
                Visit(f"v-{n}", f"c-{n}", "m1", DAY, VisitChannel.PHONE, VisitPurpose.CARE)
            )
            store.add_complaint(
                Complaint(
                    f"cp-{n}", f"c-{n}", "m1", DAY, "phone", ComplaintSeverity.LOW, "late", DAY
                )
            )
            event = AuditEvent(0, dt.datetime(2026, 11, 23, tzinfo=dt.UTC), "m1", "add", "x", "1")
            store.append_event(event)
        store.add_care_actions(
            [
                CareAction("core.birthday", f"c-{n}", Channel.SMS, "hi", DAY, "2026", id=f"ca-{n}")
                for n in (1, 2)
            ]
        )
    store.close()
    return pg_location


ITERATORS: dict[str, Callable[[Any], Iterator[Any]]] = {
    "audit events": lambda store: store.iter_events(),
    "customers": lambda store: store.iter_customers(batch_size=1),
    "customer data": lambda store: store.iter_customer_data(batch_size=1),
    "agreements": lambda store: store.iter_agreements(batch_size=1),
    "visits": lambda store: store.iter_visits(batch_size=1),
    "care actions": lambda store: store.iter_care_actions(),
    "complaints": lambda store: store.iter_complaints(),
}


@pytest.mark.parametrize("kind", ITERATORS)
def test_an_iterator_fetches_its_rows_in_pieces_from_a_server_side_cursor(
    filled, converter, monkeypatch, kind
):
    monkeypatch.setattr(postgres, "STREAM_ROWS", 1)
    monkeypatch.setattr(postgres, "WIDE_ROWS", 1, raising=False)
    name = f"fast_{uuid.uuid4().hex[:12]}"
    store = open_store(f"{filled}&application_name={name}", converter)
    try:
        streamed = ITERATORS[kind](store)
        next(streamed)
        import psycopg

        with psycopg.connect(filled, autocommit=True) as watcher:
            fetches = watcher.execute(
                "SELECT query FROM pg_stat_activity WHERE application_name = %s"
                " AND state = 'idle in transaction' AND query LIKE 'FETCH%%'",
                (name,),
            ).fetchall()
        # The last statement was a one-row FETCH: the cursor holds the rest on the server.
        assert [query.split('"')[0] for (query,) in fetches] == ["FETCH FORWARD 1 FROM "]
        assert len(list(streamed)) == 1
    finally:
        store.close()


def test_ids_taken_one_by_one_in_a_transaction_cost_one_write_of_the_sequence(
    pg_location, converter
):
    store = open_store(pg_location, converter, create=True)
    try:
        with store.transaction():
            ids = [store.next_id("ca") for _ in range(300)] + store.next_ids("ca", 2000)
            writes = store._db.execute(
                "SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables"
                " WHERE schemaname = current_schema() AND relname = 'sequences'"
            ).fetchone()[0]
        assert ids == [f"ca-{n}" for n in range(1, 2301)]
        assert writes == 2  # a block of 1,000, then one more for the 2,000 asked at once
        # What was reserved and not used is given back: the next id follows the last given.
        assert store.next_id("ca") == "ca-2301"
    finally:
        store.close()


def test_ids_of_a_rolled_back_transaction_are_given_again(pg_location, converter):
    store = open_store(pg_location, converter, create=True)
    try:
        with pytest.raises(RuntimeError), store.transaction():
            assert store.next_ids("v", 3) == ["v-1", "v-2", "v-3"]
            raise RuntimeError("the write fails")
        assert store.next_id("v") == "v-1"
    finally:
        store.close()


TAKER = """
import datetime as dt, json, sys
from accountcore._app import App

app = App(sys.argv[1], today=dt.date(2026, 11, 23))
store, taken = app.store, []
for _ in range(40):
    with store.transaction():
        taken += [store.next_id("c") for _ in range(3)] + store.next_ids("c", 4)
app.close()
print(json.dumps(taken))
"""


@pytest.mark.slow
def test_two_writers_taking_ids_in_blocks_get_each_id_once_and_leave_no_gap(pg_location, converter):
    open_store(pg_location, converter, create=True).close()
    runs = [python(TAKER, pg_location) for _ in range(2)]
    taken = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        taken += json.loads(out)
    assert sorted(taken, key=lambda i: int(i[2:])) == [f"c-{n}" for n in range(1, 561)]


def test_the_server_counts_a_table_the_session_fills(pg_location, converter):
    # Without statistics (autovacuum off, or not come by yet) the planner takes a table a
    # batch is filling for an empty one: the store has it counted as it grows.
    store = open_store(pg_location, converter, create=True)

    def counted(table: str) -> float:
        sql = "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)"
        return float(store._db.execute(sql, (table,)).fetchone()[0])

    try:
        with store.transaction():
            store.add_manager(Manager("m1", "Manager m1"))
            store.add_customers(
                [
                    Customer(f"c-{n}", f"C {n}", CustomerKind.INDIVIDUAL, Tier.B, "m1")
                    for n in range(1, 3001)
                ]
            )
            assert counted("customers") == 3000  # planned with them already, in the transaction
        with store.transaction():  # a few more are not worth counting again
            store.add_customers(
                [
                    Customer(f"c-{n}", f"C {n}", CustomerKind.INDIVIDUAL, Tier.B, "m1")
                    for n in range(3001, 3101)
                ]
            )
        assert counted("customers") == 3000
    finally:
        store.close()
