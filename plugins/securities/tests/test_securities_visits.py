"""The securities visit policy: margin customers and ordinary investors in R4-R5 every 30 days."""

import datetime
import json

import pytest
from accountcore_securities import visits
from accountcore_securities.settings import SecuritiesSettings

from accountcore import Agreement, AgreementStatus, ProductRisk

ACTIVE, SIGNED, TERMINATED = (
    AgreementStatus.ACTIVE,
    AgreementStatus.SIGNED,
    AgreementStatus.TERMINATED,
)

# name, profile values, agreements (product, status, end), last visit (today 2026-11-23).
# Every customer is of tier c: 180 days by the core.
CUSTOMERS = [
    ("Margin Disclosure", ["disclosures=margin"], [], "2026-10-23"),
    (
        "Margin Stopped",
        ["disclosures=chinext,margin"],
        [("securities.margin", TERMINATED, None)],
        "2026-10-23",
    ),
    ("Margin Agreement", ["risk_level=C4"], [("securities.margin", ACTIVE, None)], "2026-10-23"),
    (
        "Margin Ended",
        ["risk_level=C4"],
        [("securities.margin", ACTIVE, "2026-11-01")],
        "2026-10-23",
    ),
    ("Margin No Profile", None, [("securities.margin", ACTIVE, None)], "2026-10-23"),
    (
        "Ordinary Equity",
        ["investor_type=ordinary"],
        [("securities.fund.equity", ACTIVE, None)],
        "2026-10-22",
    ),
    (
        "Professional Equity",
        ["investor_type=professional"],
        [("securities.fund.equity", ACTIVE, None)],
        "2026-10-22",
    ),
    (
        "Ordinary Mixed",
        ["investor_type=ordinary"],
        [("securities.fund.mixed", ACTIVE, None)],
        "2026-10-22",
    ),
    (
        "Unknown Type Note",
        ["risk_level=C5"],
        [("securities.structured-note", ACTIVE, None)],
        "2026-10-22",
    ),
    (
        "Ordinary Signed Note",
        ["investor_type=ordinary"],
        [("securities.structured-note", SIGNED, None)],
        "2026-10-24",
    ),
]


@pytest.fixture
def book(ac_cli, ac_app, ac_book_once):
    def build():
        ac_cli("manager", "add", "m1", "--name", "Li Na", check=True)
        for name, values, _, _ in CUSTOMERS:
            extra = [item for value in values or () for item in ("--set", f"securities.{value}")]
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
                "c",
                "--manager",
                "m1",
                *extra,
                check=True,
            )
        with ac_app.store.transaction():
            for number, (_, _, agreements, _) in enumerate(CUSTOMERS, 1):
                for product, status, end in agreements:
                    ac_app.store.add_agreement(
                        Agreement(
                            ac_app.store.next_id("a"),
                            f"c-{number}",
                            product,
                            "m1",
                            status,
                            end=end and datetime.date.fromisoformat(end),
                            signed_on=datetime.date(2026, 3, 2),
                        )
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


def test_margin_and_high_risk_customers_every_30_days(book):
    assert overdue(book) == [
        ("Ordinary Equity", 30, "securities", 2),
        ("Margin Disclosure", 30, "securities", 1),
        ("Margin Agreement", 30, "securities", 1),
    ]


def test_the_intervals_and_the_risk_floor_are_settings(book, ac_app):
    ac_app.store.set_config("securities.high_risk_min", "R5")
    ac_app.store.set_config("securities.margin_visit_days", 28)
    ac_app.store.set_config("securities.high_risk_visit_days", 25)
    assert overdue(book) == [
        ("Ordinary Signed Note", 25, "securities", 5),
        ("Margin Disclosure", 28, "securities", 3),
        ("Margin Agreement", 28, "securities", 3),
    ]


def test_the_high_risk_products_follow_the_setting():
    assert visits.high_risk_products(SecuritiesSettings()) == {
        "securities.fund.equity",
        "securities.structured-note",
    }
    r3 = SecuritiesSettings(high_risk_min=ProductRisk.R3)
    assert "securities.fund.mixed" in visits.high_risk_products(r3)


def test_the_candidates_hold_every_customer_the_rule_answers_for(book, ac_app, ac_selected):
    settings = SecuritiesSettings()
    context = ac_app.context("securities")
    candidates = ac_selected(visits.candidates(settings))
    answered = {
        c.id
        for batch in ac_app.store.iter_customers()
        for c in batch
        if visits.visit_interval(c, context) is not None
    }
    assert answered == {"c-1", "c-3", "c-6", "c-10"}
    assert answered <= candidates
    # Neither the ordinary investor in a mixed fund (R3) nor a file without the
    # securities profile is even read from the book.
    assert {"c-5", "c-8"}.isdisjoint(candidates)
