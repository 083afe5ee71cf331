"""The securities retention indicators (securities.md, "Retention"), with edges and weights."""

import datetime as dt
from decimal import Decimal

import pytest
from accountcore_securities.profile import SecuritiesProfile

from accountcore import Customer, CustomerKind, Tier

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def signal(ac_app):
    """The securities reasons ({indicator: weight}) and score of a customer with this profile."""

    def run(**values):
        customer = Customer(
            "c-1",
            "Chen",
            CustomerKind.INDIVIDUAL,
            Tier.B,
            "m1",
            profiles={"securities": SecuritiesProfile(**values)},
        )
        found = [s for s in ac_app.hooks.retention_signals([customer]) if s.plugin == "securities"]
        return ({r.rule: r.weight for r in found[0].reasons}, found[0].score) if found else ({}, 0)

    return run


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"last_trade_date": days(-90)}, {"securities.no-trade": 0.25}),
        ({"last_trade_date": days(-89)}, {}),
        (
            {"assets_20d_avg": Decimal("70000"), "assets_prev": Decimal("100000")},
            {"securities.assets-drop": 0.25},
        ),
        ({"assets_20d_avg": Decimal("70001"), "assets_prev": Decimal("100000")}, {}),
        ({"assets_20d_avg": Decimal("70000")}, {}),
        ({"questionnaire_date": days(-731)}, {"securities.questionnaire-expired": 0.05}),
        ({"questionnaire_date": days(-730)}, {}),  # lapses tomorrow
        ({}, {}),
    ],
)
def test_each_indicator_with_its_edge(signal, values, expected):
    reasons, score = signal(**values)
    assert reasons == expected
    assert score == sum(expected.values())


def test_indicators_add_up(signal):
    reasons, score = signal(
        last_trade_date=days(-200),
        assets_20d_avg=Decimal("1"),
        assets_prev=Decimal("10"),
        questionnaire_date=days(-1000),
    )
    assert sorted(reasons) == [
        "securities.assets-drop",
        "securities.no-trade",
        "securities.questionnaire-expired",
    ]
    assert score == 0.55
