"""The wealth care rules (wealth.md, "Care"), with dates around their edges."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from accountcore_wealth.profile import WealthProfile

from accountcore import (
    Agreement,
    AgreementStatus,
    Channel,
    Customer,
    CustomerKind,
    InvestorRisk,
    Manager,
    Tier,
)

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def care(ac_app):
    """The wealth care actions on ``today`` for c-1, with this profile and these agreements."""
    with ac_app.store.transaction():
        ac_app.store.add_manager(Manager("m1", "Li Na"))
    opened = []

    def run(today=TODAY, tier=Tier.B, agreements=(), **values):
        customer = Customer(
            "c-1",
            "Chen",
            CustomerKind.INDIVIDUAL,
            tier,
            "m1",
            profiles={"wealth": WealthProfile(**values)},
        )
        with ac_app.store.transaction():
            if ac_app.store.get_customer("c-1") is None:
                ac_app.store.add_customer(customer)
            for agreement in agreements:
                ac_app.store.add_agreement(agreement)
        app = ac_app.evolve(today=today)
        opened.append(app)
        return [a for a in app.hooks.care_due([customer]) if a.plugin == "wealth"]

    yield run
    for app in opened:
        app.close()


def agreement(
    number, product="wealth.fixed-income", end=None, signed=None, status=AgreementStatus.ACTIVE
):
    signed = signed or days(-200)
    return Agreement(
        f"a-{number}",
        "c-1",
        product,
        "m1",
        status,
        start=signed,
        end=end,
        amount=Decimal("100000"),
        signed_on=signed,
    )


def rule(actions, rule_id):
    return [a for a in actions if a.rule == rule_id]


@pytest.mark.parametrize(
    ("left", "notice"),
    [(31, None), (30, 30), (8, 30), (7, 7), (2, 7), (1, 1), (0, None), (-3, None)],
)
def test_maturity_notices_30_7_and_1_day_before(care, left, notice):
    found = rule(care(agreements=[agreement(1, end=days(left))]), "wealth.maturity")
    if notice is None:
        assert found == []
        return
    [action] = found
    assert (action.period, action.due) == (f"a-1/{notice}d", days(left - notice))
    assert action.channel is Channel.SMS
    assert f"matures on {days(left)}" in action.message


def test_maturity_by_phone_for_vip_and_only_for_live_wealth_agreements(care):
    agreements = [
        agreement(1, end=days(7)),
        agreement(2, end=days(7), status=AgreementStatus.TERMINATED),
        agreement(3, product="telecom.broadband", end=days(7)),
    ]
    [action] = rule(care(tier=Tier.VIP, agreements=agreements), "wealth.maturity")
    assert (action.period, action.channel) == ("a-1/7d", Channel.PHONE)


def test_the_three_notices_follow_each_other_through_the_cli(ac_cli, ac_app):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Zhao",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        "--set",
        "wealth.risk_level=C3",
        check=True,
    )
    with ac_app.store.transaction():
        ac_app.store.add_agreement(agreement(1, end=dt.date(2027, 1, 31)))

    def due(today):
        result = ac_cli(
            "--today",
            today,
            "care",
            "due",
            "--rule",
            "wealth.maturity",
            "--format",
            "json",
            check=True,
        )
        return [a["period"] for a in json.loads(result.stdout)]

    assert due("2026-12-31") == []
    assert due("2027-01-01") == ["a-1/30d"]
    # Each notice replaces the one before, which lapses.
    assert due("2027-01-24") == ["a-1/7d"]
    assert due("2027-01-30") == ["a-1/1d"]
    assert due("2027-01-31") == []  # matured: the notice has expired


@pytest.mark.parametrize(
    ("answered", "made"),
    [
        (days(-365), True),  # lapses tomorrow: the reminder is still due
        (days(-366), False),  # lapsed today: compliance takes over
        (days(-336), True),  # 30 days before it lapses
        (days(-335), False),
    ],
)
def test_questionnaire_expiry_30_days_before(care, answered, made):
    found = rule(care(questionnaire_date=answered), "wealth.questionnaire-expiry")
    assert bool(found) == made
    if made:
        [action] = found
        assert action.period == answered.isoformat()
        assert action.due == answered + dt.timedelta(days=336)
        assert action.responsibility == "suitability-review"


@pytest.mark.parametrize(("signed", "made"), [(-1, False), (-2, True), (-32, True), (-33, False)])
def test_cooling_off_visit_the_day_after_it_ends(care, signed, made):
    fund = agreement(1, product="wealth.private-fund", signed=days(signed), end=days(1000))
    found = rule(care(agreements=[fund, agreement(2, signed=days(-2))]), "wealth.cooling-off-visit")
    assert bool(found) == made
    if made:
        [action] = found
        assert (action.due, action.period) == (days(signed + 2), "a-1")
        assert (action.responsibility, action.channel) == ("cooling-off-visit", Channel.PHONE)
        assert "someone other than m1, the selling manager" in action.message


def test_vip_review_each_quarter_by_visit(care):
    [action] = rule(care(tier=Tier.VIP, risk_level=InvestorRisk.C4), "wealth.vip-review")
    assert (action.channel, action.period) == (Channel.VISIT, "2026-Q4")
    assert rule(care(tier=Tier.A), "wealth.vip-review") == []


def test_a_vip_who_refused_visits_is_phoned(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Gao",
        "--kind",
        "individual",
        "--tier",
        "vip",
        "--manager",
        "m1",
        "--refuse",
        "visit",
        "--set",
        "wealth.risk_level=C5",
        check=True,
    )
    result = ac_cli("care", "due", "--rule", "wealth.vip-review", "--format", "json", check=True)
    assert [a["channel"] for a in json.loads(result.stdout)] == ["phone"]
