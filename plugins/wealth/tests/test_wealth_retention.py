"""The wealth retention indicators (wealth.md, "Retention"), with their edges and weights."""

import datetime as dt
from decimal import Decimal

import pytest
from accountcore_wealth.profile import WealthProfile

from accountcore import Agreement, AgreementStatus, Customer, CustomerKind, Manager, Tier

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def signal(ac_app):
    """The wealth reasons ({indicator: weight}) and score of c-1, with a profile and agreements."""
    with ac_app.store.transaction():
        ac_app.store.add_manager(Manager("m1", "Li Na"))

    def run(agreements=(), **values):
        customer = Customer(
            "c-1",
            "Chen",
            CustomerKind.INDIVIDUAL,
            Tier.B,
            "m1",
            profiles={"wealth": WealthProfile(**values)},
        )
        with ac_app.store.transaction():
            ac_app.store.add_customer(customer)
            for agreement in agreements:
                ac_app.store.add_agreement(agreement)
        found = [s for s in ac_app.hooks.retention_signals([customer]) if s.plugin == "wealth"]
        return ({r.rule: r.weight for r in found[0].reasons}, found[0].score) if found else ({}, 0)

    return run


def agreement(number, end, signed=None):
    signed = signed or days(-300)
    return Agreement(
        f"a-{number}",
        "c-1",
        "wealth.fixed-income",
        "m1",
        AgreementStatus.ACTIVE,
        start=signed,
        end=end,
        amount=Decimal("500000"),
        signed_on=signed,
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"aum": Decimal("800"), "aum_prev_quarter": Decimal("1000")}, {"wealth.aum-drop": 0.3}),
        ({"aum": Decimal("801"), "aum_prev_quarter": Decimal("1000")}, {}),
        ({"aum": Decimal("800")}, {}),
        ({"last_contact": days(-180)}, {"wealth.no-contact": 0.15}),
        ({"last_contact": days(-179)}, {}),
        ({"questionnaire_date": days(-366)}, {"wealth.questionnaire-expired": 0.05}),
        ({"questionnaire_date": days(-365)}, {}),  # lapses tomorrow
        ({}, {}),
    ],
)
def test_each_indicator_with_its_edge(signal, values, expected):
    reasons, score = signal(**values)
    assert reasons == expected
    assert score == pytest.approx(sum(expected.values()))


@pytest.mark.parametrize(
    ("agreements", "found"),
    [
        ([agreement(1, days(30))], True),
        ([agreement(1, TODAY)], True),
        ([agreement(1, days(31))], False),
        ([agreement(1, days(-1))], False),
        ([agreement(1, days(20)), agreement(2, days(400), signed=days(-5))], False),  # renewed
        (
            [agreement(1, days(400), signed=days(-500)), agreement(2, days(20))],
            True,
        ),  # not a renewal
    ],
)
def test_an_agreement_maturing_within_30_days_without_a_new_one(signal, agreements, found):
    reasons, _ = signal(agreements=agreements)
    assert reasons == ({"wealth.maturity-no-renewal": 0.2} if found else {})


def test_indicators_add_up(signal):
    reasons, score = signal(
        agreements=[agreement(1, days(10))],
        aum=Decimal("1"),
        aum_prev_quarter=Decimal("10"),
        last_contact=days(-400),
        questionnaire_date=days(-900),
    )
    assert len(reasons) == 4
    assert score == 0.7
