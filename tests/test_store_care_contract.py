"""The store contract for care actions and complaints, on SQLite and PostgreSQL."""

import datetime as dt
import uuid

import attrs
import pytest

from accountcore import (
    CareAction,
    CareStatus,
    Channel,
    Complaint,
    ComplaintSeverity,
    ComplaintStatus,
    Customer,
    CustomerKind,
    Manager,
    Tier,
)
from accountcore._store import CareFilter, ComplaintFilter, is_postgres_url, open_store, postgres

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def book(store):
    """m1 holds c-1 and c-2, m2 holds c-3."""
    with store.transaction():
        for manager in ("m1", "m2"):
            store.add_manager(Manager(manager, f"Manager {manager}"))
        store.add_customers(
            [
                Customer(f"c-{n}", f"Customer {n}", CustomerKind.INDIVIDUAL, Tier.B, manager)
                for n, manager in ((1, "m1"), (2, "m1"), (3, "m2"))
            ]
        )
    return store


def action(number, customer="c-1", rule="core.birthday", period="2026", **changes):
    made = CareAction(
        rule,
        customer,
        Channel.SMS,
        "hello",
        DAY,
        period,
        id=f"ca-{number}",
        plugin="core",
        created_on=DAY,
    )
    return attrs.evolve(made, **changes)


def test_care_actions_round_trip(book):
    stored = [
        action(1),
        action(2, channel=None, status=CareStatus.SKIPPED, note="refused all"),
        action(
            3,
            customer="c-3",
            rule="telecom.arrears-reminder",
            period="2026-11-01/15d",
            responsibility="arrears-recovery",
        ),
    ]
    stored[1] = attrs.evolve(stored[1], customer="c-2")
    with book.transaction():
        book.add_care_actions(stored)
    assert [book.get_care_action(f"ca-{n}") for n in (1, 2, 3)] == stored
    assert book.get_care_action("ca-9") is None
    done = attrs.evolve(stored[0], status=CareStatus.DONE, note="called", closed_on=DAY)
    with book.transaction():
        book.update_care_action(done)
    assert book.get_care_action("ca-1") == done


def test_one_care_action_per_customer_rule_and_period(book):
    with book.transaction():
        book.add_care_actions([action(1), action(2, period="2027")])
    assert book.care_keys_of_many(["c-1", "c-2", "c-1"]) == {
        ("c-1", "core.birthday", "2026"),
        ("c-1", "core.birthday", "2027"),
    }
    with pytest.raises(Exception), book.transaction():  # noqa: B017 (each driver's own)
        book.add_care_actions([action(3)])
    assert book.get_care_action("ca-3") is None


def test_several_actions_are_replaced_in_one_write(book):
    with book.transaction():
        book.add_care_actions([action(1), action(2, customer="c-2"), action(3, customer="c-3")])
    with book.transaction():
        book.update_care_actions(
            [
                attrs.evolve(action(1), status=CareStatus.LAPSED, closed_on=DAY, note="left"),
                attrs.evolve(action(3, customer="c-3"), status=CareStatus.EXPIRED, closed_on=DAY),
            ]
        )
        book.update_care_actions([])  # nothing to write is no error
    assert [book.get_care_action(f"ca-{n}").status for n in (1, 2, 3)] == [
        CareStatus.LAPSED,
        CareStatus.DUE,
        CareStatus.EXPIRED,
    ]
    assert book.get_care_action("ca-1").note == "left"
    assert book.due_care_of_many(["c-1", "c-2", "c-3"])["c-2"][0].id == "ca-2"


@pytest.mark.parametrize("closed", [CareStatus.LAPSED, CareStatus.EXPIRED])
def test_a_lapsed_or_expired_action_frees_its_period(book, closed):
    until = DAY + dt.timedelta(days=7)
    with book.transaction():
        book.add_care_actions([action(1, expires_on=until), action(2, customer="c-2")])
    assert book.get_care_action("ca-1").expires_on == until
    with book.transaction():
        book.update_care_action(attrs.evolve(action(1), status=closed, note="why"))
    assert book.care_keys_of_many(["c-1", "c-2"]) == {("c-2", "core.birthday", "2026")}
    with book.transaction():
        book.add_care_actions([action(3)])  # the same customer, rule and period again
    assert book.care_keys_of_many(["c-1"]) == {("c-1", "core.birthday", "2026")}
    due = book.due_care_of_many(["c-1", "c-2", "c-3"])
    assert {c: [a.id for a in actions] for c, actions in due.items()} == {
        "c-1": ["ca-3"],
        "c-2": ["ca-2"],
        "c-3": [],
    }


def test_care_actions_are_listed_by_due_date_and_filtered(book):
    with book.transaction():
        book.add_care_actions(
            [
                action(1, due=DAY),
                action(2, customer="c-2", due=DAY - dt.timedelta(days=3)),
                action(3, customer="c-3", due=DAY + dt.timedelta(days=1)),
                action(
                    4,
                    customer="c-3",
                    rule="telecom.arrears-reminder",
                    responsibility="arrears-recovery",
                    status=CareStatus.DONE,
                ),
            ]
        )
    ids = lambda **where: [a.id for a in book.iter_care_actions(CareFilter(**where))]  # noqa: E731
    assert ids() == ["ca-2", "ca-1", "ca-4", "ca-3"]
    assert ids(due_by=DAY, status="due") == ["ca-2", "ca-1"]
    assert ids(customer="c-3") == ["ca-4", "ca-3"]
    assert ids(rule="telecom.arrears-reminder") == ["ca-4"]
    assert ids(scope=((frozenset({"m1"}), None),)) == ["ca-2", "ca-1"]
    deputy = ((frozenset({"m1"}), None), (frozenset({"m2"}), frozenset({"arrears-recovery"})))
    assert ids(scope=deputy) == ["ca-2", "ca-1", "ca-4"]
    assert ids(scope=((frozenset(), None),)) == []


def complaint(number, customer="c-1", **changes):
    made = Complaint(
        f"cp-{number}",
        customer,
        "m1",
        DAY,
        "phone",
        ComplaintSeverity.HIGH,
        "double charged",
        DAY + dt.timedelta(days=1),
    )
    return attrs.evolve(made, **changes)


def test_complaints_round_trip_and_filters(book):
    replied = complaint(
        3,
        customer="c-3",
        manager="m2",
        status=ComplaintStatus.REPLIED,
        resolution="refunded",
        resolved_on=DAY,
        reply="sorry",
        reply_channel="sms",
        replied_on=DAY,
    )
    with book.transaction():
        book.add_complaint(complaint(1))
        book.add_complaint(complaint(2, deadline=DAY + dt.timedelta(days=7)))
        book.add_complaint(replied)
    assert book.get_complaint("cp-3") == replied
    assert book.get_complaint("cp-9") is None
    resolved = attrs.evolve(
        complaint(1), status=ComplaintStatus.RESOLVED, resolution="refunded", resolved_on=DAY
    )
    with book.transaction():
        book.update_complaint(resolved)
    assert book.get_complaint("cp-1") == resolved
    ids = lambda **where: [c.id for c in book.iter_complaints(ComplaintFilter(**where))]  # noqa: E731
    assert ids() == ["cp-1", "cp-2", "cp-3"]
    assert ids(unreplied=True) == ["cp-1", "cp-2"]
    assert ids(overdue_on=DAY + dt.timedelta(days=1)) == []
    assert ids(overdue_on=DAY + dt.timedelta(days=2)) == ["cp-1"]
    assert ids(managers=frozenset({"m2"})) == ["cp-3"]
    assert ids(customer="c-1") == ["cp-1", "cp-2"]


def test_complaints_of_many(book):
    with book.transaction():
        book.add_complaint(complaint(1))
        book.add_complaint(complaint(2, customer="c-3"))
        book.add_complaint(complaint(3))
    found = book.complaints_of_many(["c-1", "c-2", "c-3"])
    assert {key: [c.id for c in value] for key, value in found.items()} == {
        "c-1": ["cp-1", "cp-3"],
        "c-2": [],
        "c-3": ["cp-2"],
    }


def test_a_write_made_while_streaming_commits_when_its_block_ends(book, location, converter):
    with book.transaction():
        book.add_care_actions([action(1), action(2, customer="c-2"), action(3, customer="c-3")])
    streamed = book.iter_care_actions()
    first = next(streamed)
    with book.transaction():
        book.update_care_action(attrs.evolve(first, status=CareStatus.DONE, closed_on=DAY))
    other = open_store(location, converter)
    try:
        assert other.get_care_action(first.id).status is CareStatus.DONE
    finally:
        other.close()
    assert [a.id for a in streamed] == ["ca-2", "ca-3"]


def test_postgres_streams_in_pieces_from_a_server_side_cursor(
    book, location, converter, monkeypatch
):
    if not is_postgres_url(location):
        pytest.skip("PostgreSQL only: an SQLite cursor steps through the file")
    import psycopg

    monkeypatch.setattr(postgres, "STREAM_ROWS", 1)
    name = f"issue_store_{uuid.uuid4().hex[:12]}"
    store = open_store(f"{location}&application_name={name}", converter)
    try:
        with store.transaction():
            store.add_care_actions([action(1), action(2, customer="c-2")])
        streamed = store.iter_care_actions()
        assert next(streamed).id == "ca-1"
        with psycopg.connect(location, autocommit=True) as watcher:
            sessions = watcher.execute(
                "SELECT state, query FROM pg_stat_activity WHERE application_name = %s"
                " AND query LIKE 'FETCH%%'",
                (name,),
            ).fetchall()
        # One row at a time, by a cursor that lives in an open transaction
        # (not WITH HOLD, which would have the server build the whole result first).
        assert [(state, query.split('"')[0]) for state, query in sessions] == [
            ("idle in transaction", "FETCH FORWARD 1 FROM ")
        ]
        assert [a.id for a in streamed] == ["ca-2"]
    finally:
        store.close()
