"""The wealth visit policy: private-bank customers every 30 days (wealth.md)."""

import json
from decimal import Decimal

import pytest
from accountcore_wealth import visits
from accountcore_wealth.settings import WealthSettings

# name, tier, wealth profile values, day of the last visit (today is 2026-11-23)
CUSTOMERS = [
    ("Private Late", "c", ["financial_net_assets=6000000"], "2026-10-23"),  # 31 of 30
    ("Private Edge", "c", ["financial_net_assets=6000000.00"], "2026-10-24"),  # 30: due today
    ("Just Under", "c", ["financial_net_assets=5999999.99"], "2026-10-23"),  # core: 180
    ("Unknown Assets", "c", ["aum=8000000"], "2026-10-23"),  # core: 180
    ("Rich Vip", "vip", ["financial_net_assets=9000000"], "2026-10-20"),  # 34 of 30, wealth
    ("Plain B", "b", [], "2026-08-20"),  # core: 95 of 90
]


@pytest.fixture
def book(ac_cli, ac_book_once):
    def build():
        ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
        for name, tier, values, _ in CUSTOMERS:
            extra = [item for value in values for item in ("--set", f"wealth.{value}")]
            ac_cli(
                "--today",
                "2026-01-05",
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                "individual",
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


def test_private_bank_customers_every_30_days(book):
    assert overdue(book) == [
        ("Plain B", 90, "core", 5),
        ("Rich Vip", 30, "wealth", 4),
        ("Private Late", 30, "wealth", 1),
    ]


def test_the_threshold_and_the_interval_are_settings(book, ac_app):
    ac_app.store.set_config("wealth.private_bank_net_assets", "5000000")
    ac_app.store.set_config("wealth.private_bank_visit_days", 29)
    assert overdue(book) == [
        ("Rich Vip", 29, "wealth", 5),
        ("Plain B", 90, "core", 5),
        ("Private Late", 29, "wealth", 2),
        ("Just Under", 29, "wealth", 2),
        ("Private Edge", 29, "wealth", 1),
    ]


def test_the_candidates_hold_every_customer_the_rule_answers_for(book, ac_app, ac_selected):
    settings = WealthSettings()
    candidates = ac_selected(visits.candidates(settings))
    answered = {
        c.id
        for batch in ac_app.store.iter_customers()
        for c in batch
        if visits.visit_interval(c, settings) is not None
    }
    assert answered == {"c-1", "c-2", "c-5"}
    assert candidates == answered
    lower = WealthSettings(private_bank_net_assets=Decimal("5999999.99"))
    assert ac_selected(visits.candidates(lower)) == {
        "c-1",
        "c-2",
        "c-3",
        "c-5",
    }
