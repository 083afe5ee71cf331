"""The store contract: every adapter passes the same tests (SQLite and PostgreSQL)."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from accountcore import Customer, CustomerKind, Manager, Tier
from accountcore._errors import BookError
from accountcore._model import Agreement, AgreementStatus, AuditEvent, Channel, Finding, Severity
from accountcore._store import CustomerFilter, open_store
from accountcore._store.sql import migrations


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
    telecom = profiles["telecom"](
        msisdn="13800138000", real_name_verified=True, monthly_fee=Decimal("88.50")
    )
    chen = customer(
        1, profiles={"telecom": telecom, "retired-plugin": {"kept": "as is"}}, external_id="X-1"
    )
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
            [
                customer(
                    n, manager="m1" if n % 3 else "m2", tier=Tier.VIP if n % 5 == 0 else Tier.B
                )
                for n in range(1, 26)
            ]
        )
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
    from accountcore._services import audit_chain as chain

    now = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    first = store.append_event(
        AuditEvent(0, now, "admin", "customer.add", "customer", "c-1", after={"tier": "b"})
    )
    second = store.append_event(
        AuditEvent(
            0,
            now,
            "m1",
            "customer.update",
            "customer",
            "c-1",
            before={"tier": "b"},
            after={"tier": "a"},
        )
    )
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
    trust = Agreement(
        "a-1",
        "c-1",
        "wealth.trust",
        "m1",
        AgreementStatus.ACTIVE,
        start=dt.date(2026, 11, 23),
        end=dt.date(2028, 11, 23),
        amount=Decimal("1000000.00"),
        terms={"recording_id": "R-9"},
        findings=(finding,),
        signed_on=dt.date(2026, 11, 23),
    )
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
        "c-1": [ended],
        "c-2": [plan],
        "c-3": [],
    }
    assert [a.id for a in store.iter_agreements(status="draft")] == ["a-2"]
    assert [a.id for a in store.iter_agreements(managers=frozenset({"m2"}))] == []


def test_agreements_stream_in_batches_and_follow_their_customer(store):
    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers([customer(1), customer(2, manager="m2")])
        store.add_agreements(  # many at once, as a generated book is written
            [
                Agreement(f"a-{number}", f"c-{1 + number % 2}", "wealth.cash", "m1")
                for number in range(1, 8)
            ]
        )
    every = [a.id for a in store.iter_agreements(batch_size=3)]
    assert every == [f"a-{n}" for n in range(1, 8)]
    of_m2 = [a.id for a in store.iter_agreements(managers=frozenset({"m2"}), batch_size=2)]
    assert of_m2 == ["a-1", "a-3", "a-5", "a-7"]  # c-2's, though signed under m1
    assert list(store.iter_agreements(managers=frozenset())) == []
    assert [a.id for a in store.iter_agreements(customer="c-1", status="draft")] == [
        "a-2",
        "a-4",
        "a-6",
    ]


# Visits ---------------------------------------------------------------------------

D = dt.date
NOV_2, NOV_23 = D(2026, 11, 2), D(2026, 11, 23)


def visit(number, customer_id="c-1", on=NOV_2, status="done", purpose="return", **changes):
    from accountcore import Visit, VisitChannel, VisitPurpose, VisitStatus

    base = Visit(
        f"v-{number}",
        customer_id,
        "m1",
        on,
        VisitChannel.PHONE,
        VisitPurpose(purpose),
        VisitStatus(status),
    )
    return attrs.evolve(base, **changes)


def test_next_ids_reserve_a_run(store):
    assert store.next_id("v") == "v-1"
    assert store.next_ids("v", 3) == ["v-2", "v-3", "v-4"]
    assert store.next_ids("w", 2) == ["w-1", "w-2"]
    assert store.next_id("v") == "v-5"


def test_visits_round_trip_and_list_by_date(store):
    from accountcore import VisitPurpose, VisitStatus
    from accountcore._store import VisitFilter

    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers([customer(1), customer(2, manager="m2")])
    full = visit(
        1,
        outcome="agreed to a trial",
        next_step="send offer",
        next_on=D(2026, 11, 9),
        on_behalf_of="m2",
        agenda="review",
        follows="v-9",
    )
    with store.transaction():
        store.add_visits(
            [
                full,
                visit(2, on=D(2026, 10, 30)),
                visit(3, "c-2", D(2026, 11, 2)),
                visit(4, "c-2", D(2026, 12, 1), "planned", manager="m2"),
            ]
        )
    assert store.get_visit("v-1") == full
    assert store.get_visit("v-9") is None
    done = attrs.evolve(store.get_visit("v-4"), status=VisitStatus.DONE, purpose=VisitPurpose.SALES)
    with store.transaction():
        store.update_visit(done)
    assert store.get_visit("v-4") == done

    def ids(batch_size=2, **where):
        return [v.id for v in store.iter_visits(VisitFilter(**where), batch_size=batch_size)]

    assert ids() == ["v-2", "v-1", "v-3", "v-4"]
    assert ids(batch_size=1) == ids(batch_size=1000) == ["v-2", "v-1", "v-3", "v-4"]
    assert ids(customer="c-2") == ["v-3", "v-4"]
    assert ids(managers=frozenset({"m2"})) == ["v-4"]
    assert ids(customer_managers=frozenset({"m2"})) == ["v-3", "v-4"]
    assert ids(customer_managers=frozenset()) == []
    assert ids(start=D(2026, 11, 1), end=D(2026, 11, 30)) == ["v-1", "v-3"]
    assert ids(status="done", start=D(2026, 12, 1)) == ["v-4"]


def test_visit_counts_per_manager_with_agreements_within_30_days(store):
    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers([customer(n) for n in (1, 2, 3)])
        store.add_visits(
            [
                visit(1, "c-1", D(2026, 10, 2), purpose="development"),
                visit(2, "c-2", D(2026, 10, 5), purpose="development"),
                visit(3, "c-3", D(2026, 10, 6)),
                visit(4, "c-1", D(2026, 10, 20), manager="m2"),
                visit(5, "c-3", D(2026, 10, 28), "planned"),
                visit(6, "c-3", D(2026, 11, 1)),
            ]
        )
        for number, customer_id, signed in (
            (1, "c-1", D(2026, 11, 1)),
            (2, "c-2", D(2026, 11, 5)),
            (3, "c-3", D(2026, 10, 1)),
        ):
            store.add_agreement(
                Agreement(
                    f"a-{number}",
                    customer_id,
                    "wealth.cash",
                    "m1",
                    AgreementStatus.ACTIVE,
                    signed_on=signed,
                )
            )
    from accountcore import VisitStatus
    from accountcore._store import VisitCounts

    october = store.visit_counts(D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 28))
    # c-1 signed 30 days after v-1 and 12 after v-4; c-2 31 days after v-2; c-3 before v-3.
    assert october == [VisitCounts("m1", 3, 1, 0, 2, 1), VisitCounts("m2", 1, 0, 0, 0, 1)]
    # The day after v-5's, it is missed; cancelled, it counts nowhere.
    after = store.visit_counts(D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 29))
    assert after[0] == VisitCounts("m1", 3, 0, 1, 2, 1)
    with store.transaction():
        cancelled = attrs.evolve(
            store.get_visit("v-5"), status=VisitStatus.CANCELLED, cancel_reason="customer ill"
        )
        store.update_visit(cancelled)
    assert store.visit_counts(D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 29))[0] == (
        VisitCounts("m1", 3, 0, 0, 2, 1)
    )
    assert store.get_visit("v-5") == cancelled
    assert store.visit_counts(
        D(2026, 10, 1), D(2026, 10, 31), D(2026, 10, 28), frozenset({"m2"})
    ) == [VisitCounts("m2", 1, 0, 0, 0, 1)]
    assert store.visit_counts(D(2026, 12, 1), D(2026, 12, 31), D(2026, 10, 28)) == []


def _overdue(store, intervals=(), managers=None, today=NOV_23):
    days = {"vip": 30, "a": 60, "b": 90, "c": 180}
    return [
        (o.customer, o.interval, o.policy, o.last_visit, o.due, o.days_overdue)
        for o in store.iter_overdue(
            today=today, tier_days=days, intervals=intervals, managers=managers
        )
    ]


def test_overdue_most_overdue_first_by_tier_and_by_plugin(store):
    from accountcore import CustomerStatus

    with_managers(store, "m1", "m2")
    created = D(2026, 1, 5)
    with store.transaction():
        store.add_customers(
            [
                customer(1, tier=Tier.VIP, created_on=created),
                customer(2, tier=Tier.A, created_on=created),
                customer(3, tier=Tier.B, created_on=D(2026, 5, 1)),  # never visited
                customer(4, tier=Tier.C, created_on=created),
                customer(5, tier=Tier.VIP, created_on=created),
                customer(6, tier=Tier.VIP, created_on=created, manager="m2"),
                customer(7, tier=Tier.VIP, created_on=created, status=CustomerStatus.CHURNED),
                customer(8, tier=Tier.VIP, created_on=D(2026, 9, 1)),  # only a planned visit
                customer(9, tier=Tier.C, created_on=None),  # no date known at all
            ]
        )
        store.add_visits(
            [
                visit(1, "c-1", D(2026, 10, 1)),
                visit(2, "c-1", D(2026, 9, 1)),
                visit(3, "c-2", D(2026, 8, 1)),
                visit(4, "c-4", D(2026, 6, 1)),
                visit(5, "c-5", D(2026, 10, 24)),  # 30 days ago: due today, not overdue
                visit(6, "c-6", D(2026, 10, 23)),  # 31 days ago: one day overdue
                visit(7, "c-8", D(2026, 11, 25), "planned"),
            ]
        )
    assert _overdue(store) == [
        ("c-9", 180, "core", None, None, None),
        ("c-3", 90, "core", None, D(2026, 7, 30), 116),
        ("c-2", 60, "core", D(2026, 8, 1), D(2026, 9, 30), 54),
        ("c-8", 30, "core", None, D(2026, 10, 1), 53),
        ("c-1", 30, "core", D(2026, 10, 1), D(2026, 10, 31), 23),
        ("c-6", 30, "core", D(2026, 10, 23), D(2026, 11, 22), 1),
    ]
    # The shortest interval wins: a plugin's shorter one holds (c-4 becomes the most
    # overdue), a longer one does not (c-2 keeps the tier's 60 days).
    shorter = [("c-4", 14, "demo"), ("c-2", 200, "demo"), ("c-5", 29, "demo")]
    assert [row[:3] for row in _overdue(store, shorter)] == [
        ("c-9", 180, "core"),
        ("c-4", 14, "demo"),
        ("c-3", 90, "core"),
        ("c-2", 60, "core"),
        ("c-8", 30, "core"),
        ("c-1", 30, "core"),
        ("c-5", 29, "demo"),
        ("c-6", 30, "core"),
    ]
    assert [row[0] for row in _overdue(store, managers=frozenset({"m2"}))] == ["c-6"]
    assert _overdue(store, managers=frozenset()) == []
    # Nothing of one listing stays for the next.
    assert _overdue(store) == _overdue(store, [])


def test_overdue_stops_early_without_harm(store):
    with_managers(store, "m1")
    with store.transaction():
        store.add_customers([customer(n, created_on=D(2025, 1, 1)) for n in range(1, 6)])
    rows = store.iter_overdue(
        today=D(2026, 11, 23), tier_days={"b": 90}, intervals=[("c-1", 10, "demo")]
    )
    assert next(rows).customer == "c-1"
    rows.close()
    assert len(_overdue(store)) == 5


def test_customers_by_selection(store, profiles):
    from decimal import Decimal as Dec

    from accountcore import CustomerKind, CustomerSelection

    with_managers(store, "m1")
    wealth, securities = profiles["wealth"], profiles["securities"]
    with store.transaction():
        store.add_customers(
            [
                customer(1, profiles={"wealth": wealth(financial_net_assets=Dec("6000000"))}),
                customer(2, profiles={"wealth": wealth(financial_net_assets=Dec("5999999.99"))}),
                customer(3, profiles={"wealth": wealth()}),
                customer(
                    4,
                    kind=CustomerKind.CORPORATE,
                    tier=Tier.VIP,
                    birthday=None,
                    profiles={"securities": securities(disclosures=("chinext", "margin"))},
                ),
                customer(5, profiles={"securities": securities(disclosures=("chinext",))}),
                customer(6, tier=Tier.VIP),
            ]
        )
        store.add_agreement(
            Agreement("a-1", "c-6", "securities.margin", "m1", AgreementStatus.ACTIVE)
        )
        store.add_agreement(
            Agreement("a-2", "c-5", "securities.margin", "m1", AgreementStatus.TERMINATED)
        )

    def chosen(*selections):
        where = CustomerFilter(any_of=selections)
        return [c.id for batch in store.iter_customers(where) for c in batch]

    rich = CustomerSelection(profile="wealth", at_least={"financial_net_assets": Dec("6000000")})
    assert chosen(rich) == ["c-1"]
    assert chosen(CustomerSelection(profile="securities", contains={"disclosures": "margin"})) == [
        "c-4"
    ]
    assert chosen(CustomerSelection(holding={"securities.margin"})) == ["c-6"]
    assert chosen(CustomerSelection(tiers={Tier.VIP}, kinds={CustomerKind.CORPORATE})) == ["c-4"]
    assert chosen(CustomerSelection(profile="wealth")) == ["c-1", "c-2", "c-3"]
    assert chosen(rich, CustomerSelection(tiers={Tier.VIP})) == ["c-1", "c-4", "c-6"]
    assert chosen(CustomerSelection()) == [f"c-{n}" for n in range(1, 7)]
    assert chosen() == []
    assert store.count_customers(CustomerFilter(any_of=(rich,))) == 1


def test_a_question_mark_in_the_sql_is_the_sql_s_own(store, profiles):
    # PostgreSQL asks "has the profile?" with jsonb's ``?`` operator: a store that
    # rewrote ``?`` into ``%s`` would send one parameter too many and fail.
    with_managers(store, "m1")
    telecom = profiles["telecom"](msisdn="13800138000")
    odd = "Who? 100%s"
    with store.transaction():
        store.add_customers(
            [
                customer(1, profiles={"telecom": telecom}),
                customer(2, name=odd, external_id="X?%s", profiles={"old": {"telecom": 1}}),
            ]
        )
    found = [
        c.id for batch in store.iter_customers(CustomerFilter(profile="telecom")) for c in batch
    ]
    assert found == ["c-1"]
    assert store.count_customers(CustomerFilter(profile="telecom")) == 1
    assert store.find_customer_by_external_id("X?%s").name == odd


def test_retention_models_are_versioned_and_dropped(store):
    assert store.current_retention_model() is None
    with store.transaction():
        assert store.add_retention_model(dt.date(2026, 11, 1), {"auc": 0.8}) == 1
        assert store.add_retention_model(dt.date(2026, 11, 2), {"auc": 0.81, "note": "a ? b"}) == 2
    assert store.current_retention_model() == (2, {"auc": 0.81, "note": "a ? b"})
    with store.transaction():
        assert store.drop_retention_models(dt.date(2026, 11, 3)) == 2
    assert store.current_retention_model() is None


def test_the_stored_retention_run_is_ranked_and_replaced(store):
    from accountcore import Reason, RetentionSignal

    with_managers(store, "m1", "m2")
    with store.transaction():
        store.add_customers([customer(n, manager="m2" if n == 3 else "m1") for n in range(1, 5)])
    assert store.retention_run() is None
    why = (Reason("x.a", 0.25, "it's 50% ? sure", "x"), Reason("model.y", 0.1, "y", "model"))
    day = dt.date(2026, 11, 23)
    with store.transaction():
        store.clear_retention_scores()
        store.add_retention_scores(
            [RetentionSignal("c-2", 0.35, why), RetentionSignal("c-10", 0.0, ())]
        )
        store.add_retention_scores(
            [RetentionSignal("c-1", 0.35, why[:1]), RetentionSignal("c-3", 0.9, why[1:])]
        )
        store.set_retention_run(day, '{"model": null}', 4)
    assert store.retention_run() == (day, '{"model": null}')
    ranked = list(store.iter_retention_scores(None))
    # Highest first, ties in customer order; a customer not in the book is not read.
    assert [(s.customer, s.score, s.manager) for s in ranked] == [
        ("c-3", 0.9, "m2"),
        ("c-1", 0.35, "m1"),
        ("c-2", 0.35, "m1"),
    ]
    assert ranked[2].reasons == why
    assert [s.customer for s in store.iter_retention_scores(frozenset({"m1"}), 0.35)] == [
        "c-1",
        "c-2",
    ]
    assert [s.customer for s in store.iter_retention_scores(None, 0.3501)] == ["c-3"]
    assert [s.customer for s in store.iter_retention_scores(None, limit=2)] == ["c-3", "c-1"]
    with store.transaction():
        store.clear_retention_scores()
    assert store.retention_run() is None and list(store.iter_retention_scores(None)) == []


def test_a_batch_s_visits_and_care_actions_by_customer(store):
    from accountcore import CareAction, Visit, VisitChannel, VisitPurpose, VisitStatus

    with_managers(store, "m1")
    with store.transaction():
        store.add_customer(customer(1))
        store.add_customer(customer(2))
    day = dt.date(2026, 11, 1)
    visit = Visit("v-1", "c-1", "m1", day, VisitChannel.PHONE, VisitPurpose.CARE, VisitStatus.DONE)
    action = CareAction("core.birthday", "c-2", Channel.SMS, "wish", day, "2026", id="ca-1")
    with store.transaction():
        store.add_visit(visit)
        store.add_care_actions([action])
    assert store.visits_of_many(["c-1", "c-2"]) == {"c-1": [visit], "c-2": []}
    found = store.care_actions_of_many(["c-1", "c-2"])
    assert found["c-1"] == [] and [a.id for a in found["c-2"]] == ["ca-1"]


def test_customers_by_ids_external_ids_and_shared_contacts(store):
    with_managers(store, "m1")
    chen = customer(1, external_id="X-1", phone="13800000001", id_number="110101198002290011")
    wang = customer(2, external_id="X-2", phone="13800000002")
    li = customer(3, phone="13800000001")
    with store.transaction():
        store.add_customers([chen, wang, li])
    assert store.get_customers(["c-3", "c-1", "c-9"]) == {"c-1": chen, "c-3": li}
    assert store.find_customers_by_external_ids(["X-2", "X-9"]) == {"X-2": wang}
    shared = store.customers_sharing(["13800000001"], ["110101198002290011"])
    assert sorted(shared) == [
        ("c-1", "13800000001", "110101198002290011"),
        ("c-3", "13800000001", None),
    ]
    assert store.customers_sharing([], []) == []


def test_audit_events_appended_in_a_batch_chain_on(store):
    from accountcore._services import audit_chain as chain

    now = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    first = store.append_event(AuditEvent(0, now, "admin", "manager.add", "manager", "m1"))
    batch = store.append_events(
        [
            AuditEvent(0, now, "admin", "customer.add", "customer", f"c-{n}", after={"n": n})
            for n in (1, 2, 3)
        ]
    )
    assert [e.seq for e in batch] == [2, 3, 4]
    assert batch[0].prev_hash == first.hash and batch[2].prev_hash == batch[1].hash
    assert all(chain.event_hash(e) == e.hash for e in batch)
    assert list(store.iter_events()) == [first, *batch]


def test_customer_data_is_what_the_converter_makes_of_each_customer(store, profiles, converter):
    with_managers(store, "m1", "m2")
    telecom = profiles["telecom"](msisdn="13800138000", monthly_fee=Decimal("88.50"))
    made = [
        customer(1, profiles={"telecom": telecom}, phone="13800138000"),
        customer(2, manager="m2"),
        customer(3, profiles={"retired-plugin": {"kept": "as is"}}),
    ]
    with store.transaction():
        store.add_customers(made)
    batches = list(store.iter_customer_data(batch_size=2))
    assert [len(batch) for batch in batches] == [2, 1]
    assert [row for batch in batches for row in batch] == [converter.unstructure(c) for c in made]
    only = list(store.iter_customer_data(CustomerFilter(managers=frozenset({"m2"}))))
    assert [[row["id"] for row in batch] for batch in only] == [["c-2"]]
