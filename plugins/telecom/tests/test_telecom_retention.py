"""The telecom retention indicators (telecom.md, "Retention"), with their edges and weights."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from accountcore_telecom.profile import Contract, TelecomProfile

from accountcore import Customer, CustomerKind, Tier

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def signal(ac_app):
    """The telecom signal for one customer with this profile: {indicator: weight}, and score."""

    def run(**values):
        customer = Customer(
            "c-1",
            "Chen",
            CustomerKind.INDIVIDUAL,
            Tier.B,
            "m1",
            profiles={"telecom": TelecomProfile(**values)},
        )
        found = [s for s in ac_app.hooks.retention_signals([customer]) if s.plugin == "telecom"]
        if not found:
            return {}, 0.0
        [one] = found
        return {r.rule: r.weight for r in one.reasons}, one.score

    return run


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"contract_end": days(60)}, {"telecom.contract-ending": 0.25}),
        ({"contract_end": days(61)}, {}),
        ({"contract_end": TODAY}, {"telecom.contract-ending": 0.25}),
        ({"contract_end": days(-1)}, {}),
        ({"contract": Contract.MONTH_TO_MONTH}, {"telecom.month-to-month": 0.15}),
        ({"contract": Contract.ONE_YEAR}, {}),
        (
            {"data_gb_prev": Decimal("20"), "data_gb_last": Decimal("14")},
            {"telecom.data-drop": 0.2},
        ),
        ({"data_gb_prev": Decimal("20"), "data_gb_last": Decimal("14.1")}, {}),
        ({"data_gb_prev": Decimal("0"), "data_gb_last": Decimal("0")}, {}),
        ({"data_gb_last": Decimal("1")}, {}),
        ({"arrears_amount": Decimal("0.01")}, {"telecom.in-arrears": 0.1}),
        ({"arrears_amount": Decimal("0")}, {}),
        ({"competitor_contact": True}, {"telecom.competitor-contact": 0.25}),
        ({"competitor_contact": False}, {}),
        ({"network_join": dt.date(2025, 11, 24)}, {"telecom.new-customer": 0.1}),
        ({"network_join": dt.date(2025, 11, 23)}, {}),
        ({}, {}),
    ],
)
def test_each_indicator_with_its_edge(signal, values, expected):
    reasons, score = signal(**values)
    assert reasons == expected
    assert score == sum(expected.values())


def test_the_score_is_the_sum_capped_at_one(signal):
    reasons, score = signal(
        contract_end=days(10),
        contract=Contract.MONTH_TO_MONTH,
        data_gb_prev=Decimal("20"),
        data_gb_last=Decimal("8"),
        arrears_amount=Decimal("50"),
        competitor_contact=True,
        network_join=dt.date(2026, 3, 1),
    )
    assert len(reasons) == 6 and sum(reasons.values()) > 1
    assert score == 1.0


def test_weights_come_from_the_books_settings(ac_app, signal):
    ac_app.store.set_config("telecom.weight_competitor_contact", 0.4)
    app = ac_app.evolve()
    customer = Customer(
        "c-1",
        "Chen",
        CustomerKind.INDIVIDUAL,
        Tier.B,
        "m1",
        profiles={"telecom": TelecomProfile(competitor_contact=True)},
    )
    [found] = [s for s in app.hooks.retention_signals([customer]) if s.plugin == "telecom"]
    assert found.score == 0.4
    app.close()


def test_a_customer_about_to_leave_ranks_first_with_reasons(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    for name, values in (
        (
            "Leaving",
            [
                "contract=month-to-month",
                "competitor_contact=true",
                "data_gb_prev=20",
                "data_gb_last=8",
            ],
        ),
        ("Staying", ["contract=two-year", "network_join=2015-01-01"]),
    ):
        ac_cli(
            "customer",
            "add",
            "--name",
            name,
            "--kind",
            "individual",
            "--tier",
            "b",
            "--manager",
            "m1",
            *[x for v in values for x in ("--set", f"telecom.{v}")],
            check=True,
        )
    risks = json.loads(
        ac_cli("retention", "risks", "--min-score", "0.5", "--format", "json", check=True).stdout
    )
    assert [(r["customer"], r["score"]) for r in risks] == [("c-1", 0.6)]
    texts = [r["text"] for r in risks[0]["reasons"]]
    assert texts[0].startswith("seen in contact with a competitor")
    assert "data use down 60%: 8 GB last month, 20 GB before" in texts
