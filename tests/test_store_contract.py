"""The store contract: every adapter passes the same tests (SQLite and PostgreSQL)."""

import datetime as dt
import os
import uuid
from decimal import Decimal

import attrs
import pytest

from accountcore import Customer, CustomerKind, Manager, Tier
from accountcore.convert import make_converter
from accountcore.errors import BookError
from accountcore.hooks import Hooks
from accountcore.model import AuditEvent, Channel
from accountcore.plugins import make_plugin_manager
from accountcore.store import CustomerFilter, open_store

POSTGRES = os.environ.get("ACCOUNTCORE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def profiles():
    return Hooks(make_plugin_manager()).profiles


@pytest.fixture
def converter(profiles):
    return make_converter(profiles)


def _postgres_location():
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {POSTGRES}: {exc}")
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "book.db")
        return
    url, schema = _postgres_location()
    yield url
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(location, converter):
    opened = open_store(location, converter, create=True)
    yield opened
    opened.close()


def customer(number, manager="m1", **changes):
    base = Customer(
        id=f"c-{number}",
        name=f"Customer {number}",
        kind=CustomerKind.INDIVIDUAL,
        tier=Tier.B,
        manager=manager,
        birthday=dt.date(1980, 2, 29),
        consent=frozenset({Channel.SMS}),
        created_on=dt.date(2026, 11, 23),
    )
    return attrs.evolve(base, **changes)


def with_managers(store, *ids):
    with store.transaction():
        for manager_id in ids:
            store.add_manager(Manager(manager_id, f"Manager {manager_id}"))


def test_a_new_book_is_migrated_once(store, location, converter):
    assert store.schema_version() == 1
    store.close()
    again = open_store(location, converter)
    assert again.schema_version() == 1
    again.close()


def test_a_missing_book_is_refused_without_create(location, converter):
    with pytest.raises(BookError, match="no book at"):
        open_store(location, converter)


def test_ids_count_up_per_prefix(store):
    assert [store.next_id("c") for _ in range(3)] == ["c-1", "c-2", "c-3"]
    assert store.next_id("a") == "a-1"
    assert store.next_id("c") == "c-4"


def test_managers_round_trip(store):
    with_managers(store, "m2", "m1")
    with store.transaction():
        store.update_manager(Manager("m2", "Renamed", supervisor="m1", capacity=40, target=12))
    assert [m.id for m in store.list_managers()] == ["m1", "m2"]
    assert store.get_manager("m2") == Manager("m2", "Renamed", "m1", 40, 12, True)
    assert store.get_manager("nobody") is None


def test_customers_round_trip_with_profiles(store, profiles):
    with_managers(store, "m1")
    telecom = profiles["telecom"](msisdn="13800138000", real_name_verified=True,
                                  monthly_fee=Decimal("88.50"))  # fmt: skip
    chen = customer(1, profiles={"telecom": telecom, "retired-plugin": {"kept": "as is"}},
                    external_id="X-1")  # fmt: skip
    with store.transaction():
        store.add_customer(chen)
    assert store.get_customer("c-1") == chen
    assert store.find_customer_by_external_id("X-1") == chen
    changed = attrs.evolve(chen, tier=Tier.VIP, phone="13900000000")
    with store.transaction():
        store.update_customer(changed)
    assert store.get_customer("c-1") == changed
    assert store.get_customer("c-2") is None


def test_iteration_is_batched_ordered_and_filtered(store):
    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers(
            [customer(n, manager="m1" if n % 3 else "m2", tier=Tier.VIP if n % 5 == 0 else Tier.B)
             for n in range(1, 26)]
        )  # fmt: skip
    batches = list(store.iter_customers(batch_size=10))
    assert [len(b) for b in batches] == [10, 10, 5]
    assert [c.id for b in batches for c in b] == [f"c-{n}" for n in range(1, 26)]
    m2 = CustomerFilter(managers=frozenset({"m2"}))
    assert [c.id for b in store.iter_customers(m2, batch_size=4) for c in b] == [
        f"c-{n}" for n in range(3, 26, 3)
    ]
    assert store.count_customers(m2) == 8
    assert store.count_customers(CustomerFilter(tier="vip")) == 5
    assert store.count_customers(CustomerFilter(managers=frozenset())) == 0


def test_a_failed_transaction_leaves_the_book_as_it_was(store):
    with_managers(store, "m1")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_customer(customer(1))
        with store.transaction():  # nested: joins the outer one
            store.add_customer(customer(2))
        raise RuntimeError("crash in the middle")
    assert store.count_customers() == 0
    with store.transaction():
        store.add_customer(customer(1))
    assert store.count_customers() == 1


def test_foreign_keys_hold(store):
    with pytest.raises(Exception), store.transaction():  # noqa: B017 - each driver its own class
        store.add_customer(customer(1, manager="nobody"))
    assert store.count_customers() == 0


def test_audit_events_are_numbered_and_chained(store):
    from accountcore import chain

    now = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    first = store.append_event(AuditEvent(0, now, "admin", "customer.add", "customer", "c-1",
                                          after={"tier": "b"}))  # fmt: skip
    second = store.append_event(AuditEvent(0, now, "m1", "customer.update", "customer", "c-1",
                                           before={"tier": "b"}, after={"tier": "a"}))  # fmt: skip
    store.append_event(AuditEvent(0, now, "admin", "manager.add", "manager", "m1"))
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == chain.GENESIS and second.prev_hash == first.hash
    assert list(store.iter_events("c-1")) == [first, second]
    assert [e.seq for e in store.iter_events()] == [1, 2, 3]


def test_config_overrides(store):
    store.set_config("telecom.arrears_grace_days", 10)
    store.set_config("core.visit_days_vip", 21)
    assert store.get_config() == {"telecom.arrears_grace_days": 10, "core.visit_days_vip": 21}
    store.set_config("core.visit_days_vip", None)
    assert store.get_config() == {"telecom.arrears_grace_days": 10}
