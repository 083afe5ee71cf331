"""The telecom care rules (telecom.md, "Care"), with dates around their edges."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from accountcore_telecom.profile import TelecomProfile

from accountcore import Channel, Customer, CustomerKind, Tier

TODAY = dt.date(2026, 11, 23)


def days(n):
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def care(ac_app):
    """The telecom care actions for one customer with this profile, on ``today``."""
    opened = []

    def run(today=TODAY, tier=Tier.B, **values):
        app = ac_app.evolve(today=today)
        opened.append(app)
        customer = Customer(
            "c-1",
            "Chen",
            CustomerKind.INDIVIDUAL,
            tier,
            "m1",
            profiles={"telecom": TelecomProfile(**values)},
        )
        return [a for a in app.hooks.care_due([customer]) if a.plugin == "telecom"]

    yield run
    for app in opened:
        app.close()


def one(actions, rule):
    found = [a for a in actions if a.rule == rule]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize(
    ("end", "made"), [(30, True), (31, False), (0, True), (-1, False), (12, True)]
)
def test_contract_end_from_30_days_before_to_the_end(care, end, made):
    action = one(care(contract_end=days(end)), "telecom.contract-end")
    assert (action is not None) == made
    if made:
        assert action.due == days(end - 30)
        assert action.period == days(end).isoformat()
        assert action.channel is Channel.SMS
        assert f"Contract ends on {days(end)}" in action.message


def test_contract_end_by_phone_for_vip_and_a(care):
    for tier, channel in (
        (Tier.VIP, Channel.PHONE),
        (Tier.A, Channel.PHONE),
        (Tier.C, Channel.SMS),
    ):
        assert (
            one(care(tier=tier, contract_end=days(30)), "telecom.contract-end").channel is channel
        )


@pytest.mark.parametrize(
    ("since", "stage", "channel"),
    [
        (0, None, None),
        (1, 1, Channel.SMS),
        (14, 1, Channel.SMS),
        (15, 15, Channel.PHONE),
        (29, 15, Channel.PHONE),
        (30, 30, Channel.SMS),
        (59, 30, Channel.SMS),
        (60, 60, Channel.SMS),
        (200, 60, Channel.SMS),
    ],
)
def test_arrears_reminder_stages(care, since, stage, channel):
    action = one(
        care(arrears_amount=Decimal("88.00"), arrears_since=days(-since)),
        "telecom.arrears-reminder",
    )
    if stage is None:
        assert action is None
        return
    assert (action.channel, action.due) == (channel, days(-since + stage))
    assert action.period == f"{days(-since)}/{stage}d"
    assert action.responsibility == "arrears-recovery"
    assert "88.00 owed" in action.message


def test_no_arrears_reminder_without_an_amount_or_a_date(care):
    assert one(care(arrears_since=days(-20)), "telecom.arrears-reminder") is None
    assert one(care(arrears_amount=Decimal("5")), "telecom.arrears-reminder") is None


@pytest.mark.parametrize(
    ("joined", "today", "tier", "due"),
    [
        (dt.date(2015, 11, 23), TODAY, Tier.VIP, TODAY),
        (dt.date(2015, 11, 23), TODAY, Tier.B, None),
        (dt.date(2015, 11, 16), TODAY, Tier.A, dt.date(2026, 11, 16)),
        (dt.date(2015, 11, 15), TODAY, Tier.A, None),
        (dt.date(2026, 3, 1), TODAY, Tier.VIP, None),
        (dt.date(2016, 2, 29), dt.date(2027, 2, 28), Tier.VIP, dt.date(2027, 2, 28)),
    ],
)
def test_network_anniversary_for_vip_and_a(care, joined, today, tier, due):
    action = one(care(today=today, tier=tier, network_join=joined), "telecom.network-anniversary")
    assert (action.due if action else None) == due
    if action:
        assert action.channel is Channel.SMS and action.period == str(due.year)
        assert f"{due.year - joined.year} years on the network" in action.message


@pytest.mark.parametrize(
    ("plan", "used", "made"),
    [
        ("telecom.plan.basic", "12.1", True),
        ("telecom.plan.basic", "12", False),
        ("telecom.plan.5g-unlimited", "121", True),
        ("telecom.plan.5g-unlimited", "95", False),
        ("telecom.group.vpn", "500", False),
        (None, "500", False),
    ],
)
def test_plan_fit_over_120_percent_of_the_plan(care, plan, used, made):
    action = one(care(plan=plan, data_gb_last=Decimal(used)), "telecom.plan-fit")
    assert (action is not None) == made
    if made:
        assert (action.channel, action.period) == (Channel.SMS, "2026-11")
        assert f"Used {used} GB" in action.message


def test_vip_invitation_each_quarter(care):
    action = one(care(tier=Tier.VIP), "telecom.vip-invitation")
    assert (action.channel, action.period, action.due) == (Channel.PHONE, "2026-Q4", TODAY)
    assert one(care(tier=Tier.VIP, today=dt.date(2027, 1, 2)), "telecom.vip-invitation").period == (
        "2027-Q1"
    )
    assert one(care(tier=Tier.A), "telecom.vip-invitation") is None


def test_a_customer_without_a_telecom_profile_gets_no_telecom_care(ac_app):
    customer = Customer("c-1", "Chen", CustomerKind.INDIVIDUAL, Tier.VIP, "m1")
    assert [a for a in ac_app.hooks.care_due([customer]) if a.plugin == "telecom"] == []


def test_arrears_stages_follow_each_other_through_the_cli(ac_cli):
    ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
    ac_cli(
        "customer",
        "add",
        "--name",
        "Sun",
        "--kind",
        "individual",
        "--tier",
        "b",
        "--manager",
        "m1",
        "--refuse",
        "sms",
        "--set",
        "telecom.arrears_amount=156.00",
        "--set",
        "telecom.arrears_since=2026-11-20",
        check=True,
    )

    def due(today):
        result = ac_cli(
            "--today",
            today,
            "care",
            "due",
            "--rule",
            "telecom.arrears-reminder",
            "--format",
            "json",
            check=True,
        )
        return [(a["period"], a["channel"]) for a in json.loads(result.stdout)]

    assert due("2026-11-21") == [("2026-11-20/1d", "email")]  # SMS refused
    # The reminder call replaces the payment reminder, which lapses (tests/test_care_reconcile.py).
    assert due("2026-12-05") == [("2026-11-20/15d", "phone")]
    assert due("2026-12-05") == [("2026-11-20/15d", "phone")]
