"""The securities care rules (securities.md, "Care"), with dates around their edges."""

import datetime as dt
from decimal import Decimal

import pytest
from accountcore_securities.profile import SecuritiesProfile

from accountcore import Agreement, AgreementStatus, Channel, Customer, CustomerKind, Manager, Tier

TODAY = dt.date(2026, 11, 23)  # a Monday


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def care(ac_app):
    """The securities care actions on ``today`` for c-1 with this profile (and agreements)."""
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
            profiles={"securities": SecuritiesProfile(**values)},
        )
        with ac_app.store.transaction():
            if ac_app.store.get_customer("c-1") is None:
                ac_app.store.add_customer(customer)
            for agreement in agreements:
                ac_app.store.add_agreement(agreement)
        app = ac_app.evolve(today=today)
        opened.append(app)
        return [a for a in app.hooks.care_due([customer]) if a.plugin == "securities"]

    yield run
    for app in opened:
        app.close()


def rule(actions, rule_id):
    found = [a for a in actions if a.rule == rule_id]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("today", "monday"), [(TODAY, TODAY), (days(2), TODAY), (days(6), TODAY), (days(7), days(7))]
)
def test_research_delivery_each_monday(care, today, monday):
    action = rule(care(today=today, research_subscriber=True), "securities.research-delivery")
    assert (action.due, action.channel) == (monday, Channel.EMAIL)
    assert action.period == f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    assert rule(care(research_subscriber=False), "securities.research-delivery") is None


@pytest.mark.parametrize(
    ("answered", "made"),
    [
        (days(-730), True),  # lapses tomorrow
        (days(-731), False),  # lapsed today
        (days(-701), True),
        (days(-700), False),
    ],
)
def test_questionnaire_expiry_30_days_before(care, answered, made):
    action = rule(care(questionnaire_date=answered), "securities.questionnaire-expiry")
    assert (action is not None) == made
    if made:
        assert (action.period, action.responsibility) == (
            answered.isoformat(),
            "investor-suitability",
        )


@pytest.mark.parametrize(("reviewed", "made"), [(-365, False), (-366, True), (-900, True)])
def test_kyc_due_when_the_review_lapses(care, reviewed, made):
    action = rule(care(kyc_date=days(reviewed)), "securities.kyc-due")
    assert (action is not None) == made
    if made:
        assert action.due == days(reviewed + 366)
        assert (action.responsibility, action.channel) == ("kyc-review", Channel.PHONE)


@pytest.mark.parametrize(("last", "made"), [(-179, False), (-180, True), (-400, True)])
def test_dormant_after_180_days_without_a_trade(care, last, made):
    action = rule(care(tier=Tier.A, last_trade_date=days(last)), "securities.dormant")
    assert (action is not None) == made
    if made:
        assert (action.due, action.period) == (days(last + 180), days(last).isoformat())
        assert action.channel is Channel.PHONE


ELIGIBLE = {
    "assets_20d_avg": Decimal("600000"),
    "first_trade_date": dt.date(2020, 1, 1),
    "assets_prev": Decimal("450000"),
}


@pytest.mark.parametrize(
    ("changes", "made"),
    [
        ({}, True),  # crossed 500,000 this quarter
        ({"assets_prev": Decimal("520000")}, False),  # eligible for long: not newly
        ({"assets_20d_avg": Decimal("499999")}, False),
        ({"disclosures": ("star-market",)}, False),  # has the access already
        ({"first_trade_date": days(-3 * 365)}, True),
        ({"first_trade_date": dt.date(2024, 11, 23), "assets_prev": None}, True),  # 24 months today
        ({"first_trade_date": dt.date(2024, 11, 24), "assets_prev": None}, False),  # 23 months
        ({"first_trade_date": dt.date(2024, 8, 1), "assets_prev": None}, False),  # months long met
        ({"assets_20d_avg": None}, False),
    ],
)
def test_access_eligible_when_newly_meeting_the_star_market_thresholds(care, changes, made):
    action = rule(care(**{**ELIGIBLE, **changes}), "securities.access-eligible")
    assert (action is not None) == made
    if made:
        assert (action.period, action.channel) == ("2026-Q4", Channel.SMS)


def test_no_invitation_with_the_access_signed(care):
    access = Agreement(
        "a-1", "c-1", "securities.star-market", "m1", AgreementStatus.ACTIVE, signed_on=days(-10)
    )
    assert rule(care(agreements=[access], **ELIGIBLE), "securities.access-eligible") is None
