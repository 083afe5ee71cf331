"""The day's batch stores the retention signals; `retention risks` reads them that day."""

import pytest
from conftest import out_json

from accountcore._app import App

TELECOM_RISK = [
    "--set",
    "telecom.contract=month-to-month",
    "--set",
    "telecom.competitor_contact=true",
]
SECURITIES_RISK = ["--set", "securities.last_trade_date=2026-08-01"]


@pytest.fixture
def book(team, ac_book_once):
    def build():
        def add(name, manager, *options):
            team(
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                "individual",
                "--tier",
                "b",
                "--manager",
                manager,
                *options,
                check=True,
            )

        add("Both", "m1", *TELECOM_RISK, *SECURITIES_RISK)  # c-1: 0.40 + 0.25
        add("Telecom", "m1", *TELECOM_RISK)  # c-2: 0.40
        add("Quiet", "m2", "--set", "telecom.contract=two-year")  # c-3: nothing
        add("Trader", "m2", *SECURITIES_RISK)  # c-4: 0.25
        add("Churned", "m2", *SECURITIES_RISK)  # c-5: leaves after the run

    ac_book_once(build)
    return team


def risks(cli, *options):
    return out_json(cli(*options, "--format", "json", check=True))


ASKED = [
    ("retention", "risks"),
    ("retention", "risks", "--limit", "2"),
    ("retention", "risks", "--min-score", "0.4"),
    ("retention", "risks", "--min-score", "0.39999"),
    ("retention", "risks", "--manager", "m2"),
    ("--as", "m2", "retention", "risks"),
    ("--as", "s1", "retention", "risks", "--limit", "1"),
]


def _stored_run(ac_book, ac_today):
    app = App(str(ac_book), today=ac_today)
    try:
        return app.store.retention_run()
    finally:
        app.close()


def test_the_stored_signals_rank_as_scoring_them_now(book, ac_book, ac_today):
    fresh = {asked: risks(book, *asked) for asked in ASKED}
    book("care", "run", check=True)
    assert _stored_run(ac_book, ac_today)[0] == ac_today
    for asked in ASKED:
        assert risks(book, *asked) == fresh[asked] == risks(book, *asked, "--fresh"), asked
    # Every reason is kept, each with its plugin, heaviest first.
    first = risks(book, "retention", "risks", "--limit", "1")[0]
    assert [(r["rule"], r["plugin"]) for r in first["reasons"]] == [
        ("securities.no-trade", "securities"),
        ("telecom.competitor-contact", "telecom"),
        ("telecom.month-to-month", "telecom"),
    ]


def test_the_day_reads_what_the_batch_stored_until_the_next_run(book):
    book("care", "run", check=True)
    calm = ["--set", "telecom.contract=two-year", "--set", "telecom.competitor_contact=false"]
    book("customer", "update", "c-2", *calm, check=True)
    book("customer", "update", "c-5", "--status", "churned", check=True)
    stored = [r["customer"] for r in risks(book, "retention", "risks")]
    assert stored == ["c-1", "c-2", "c-4"]  # as the batch saw c-2; c-5 has left
    now = [r["customer"] for r in risks(book, "retention", "risks", "--fresh")]
    assert now == ["c-1", "c-4"]
    # Tomorrow nothing is stored yet: scored afresh; once the batch ran, read again.
    tomorrow = ("--today", "2026-11-24", "retention", "risks")
    assert [r["customer"] for r in risks(book, *tomorrow)] == ["c-1", "c-4"]
    book("care", "run", check=True)
    assert [r["customer"] for r in risks(book, "retention", "risks")] == ["c-1", "c-4"]


def test_other_plugins_or_settings_than_the_run_had_score_afresh(book):
    book("care", "run", check=True)
    without = risks(book, "--disable-plugin", "securities", "retention", "risks")
    assert [r["customer"] for r in without] == ["c-1", "c-2"]
    assert {r["plugin"] for r in without[0]["reasons"]} == {"telecom"}
    book("config", "set", "securities.dormant_days", "400", check=True)
    assert risks(book, "retention", "risks") == risks(book, "retention", "risks", "--fresh")


def test_a_managers_run_stores_nothing_for_the_book(book, ac_book, ac_today):
    book("--as", "m1", "care", "run", check=True)
    assert _stored_run(ac_book, ac_today) is None
    book("care", "run", "--manager", "m1", check=True)
    assert _stored_run(ac_book, ac_today) is None
    assert [r["customer"] for r in risks(book, "retention", "risks")] == [
        "c-1",
        "c-2",
        "c-4",
        "c-5",
    ]
