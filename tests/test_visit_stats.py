"""Each manager's month: visits made and planned, capacity, target, pace and quality.

Every figure below is worked out by hand from the small book of the fixture.
"""

import datetime as dt

import pytest
from conftest import out_json

from accountcore import Agreement, AgreementStatus
from accountcore._app import App
from accountcore.dates import working_days


@pytest.fixture
def book(ac_cli, ac_book, ac_today, ac_book_once):
    """m1 (target 15) holds c-1..c-4, m2 (target 12, capacity 40) c-5 and c-6; m3 none."""

    def build():
        ac_cli(
            "manager",
            "add",
            "s1",
            "--name",
            "Zhou Min",
            "--capacity",
            "30",
            "--target",
            "10",
            check=True,
        )
        ac_cli("manager", "add", "m1", "--name", "Li Na", "--supervisor", "s1", check=True)
        ac_cli(
            "manager",
            "add",
            "m2",
            "--name",
            "Ma Jun",
            "--supervisor",
            "s1",
            "--capacity",
            "40",
            "--target",
            "12",
            check=True,
        )
        ac_cli("manager", "add", "m3", "--name", "Guo Jing", check=True)
        for number in range(1, 7):
            ac_cli(
                "--today",
                "2026-01-05",
                "customer",
                "add",
                "--name",
                f"Customer {number}",
                "--kind",
                "individual",
                "--tier",
                "b",
                "--manager",
                "m1" if number <= 4 else "m2",
                check=True,
            )

        def log(customer, day, purpose="return", *, today=None):
            prefix = ["--today", today] if today else []
            ac_cli(
                *prefix,
                "visit",
                "log",
                customer,
                "--on",
                day,
                "--purpose",
                purpose,
                "--channel",
                "on-site",
                check=True,
            )

        # October, a month gone by.
        log("c-1", "2026-10-02", "development")
        log("c-2", "2026-10-05", "development")
        log("c-3", "2026-10-06")
        log("c-4", "2026-10-07", "sales")
        log("c-1", "2026-10-20")
        ac_cli(
            "--today",
            "2026-10-01",
            "visit",
            "plan",
            "c-6",
            "--on",
            "2026-10-28",
            "--purpose",
            "care",
            "--channel",
            "phone",
            check=True,
        )
        log("c-5", "2026-10-15", "care")
        log("c-6", "2026-10-16", "complaint")
        # Agreements: c-1 28 days after its first visit (and 10 after the second), c-2 31 days
        # after its visit, c-3 before its visit, c-4 the day of its visit.
        app = App(str(ac_book), today=ac_today)
        with app.store.transaction():
            for customer, signed in (
                ("c-1", "2026-10-30"),
                ("c-2", "2026-11-05"),
                ("c-3", "2026-10-01"),
                ("c-4", "2026-10-07"),
            ):
                app.store.add_agreement(
                    Agreement(
                        app.store.next_id("a"),
                        customer,
                        "wealth.cash",
                        "m1",
                        AgreementStatus.ACTIVE,
                        signed_on=dt.date.fromisoformat(signed),
                    )
                )
        app.close()
        # November to the 23rd (a Monday): 16 of the month's 21 working days are gone.
        for day in range(2, 12):
            log(f"c-{day % 4 + 1}", f"2026-11-{day:02}", "development" if day < 5 else "return")
        for day in range(2, 9):
            log(f"c-{day % 2 + 5}", f"2026-11-{day:02}")
        ac_cli(
            "visit",
            "plan",
            "c-5",
            "--on",
            "2026-11-30",
            "--purpose",
            "sales",
            "--channel",
            "phone",
            check=True,
        )
        ac_cli(
            "visit",
            "plan",
            "c-1",
            "--on",
            "2026-12-02",
            "--purpose",
            "sales",
            "--channel",
            "phone",
            check=True,
        )

    ac_book_once(build)
    return ac_cli


def stats(cli, *args, month=None):
    chosen = ["--month", month] if month else []
    result = cli(*args, "visit", "stats", *chosen, "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["manager"]: row for row in out_json(result)}


def test_a_month_gone_by(book):
    october = stats(book, month="2026-10")
    assert list(october) == ["m1", "m2", "m3", "s1"]
    assert october["m1"] == {
        "manager": "m1",
        "name": "Li Na",
        "month": "2026-10",
        "made": 5,
        "planned": 0,
        "missed": 0,
        "capacity": 44,
        "target": 15,
        "development": 2,
        "development_share": 0.4,
        "followed_by_agreement": 3,
        "expected": 15.0,
        "pace": 0.333,
        "behind": True,
        "over_capacity": False,
        "warning": None,
    }
    assert october["m2"] == {
        "manager": "m2",
        "name": "Ma Jun",
        "month": "2026-10",
        "made": 2,
        # c-6's visit planned for 2026-10-28 was never logged: missed, not planned.
        "planned": 0,
        "missed": 1,
        "capacity": 40,
        "target": 12,
        "development": 0,
        "development_share": 0.0,
        "followed_by_agreement": 0,
        "expected": 12.0,
        "pace": 0.167,
        "behind": True,
        "over_capacity": False,
        "warning": None,
    }
    assert october["m3"]["made"] == 0 and october["m3"]["development_share"] is None
    assert october["m3"]["pace"] == 0.0 and october["m3"]["behind"] is True


def test_this_month_to_date_against_the_pace(book):
    november = stats(book)
    # m1: 10 made of 15 x 16/21 = 11.43 expected: pace 0.875, above 80%.
    m1 = november["m1"]
    assert (m1["month"], m1["made"], m1["planned"], m1["expected"]) == ("2026-11", 10, 0, 11.43)
    assert (m1["pace"], m1["behind"], m1["development"], m1["development_share"]) == (
        0.875,
        False,
        3,
        0.3,
    )
    # m2: 7 made of 12 x 16/21 = 9.14 expected: pace 0.766, under 80% (8 would be 0.875).
    m2 = november["m2"]
    assert (m2["made"], m2["planned"], m2["expected"], m2["pace"], m2["behind"]) == (
        7,
        1,
        9.14,
        0.766,
        True,
    )


def test_the_pace_edge_at_80_percent(book):
    book("visit", "log", "c-5", "--purpose", "return", "--channel", "phone", check=True)
    m2 = stats(book)["m2"]
    assert (m2["made"], m2["pace"], m2["behind"]) == (8, 0.875, False)
    # On the 24th, 17 of 21 working days: 12 x 17/21 = 9.71 expected, 8 made is 0.824.
    m2 = stats(book, "--today", "2026-11-24")["m2"]
    assert (m2["expected"], m2["pace"], m2["behind"]) == (9.71, 0.824, False)
    # On the 26th, 19 of 21: 10.86 expected, 8 made is 0.737.
    m2 = stats(book, "--today", "2026-11-26")["m2"]
    assert (m2["expected"], m2["pace"], m2["behind"]) == (10.86, 0.737, True)


def test_a_month_to_come(book):
    december = stats(book, month="2026-12")
    assert (december["m1"]["planned"], december["m1"]["made"]) == (1, 0)
    assert (december["m1"]["expected"], december["m1"]["pace"]) == (0.0, None)
    assert december["m1"]["behind"] is False


def test_scope(book):
    assert list(stats(book, "--as", "m1")) == ["m1"]
    assert list(stats(book, "--as", "s1")) == ["m1", "m2", "s1"]
    table = book("visit", "stats", "--month", "2026-10", env={"COLUMNS": "200"}).stdout
    table = table.splitlines()
    assert table[0].split()[:4] == ["manager", "name", "made", "planned"]
    assert table[2].split()[:5] == ["m1", "Li", "Na", "5", "0"]


def test_an_inactive_manager_is_listed_only_with_visits(book):
    book("manager", "update", "m3", "--inactive", check=True)
    assert "m3" not in stats(book, month="2026-10")


@pytest.mark.parametrize(
    ("first", "last", "days"),
    [
        ("2026-11-01", "2026-11-30", 21),  # starts on a Sunday
        ("2026-11-01", "2026-11-23", 16),
        ("2026-11-02", "2026-11-06", 5),
        ("2026-11-07", "2026-11-08", 0),  # a weekend
        ("2026-12-01", "2026-12-31", 23),
        ("2026-11-24", "2026-11-23", 0),
    ],
)
def test_working_days(first, last, days):
    assert working_days(dt.date.fromisoformat(first), dt.date.fromisoformat(last)) == days
