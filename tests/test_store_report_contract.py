"""The store's counts for the month report: every adapter gives the same (SQLite and PostgreSQL).

The book below is small enough to count by hand; each expected figure says why.
"""

import datetime as dt

import attrs
import pytest

from accountcore import (
    Agreement,
    AgreementStatus,
    AuditEvent,
    CareAction,
    CareStatus,
    Channel,
    Complaint,
    ComplaintSeverity,
    ComplaintStatus,
    Customer,
    CustomerKind,
    CustomerSelection,
    CustomerStatus,
    Finding,
    Manager,
    ReportFigure,
    Severity,
    Tier,
    Visit,
    VisitChannel,
    VisitPurpose,
    VisitStatus,
)

NOV1, NOV30, TODAY = dt.date(2026, 11, 1), dt.date(2026, 11, 30), dt.date(2026, 11, 20)
BOTH = frozenset({"m1", "m2"})


def _customer(number, manager, **changes):
    base = Customer(
        f"c-{number}",
        f"Customer {number}",
        CustomerKind.INDIVIDUAL,
        Tier.B,
        manager,
        created_on=dt.date(2026, 10, 1),
    )
    return attrs.evolve(base, **changes)


def _visit(number, manager, customer, day, purpose=VisitPurpose.RETURN, status=VisitStatus.DONE):
    return Visit(
        f"v-{number}", customer, manager, day, VisitChannel.ON_SITE, purpose, status=status
    )


def _churn(store, customer, at):
    before, after = {"status": "active"}, {"status": "churned"}
    event = AuditEvent(
        0, at, "admin", "customer.update", "customer", customer, before=before, after=after
    )
    store.append_event(event)


@pytest.fixture
def book(store):
    """m1: c-1 (vip, telecom, owes 50), c-2 (b, wealth), c-3 (new in November, a), c-4 churned
    on 5 November; m2: c-5 (b, telecom, owes 30.5); c-6 churned in October."""
    with store.transaction():
        for manager in ("m1", "m2"):
            store.add_manager(Manager(manager, f"Manager {manager}"))
        telecom = {"telecom": {"arrears_amount": "50", "plan": "gold"}}
        store.add_customers(
            [
                _customer(1, "m1", tier=Tier.VIP, profiles=telecom),
                _customer(2, "m1", profiles={"wealth": {"aum": "1000", "risk_level": "C3"}}),
                _customer(3, "m1", tier=Tier.A, created_on=dt.date(2026, 11, 3)),
                _customer(4, "m1", status=CustomerStatus.CHURNED),
                _customer(5, "m2", profiles={"telecom": {"arrears_amount": "30.5"}}),
                _customer(6, "m2", status=CustomerStatus.CHURNED),
            ]
        )
        _churn(store, "c-4", dt.datetime(2026, 11, 5, 9, tzinfo=dt.UTC))
        _churn(store, "c-6", dt.datetime(2026, 10, 20, 9, tzinfo=dt.UTC))
        store.add_visits(
            [
                _visit(1, "m1", "c-1", dt.date(2026, 11, 2), VisitPurpose.DEVELOPMENT),
                _visit(2, "m1", "c-2", dt.date(2026, 11, 4)),
                _visit(3, "m1", "c-2", dt.date(2026, 11, 10), status=VisitStatus.PLANNED),
                _visit(4, "m1", "c-1", dt.date(2026, 11, 25), status=VisitStatus.PLANNED),
                _visit(5, "m2", "c-5", dt.date(2026, 11, 6)),
                _visit(6, "m2", "c-5", dt.date(2026, 10, 30)),
            ]
        )
        warn = Finding("wealth.x", Severity.WARN, "check", source="s")
        store.add_agreement(
            Agreement(
                "a-1",
                "c-1",
                "telecom.plan.basic",
                "m1",
                AgreementStatus.ACTIVE,
                start=dt.date(2026, 11, 20),
                signed_on=dt.date(2026, 11, 20),
                findings=(warn,),
            )
        )
        store.add_agreement(
            Agreement(
                "a-2",
                "c-5",
                "wealth.fund",
                "m2",
                AgreementStatus.TERMINATED,
                signed_on=dt.date(2026, 9, 1),
                terminated_on=dt.date(2026, 11, 15),
                findings=(warn,),
            )
        )
        care = [
            ("ca-1", "c-1", dt.date(2026, 11, 10), CareStatus.DONE, dt.date(2026, 11, 9)),
            ("ca-2", "c-2", dt.date(2026, 11, 10), CareStatus.DONE, dt.date(2026, 11, 12)),
            ("ca-3", "c-2", dt.date(2026, 11, 11), CareStatus.SKIPPED, dt.date(2026, 11, 11)),
            ("ca-4", "c-3", dt.date(2026, 11, 15), CareStatus.DUE, None),
            ("ca-5", "c-5", dt.date(2026, 11, 25), CareStatus.DUE, None),
            ("ca-6", "c-5", dt.date(2026, 12, 2), CareStatus.DUE, None),
        ]
        store.add_care_actions(
            [
                CareAction(
                    "core.birthday",
                    customer,
                    Channel.SMS,
                    "hi",
                    due,
                    f"p{id_}",
                    id=id_,
                    status=status,
                    closed_on=closed,
                )
                for id_, customer, due, status, closed in care
            ]
        )
        complaints = [
            ("cp-1", "c-1", "m1", NOV1, ComplaintSeverity.LOW, dt.date(2026, 11, 5)),
            (
                "cp-2",
                "c-2",
                "m1",
                dt.date(2026, 11, 10),
                ComplaintSeverity.HIGH,
                dt.date(2026, 11, 12),
            ),
            ("cp-3", "c-5", "m2", dt.date(2026, 11, 12), ComplaintSeverity.HIGH, None),
            ("cp-4", "c-5", "m2", dt.date(2026, 11, 19), ComplaintSeverity.LOW, None),
        ]
        for id_, customer, manager, opened, severity, replied in complaints:
            days = 1 if severity is ComplaintSeverity.HIGH else 7
            store.add_complaint(
                Complaint(
                    id_,
                    customer,
                    manager,
                    opened,
                    "phone",
                    severity,
                    "s",
                    opened + dt.timedelta(days=days),
                    status=ComplaintStatus.REPLIED if replied else ComplaintStatus.OPEN,
                    replied_on=replied,
                )
            )
    return store


def test_visits_are_counted_per_manager_purpose_and_channel(book):
    rows = sorted(book.visit_tallies(NOV1, NOV30, TODAY, None))
    # v-1 development done, followed by a-1 18 days later; v-2 done; v-3 planned before
    # today: missed; v-4 planned after today; v-5 m2 done; v-6 is October's.
    assert [tuple(r) for r in rows] == [
        ("m1", "development", "on-site", 1, 0, 0, 1),
        ("m1", "return", "on-site", 1, 1, 1, 0),
        ("m2", "return", "on-site", 1, 0, 0, 0),
    ]
    assert {r.manager for r in book.visit_tallies(NOV1, NOV30, TODAY, frozenset({"m2"}))} == {"m2"}


def test_care_is_counted_by_outcome(book):
    rows = {(r.manager, r.outcome): r.number for r in book.care_tallies(NOV1, NOV30, TODAY, BOTH)}
    # ca-6 is due in December: not in November's figures.
    assert rows == {
        ("m1", "done_on_time"): 1,
        ("m1", "done_late"): 1,
        ("m1", "skipped"): 1,
        ("m1", "overdue"): 1,
        ("m2", "open"): 1,
    }


def test_complaints_are_counted_by_severity_and_outcome(book):
    rows = {
        (r.manager, r.severity, r.outcome): r.number
        for r in book.complaint_tallies(NOV1, NOV30, TODAY, None)
    }
    # cp-1 replied 5th (deadline 8th); cp-2 replied 12th (deadline 11th); cp-3 deadline 13th
    # passed; cp-4 deadline 26th still ahead.
    assert rows == {
        ("m1", "low", "closed_in_time"): 1,
        ("m1", "high", "closed_late"): 1,
        ("m2", "high", "overdue"): 1,
        ("m2", "low", "open"): 1,
    }


def test_customers_are_counted_new_churned_and_at_start(book):
    rows = {
        (r.manager, r.tier, r.industry): (r.at_start, r.new, r.churned)
        for r in book.customer_tallies(NOV1, NOV30, ["telecom", "wealth"], None)
    }
    # c-4 churned in November: in the base at the start, churned; c-6 churned in October:
    # neither; c-3 created in November: new, not at the start.
    assert rows == {
        ("m1", "vip", "telecom"): (1, 0, 0),
        ("m1", "b", "wealth"): (1, 0, 0),
        ("m1", "a", ""): (0, 1, 0),
        ("m1", "b", ""): (1, 0, 1),
        ("m2", "b", "telecom"): (1, 0, 0),
        ("m2", "b", ""): (0, 0, 0),
    }


def test_agreements_and_findings_are_counted(book):
    rows = {tuple(r) for r in book.agreement_tallies(NOV1, NOV30, None)}
    assert rows == {("m1", "telecom.plan.basic", 1, 0), ("m2", "wealth.fund", 0, 1)}
    # a-2 is terminated: its finding is no longer open.
    assert [tuple(r) for r in book.finding_tallies(NOV30, None)] == [("m1", "wealth.x", "warn", 1)]
    assert book.finding_tallies(dt.date(2026, 10, 31), frozenset({"m2"})) == []


def test_profile_figures_count_and_sum_living_customers(book):
    owing = CustomerSelection(profile="telecom", at_least={"arrears_amount": "0.01"})
    counted = ReportFigure("n", "In arrears", "customers", owing)
    summed = ReportFigure("amount", "Owed", "yuan", owing, sum_of="arrears_amount")
    assert sorted((r.manager, r.value) for r in book.profile_tallies(counted, None)) == [
        ("m1", 1.0),
        ("m2", 1.0),
    ]
    assert sorted((r.manager, r.value) for r in book.profile_tallies(summed, BOTH)) == [
        ("m1", 50.0),
        ("m2", 30.5),
    ]
    by_plan = ReportFigure("p", "By plan", "customers", owing, by="plan")
    assert sorted(tuple(r) for r in book.profile_tallies(by_plan, None)) == [
        ("m1", "gold", 1.0),
        ("m2", "", 1.0),
    ]
    aum = ReportFigure(
        "aum", "AUM", "yuan", CustomerSelection(profile="wealth"), sum_of="aum", by="risk_level"
    )
    assert [tuple(r) for r in book.profile_tallies(aum, None)] == [("m1", "C3", 1000.0)]
    lapsed = ReportFigure(
        "l",
        "Lapsed",
        "customers",
        CustomerSelection(profile="telecom"),
        missing_or_before={"arrears_since": dt.date(2026, 1, 1)},
    )
    # Neither telecom customer has an arrears_since: both count.
    assert sum(r.value for r in book.profile_tallies(lapsed, None)) == 2.0


def test_tasks_are_counted_by_outcome_with_the_escalations(store):
    from accountcore._model import Task, TaskStatus

    with store.transaction():
        store.add_manager(Manager("s1", "Supervisor"))
        store.add_manager(Manager("m1", "Manager m1", supervisor="s1"))
        made = dt.date(2026, 11, 2)

        def task(number, assignee, by, **fields):
            store.add_task(Task(f"t-{number}", f"task {number}", assignee, by, made, **fields))

        task(1, "m1", "m1", due=dt.date(2026, 11, 10), status=TaskStatus.DONE, done_on=made)
        task(2, "m1", "s1", due=dt.date(2026, 11, 10), status=TaskStatus.DONE, done_on=NOV30)
        task(3, "m1", "m1", due=dt.date(2026, 11, 12))  # open, its day passed on the 20th
        task(4, "m1", "m1", due=dt.date(2026, 11, 25), status=TaskStatus.CANCELLED)
        task(5, "s1", "m1")  # undated, made in November: an escalation still open
        task(6, "m1", "m1", due=dt.date(2026, 12, 3))  # December's
    rows = {
        (r.manager, r.outcome, r.escalated): r.number
        for r in store.task_tallies(NOV1, NOV30, TODAY, None)
    }
    assert rows == {
        ("m1", "done_on_time", False): 1,
        ("m1", "done_late", False): 1,
        ("m1", "overdue", False): 1,
        ("m1", "cancelled", False): 1,
        ("s1", "open", True): 1,
    }
    only_s1 = store.task_tallies(NOV1, NOV30, TODAY, frozenset({"s1"}))
    assert [(r.manager, r.number) for r in only_s1] == [("s1", 1)]
