"""The store contract for tasks, on SQLite and PostgreSQL."""

import datetime as dt

import attrs
import pytest

from accountcore import Customer, CustomerKind, Manager, Tier
from accountcore._model import Task, TaskStatus
from accountcore._store import TaskFilter

DAY = dt.date(2026, 11, 23)


@pytest.fixture
def book(store):
    """s1 supervises m1; m1 holds c-1, m2 holds c-2."""
    with store.transaction():
        store.add_manager(Manager("s1", "Supervisor"))
        store.add_manager(Manager("m1", "Manager m1", supervisor="s1"))
        store.add_manager(Manager("m2", "Manager m2"))
        store.add_customers(
            [
                Customer(f"c-{n}", f"Customer {n}", CustomerKind.INDIVIDUAL, Tier.B, manager)
                for n, manager in ((1, "m1"), (2, "m2"))
            ]
        )
    return store


def task(number, assignee="m1", created_by="m1", **changes):
    made = Task(f"t-{number}", f"task {number}", assignee, created_by, DAY)
    return attrs.evolve(made, **changes)


def ids(store, **where):
    return [t.id for t in store.iter_tasks(TaskFilter(**where))]


def test_tasks_round_trip(book):
    full = task(
        1,
        customer_id="c-1",
        due=DAY + dt.timedelta(days=3),
        status=TaskStatus.DONE,
        note="called him\nhe renews",
        done_on=DAY,
    )
    bare = task(2, created_by="admin")
    with book.transaction():
        book.add_task(full)
        book.add_task(bare)
    assert book.get_task("t-1") == full
    assert book.get_task("t-2") == bare
    assert book.get_task("t-9") is None
    cancelled = attrs.evolve(bare, status=TaskStatus.CANCELLED, note="moot", cancelled_on=DAY)
    with book.transaction():
        book.update_task(cancelled)
    assert book.get_task("t-2") == cancelled
    assert book.get_task("t-1") == full


def test_tasks_are_listed_by_due_date_the_undated_last(book):
    with book.transaction():
        for number, due in ((1, None), (2, DAY + dt.timedelta(days=5)), (3, DAY), (4, None)):
            book.add_task(task(number, due=due))
        book.add_task(task(5, due=DAY - dt.timedelta(days=1)))
    assert ids(book) == ["t-5", "t-3", "t-2", "t-1", "t-4"]
    assert ids(book, due_until=DAY) == ["t-5", "t-3"]
    assert ids(book, due_until=DAY, undated=True) == ["t-5", "t-3", "t-1", "t-4"]


def test_tasks_are_filtered(book):
    with book.transaction():
        book.add_task(task(1))
        book.add_task(task(2, assignee="s1", customer_id="c-1"))  # m1's escalation
        book.add_task(task(3, assignee="m1", created_by="s1", status=TaskStatus.DONE))
        book.add_task(task(4, assignee="m2", created_by="admin", customer_id="c-2"))
    assert ids(book, involving=frozenset({"m1"})) == ["t-1", "t-2", "t-3"]
    assert ids(book, involving=frozenset({"s1"})) == ["t-2", "t-3"]
    assert ids(book, involving=frozenset()) == []
    assert ids(book, assignees=frozenset({"m1", "m2"})) == ["t-1", "t-3", "t-4"]
    assert ids(book, created_by=frozenset({"s1", "admin"})) == ["t-3", "t-4"]
    assert ids(book, assignees=frozenset({"s1"}), created_by=frozenset({"m1"})) == ["t-2"]
    assert ids(book, status="open") == ["t-1", "t-2", "t-4"]
    assert ids(book, customer="c-1") == ["t-2"]
    assert ids(book, involving=frozenset({"m1"}), status="done") == ["t-3"]


def test_a_task_refers_to_a_manager_and_a_customer_of_the_book(book):
    for bad in (task(1, assignee="nobody"), task(2, customer_id="c-9")):
        with pytest.raises(Exception), book.transaction():  # noqa: B017 - each driver its own
            book.add_task(bad)
    assert ids(book) == []


def test_tasks_are_a_table_of_the_book_after_those_they_refer_to(book):
    tables = book.book_tables()
    assert "tasks" in tables
    assert tables.index("tasks") > max(tables.index("managers"), tables.index("customers"))
    with book.transaction():
        book.add_task(task(1, customer_id="c-1"))
    assert book.count_rows("tasks") == 1
    columns = book.table_columns("tasks")
    [row] = book.iter_rows("tasks", columns)
    assert dict(zip(columns, row, strict=True))["customer_id"] == "c-1"
