"""The telecom visit policy: key customers (corporate, vip) every 14 days (telecom.md)."""

import json

import pytest
from accountcore_telecom import visits
from accountcore_telecom.settings import TelecomSettings

from accountcore import Customer, CustomerKind, Tier

# name, kind, tier, telecom profile?, day of the last visit (today is 2026-11-23)
CUSTOMERS = [
    ("Key Late", "corporate", "vip", True, "2026-11-08"),  # 15 days: 1 past 14
    ("Key Edge", "corporate", "vip", True, "2026-11-09"),  # 14 days: due today
    ("Corporate Vip No Profile", "corporate", "vip", False, "2026-11-08"),  # core: 30
    ("Person Vip", "individual", "vip", True, "2026-10-23"),  # core: 31 of 30
    ("Corporate A", "corporate", "a", True, "2026-11-08"),  # core: 60
]


@pytest.fixture
def book(ac_cli, ac_book_once):
    def build():
        ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
        for name, kind, tier, profile, _ in CUSTOMERS:
            extra = ["--set", "telecom.lines=2"] if profile else []
            ac_cli(
                "--today",
                "2026-01-05",
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                kind,
                "--tier",
                tier,
                "--manager",
                "m1",
                *extra,
                check=True,
            )
        for number, (*_, last) in enumerate(CUSTOMERS, 1):
            ac_cli(
                "visit",
                "log",
                f"c-{number}",
                "--on",
                last,
                "--purpose",
                "return",
                "--channel",
                "on-site",
                check=True,
            )

    ac_book_once(build)
    return ac_cli


def overdue(cli):
    rows = json.loads(cli("visit", "overdue", "--format", "json", check=True).stdout)
    return [(row["name"], row["interval"], row["policy"], row["days_overdue"]) for row in rows]


def test_key_customers_every_14_days(book):
    # Both one day overdue: in the order of their ids.
    assert overdue(book) == [
        ("Key Late", 14, "telecom", 1),
        ("Person Vip", 30, "core", 1),
    ]


def test_the_interval_is_a_setting(book, ac_app):
    ac_app.store.set_config("telecom.vip_corporate_visit_days", 21)
    assert overdue(book) == [("Person Vip", 30, "core", 1)]


def test_the_rule_and_its_candidates(ac_app):
    settings = TelecomSettings()
    key = Customer(
        "c-1",
        "Key",
        CustomerKind.CORPORATE,
        Tier.VIP,
        "m1",
        profiles={"telecom": ac_app.hooks.profiles["telecom"]()},
    )
    assert visits.visit_interval(key, settings) == 14
    assert (
        visits.visit_interval(
            Customer("c-2", "No profile", CustomerKind.CORPORATE, Tier.VIP, "m1"), settings
        )
        is None
    )
    [selection] = visits.candidates()
    assert (selection.profile, selection.kinds, selection.tiers) == (
        "telecom",
        {CustomerKind.CORPORATE},
        {Tier.VIP},
    )


def test_the_candidates_hold_every_customer_the_rule_answers_for(book, ac_app, ac_selected):
    candidates = ac_selected(visits.candidates())
    answered = {
        c.id
        for batch in ac_app.store.iter_customers()
        for c in batch
        if visits.visit_interval(c, TelecomSettings()) is not None
    }
    assert answered == {"c-1", "c-2"}
    assert answered <= candidates
