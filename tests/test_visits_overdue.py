"""Overdue return visits: the core's interval by tier, plugins' policies, order and scope."""

import pytest
from conftest import out_json

from accountcore import Customer, CustomerKind, CustomerSelection, Tier
from accountcore._app import App
from accountcore._errors import PluginError

# A plugin with its own interval for customers named "Key ...", saying which they are.
KEY_CUSTOMERS = """
import attrs
from accountcore import CustomerSelection, Tier, hookimpl

@attrs.frozen
class Settings:
    key_days: int = 7

ASKED = []

@hookimpl
def register_settings():
    return Settings

@hookimpl
def visit_policy(customer, context):
    ASKED.append(customer.id)
    return context.settings.key_days if customer.name.startswith("Key") else None

@hookimpl
def visit_policy_candidates(context):
    return [CustomerSelection(tiers={Tier.C})]
"""

# A plugin that answers for every vip and does not say for whom: it is asked about everyone.
EVERY_VIP = """
from accountcore import hookimpl

@hookimpl
def visit_policy(customer):
    return 45 if customer.tier.value == "vip" else None
"""


@pytest.fixture
def book(team, ac_book_once):
    """m1's customers, created on 2026-01-05 unless said, with their last visits."""

    def build():
        for name, tier, created in (
            ("Vip Late", "vip", None),
            ("A Late", "a", None),
            ("B Never", "b", "2026-05-01"),
            ("Key C", "c", None),
            ("Vip Edge", "vip", None),
            ("Vip Other", "vip", None),
            ("Vip Gone", "vip", None),
            ("C Fresh", "c", None),
        ):
            manager = "m2" if name == "Vip Other" else "m1"
            team(
                "--today",
                created or "2026-01-05",
                "customer",
                "add",
                "--name",
                name,
                "--kind",
                "individual",
                "--tier",
                tier,
                "--manager",
                manager,
                check=True,
            )
        team("customer", "update", "c-7", "--status", "churned", check=True)
        for customer, day in (
            ("c-1", "2026-10-01"),
            ("c-1", "2026-09-01"),
            ("c-2", "2026-08-01"),
            ("c-4", "2026-10-01"),
            ("c-5", "2026-10-24"),
            ("c-6", "2026-10-23"),
            ("c-8", "2026-06-01"),
        ):
            team(
                "visit",
                "log",
                customer,
                "--on",
                day,
                "--purpose",
                "return",
                "--channel",
                "phone",
                check=True,
            )
        team(
            "visit",
            "plan",
            "c-5",
            "--on",
            "2026-11-24",
            "--purpose",
            "return",
            "--channel",
            "phone",
            check=True,
        )

    ac_book_once(build)
    return team


def overdue(cli, *args, manager=None):
    only = ["--manager", manager] if manager else []
    result = cli(*args, "visit", "overdue", *only, "--format", "json")
    assert result.exit_code == 0, result.output
    return [
        (o["customer"], o["interval"], o["policy"], o["days_overdue"]) for o in out_json(result)
    ]


def test_most_overdue_first_by_tier(book):
    # c-3 never visited: 206 days since its file, 90 allowed; c-2 114 of 60; c-1 53 of 30;
    # c-6 31 of 30. c-5 (30 of 30) is due today, c-4 and c-8 are within 180, c-7 churned.
    assert overdue(book) == [
        ("c-3", 90, "core", 116),
        ("c-2", 60, "core", 54),
        ("c-1", 30, "core", 23),
        ("c-6", 30, "core", 1),
    ]
    [first] = out_json(book("visit", "overdue", "--format", "json"))[:1]
    assert first == {
        "customer": "c-3",
        "name": "B Never",
        "manager": "m1",
        "tier": "b",
        "last_visit": None,
        "interval": 90,
        "policy": "core",
        "due": "2026-07-30",
        "days_overdue": 116,
        "responsibility": "visits",
    }
    top = book("visit", "overdue", "--limit", "2", "--format", "csv").stdout.splitlines()
    assert [line.split(",")[0] for line in top] == ["customer", "c-3", "c-2"]
    assert book("visit", "overdue", "--limit", "0").exit_code == 2
    assert overdue(book, "--today", "2026-11-24") == [
        ("c-3", 90, "core", 117),
        ("c-2", 60, "core", 55),
        ("c-1", 30, "core", 24),
        ("c-6", 30, "core", 2),
        ("c-5", 30, "core", 1),
    ]


def test_the_tier_intervals_are_settings(book, ac_book, ac_today):
    app = App(str(ac_book), today=ac_today)
    app.store.set_config("core.visit_days_vip", 60)
    app.close()
    assert [row[0] for row in overdue(book)] == ["c-3", "c-2"]


def test_scope_a_manager_sees_his_own_and_those_delegated_for_visits(book):
    assert [row[0] for row in overdue(book, "--as", "m1")] == ["c-3", "c-2", "c-1"]
    assert [row[0] for row in overdue(book, "--as", "m2")] == ["c-6"]
    assert [row[0] for row in overdue(book, "--as", "s1")] == ["c-3", "c-2", "c-1", "c-6"]
    assert [row[0] for row in overdue(book, manager="m2")] == ["c-6"]
    assert overdue(book, "--as", "m2", manager="m1") == []
    book(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-11-23",
        "--end",
        "2026-11-30",
        "--reason",
        "leave",
        "--responsibility",
        "care",
        check=True,
    )
    assert [row[0] for row in overdue(book, "--as", "m2")] == ["c-6"]
    book(
        "delegate",
        "m1",
        "m2",
        "--start",
        "2026-12-01",
        "--end",
        "2026-12-05",
        "--reason",
        "leave",
        "--responsibility",
        "visits",
        check=True,
    )
    # On 2026-12-01 c-8, seen on 2026-06-01, is 3 days past its 180.
    assert [row[0] for row in overdue(book, "--as", "m2", "--today", "2026-12-01")] == [
        "c-3",
        "c-2",
        "c-1",
        "c-6",
        "c-5",
        "c-8",
    ]


def test_the_shortest_interval_wins_among_the_core_and_every_plugin(book, tmp_path):
    key = tmp_path / "key_customers.py"
    key.write_text(KEY_CUSTOMERS)
    vip = tmp_path / "every_vip.py"
    vip.write_text(EVERY_VIP)
    # Key C (c-4) last seen 53 days ago, tier c (180): 7 days by the plugin, 46 overdue.
    alone = [
        ("c-3", 90, "core", 116),
        ("c-2", 60, "core", 54),
        ("c-4", 7, "key_customers", 46),
        ("c-1", 30, "core", 23),
        ("c-6", 30, "core", 1),
    ]
    assert overdue(book, "--plugin", str(key)) == alone
    # Every vip at 45 days, longer than the core's 30: the core's interval stands.
    both = ["--plugin", str(key), "--plugin", str(vip)]
    assert overdue(book, *both) == alone
    # At 21 days, shorter: the plugin's holds (c-1 seen 53 days ago, c-6 31, c-5 22).
    shorter = tmp_path / "vip_21.py"
    shorter.write_text(EVERY_VIP.replace("45", "21"))
    assert overdue(book, "--plugin", str(shorter), "--plugin", str(key)) == [
        ("c-3", 90, "core", 116),
        ("c-2", 60, "core", 54),
        ("c-4", 7, "key_customers", 46),
        ("c-1", 21, "vip_21", 32),
        ("c-6", 21, "vip_21", 10),
        ("c-5", 21, "vip_21", 9),
    ]
    # Plugin order does not matter: the shortest answer wins whoever gave it first.
    assert overdue(book, "--plugin", str(vip), "--plugin", str(shorter)) == overdue(
        book, "--plugin", str(shorter), "--plugin", str(vip)
    )


def test_a_candidates_hook_answering_none_asks_about_everyone(book, tmp_path):
    everyone = tmp_path / "everyone.py"
    everyone.write_text(
        "from accountcore import hookimpl\n\n"
        "@hookimpl\ndef visit_policy_candidates():\n    return None\n\n"
        "@hookimpl\ndef visit_policy(customer):\n"
        "    return 5 if customer.name == 'C Fresh' else None\n"
    )
    result = book("--plugin", str(everyone), "visit", "overdue", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {(v["customer"], v["policy"]) for v in out_json(result)} >= {("c-8", "everyone")}


def test_plugins_are_asked_only_about_their_candidates(ac_book, ac_today, tmp_path, book):
    key = tmp_path / "key_asked.py"
    key.write_text(KEY_CUSTOMERS)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(key)])
    import sys

    assert [o.customer for o in _overdue_service(app)][:3] == ["c-3", "c-2", "c-4"]
    # Asked only about the tier-c customers (c-4, c-8), not the six others.
    assert sorted(sys.modules["key_asked"].ASKED) == ["c-4", "c-8"]
    app.close()

    vip = tmp_path / "vip_asked.py"
    vip.write_text(EVERY_VIP + "\nASKED = []\n")
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(key), str(vip)])
    sys.modules["key_asked"].ASKED.clear()
    list(_overdue_service(app))
    # A plugin that does not say for whom: every customer is asked, the other plugin first.
    assert len(sys.modules["key_asked"].ASKED) == 8
    app.close()


def _overdue_service(app):
    from accountcore._services.visits import overdue_visits

    return overdue_visits(app)


CHEN = Customer("c-1", "Key Chen", CustomerKind.INDIVIDUAL, Tier.C, "m1")


def test_the_facade_names_the_plugin_and_collects_candidates(ac_book, ac_today, tmp_path):
    key = tmp_path / "key_facade.py"
    key.write_text(KEY_CUSTOMERS)
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(key)], entry_points=False)
    assert app.hooks.visit_interval(CHEN) == (7, "key_facade")
    assert app.hooks.visit_policy(CHEN) == 7
    assert app.hooks.visit_policy_candidates() == [CustomerSelection(tiers={Tier.C})]
    app.close()
    bare = App(str(ac_book), today=ac_today, entry_points=False)
    assert bare.hooks.visit_policy_candidates() == []
    bare.close()


def test_a_candidate_hook_must_return_selections(ac_book, ac_today, tmp_path):
    broken = tmp_path / "broken_candidates.py"
    broken.write_text(
        "from accountcore import hookimpl\n"
        "@hookimpl\n"
        "def visit_policy(customer):\n"
        "    return None\n"
        "@hookimpl\n"
        "def visit_policy_candidates():\n"
        "    return ['vip customers']\n"
    )
    app = App(str(ac_book), today=ac_today, plugin_modules=[str(broken)], entry_points=False)
    with pytest.raises(PluginError, match="expected CustomerSelection values") as caught:
        app.hooks.visit_policy_candidates()
    assert caught.value.plugin == "broken_candidates"
    app.close()


def test_a_selection_of_profile_fields_names_the_profile():
    with pytest.raises(ValueError, match="give the profile too"):
        CustomerSelection(at_least={"financial_net_assets": 6_000_000})


def test_listing_does_not_wait_for_a_writer(book, ac_book, ac_today, tmp_path):
    import sqlite3

    key = tmp_path / "key_writer.py"
    key.write_text(KEY_CUSTOMERS)
    writer = sqlite3.connect(ac_book, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        app = App(str(ac_book), today=ac_today, plugin_modules=[str(key)])
        app.store._db.execute("PRAGMA busy_timeout = 100")
        assert [o.customer for o in _overdue_service(app)][:3] == ["c-3", "c-2", "c-4"]
        app.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
