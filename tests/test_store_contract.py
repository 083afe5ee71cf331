"""The store contract: every adapter passes the same tests (SQLite and PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from accountcore import Customer, CustomerKind, Manager, Tier
from accountcore.errors import BookError
from accountcore.model import Agreement, AgreementStatus, AuditEvent, Channel, Finding, Severity
from accountcore.store import CustomerFilter, open_store
from accountcore.store.sql import migrations


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
    assert store.schema_version() == migrations()[-1][0]
    store.close()
    again = open_store(location, converter)
    assert again.schema_version() == migrations()[-1][0]
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


def test_agreements_round_trip(store):
    with_managers(store, "m1")
    with store.transaction():
        store.add_customers([customer(1), customer(2)])
    finding = Finding("wealth.elderly-high-risk", Severity.WARN, "aged 66", plugin="wealth")
    trust = Agreement("a-1", "c-1", "wealth.trust", "m1", AgreementStatus.ACTIVE,
                      start=dt.date(2026, 11, 23), end=dt.date(2028, 11, 23),
                      amount=Decimal("1000000.00"), terms={"recording_id": "R-9"},
                      findings=(finding,), signed_on=dt.date(2026, 11, 23))  # fmt: skip
    plan = Agreement("a-2", "c-2", "telecom.plan.basic", "m1", sealed=True)
    with store.transaction():
        store.add_agreement(trust)
        store.add_agreement(plan)
    assert store.get_agreement("a-1") == trust
    assert store.agreements_of("c-2") == [plan]
    ended = attrs.evolve(trust, status=AgreementStatus.TERMINATED, termination_reason="asked")
    with store.transaction():
        store.update_agreement(ended)
    assert store.get_agreement("a-1") == ended
    assert store.agreements_of_many(["c-1", "c-2", "c-3"]) == {
        "c-1": [ended], "c-2": [plan], "c-3": []
    }  # fmt: skip
    assert [a.id for a in store.iter_agreements(status="draft")] == ["a-2"]
    assert [a.id for a in store.iter_agreements(managers=frozenset({"m2"}))] == []


def test_agreements_stream_in_batches_and_follow_their_customer(store):
    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers([customer(1), customer(2, manager="m2")])
        for number in range(1, 8):
            store.add_agreement(
                Agreement(f"a-{number}", f"c-{1 + number % 2}", "wealth.cash", "m1")
            )
    every = [a.id for a in store.iter_agreements(batch_size=3)]
    assert every == [f"a-{n}" for n in range(1, 8)]
    of_m2 = [a.id for a in store.iter_agreements(managers=frozenset({"m2"}), batch_size=2)]
    assert of_m2 == ["a-1", "a-3", "a-5", "a-7"]  # c-2's, though signed under m1
    assert list(store.iter_agreements(managers=frozenset())) == []
    assert [a.id for a in store.iter_agreements(customer="c-1", status="draft")] == [
        "a-2", "a-4", "a-6"
    ]  # fmt: skip
