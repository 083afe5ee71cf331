"""Who may do what: book-wide decisions are the administrator's; reserved, empty, unknown and
inactive identities are refused; the claimed --today is recorded and far-off ones flagged.
The book is checked unchanged after every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import book_state, out_json


@pytest.fixture
def book(team):
    team(
        "customer",
        "add",
        "--name",
        "Chen Hua",
        "--kind",
        "individual",
        "--tier",
        "a",
        "--manager",
        "m1",
        check=True,
    )
    return team


@pytest.mark.parametrize(
    ("command", "rule"),
    [
        (("config", "set", "telecom.max_lines_per_id", "9"), "core.admin-only"),
        (("config", "unset", "telecom.max_lines_per_id"), "core.admin-only"),
        (("plugins", "disable", "wealth"), "core.admin-only"),
        (("plugins", "enable", "wealth"), "core.admin-only"),
        (("init",), "core.admin-only"),
        (("manager", "deactivate", "m2"), "core.admin-only"),
        (("manager", "add", "m9", "--name", "New"), "core.admin-only"),
    ],
)
@pytest.mark.parametrize("actor", ["m1", "s1"])
def test_book_wide_decisions_are_the_administrators(book, ac_book, command, rule, actor):
    book("config", "set", "telecom.max_lines_per_id", "6", check=True)
    before = book_state(ac_book)
    refused = book("--as", actor, *command)
    assert refused.exit_code == 1, refused.output
    assert f"refused by {rule}" in refused.stderr
    assert book_state(ac_book) == before


@pytest.mark.parametrize("reserved", ["admin", "Admin", "root", "system", "core"])
def test_a_reserved_id_cannot_be_a_managers(book, ac_book, reserved):
    before = book_state(ac_book)
    refused = book("manager", "add", reserved, "--name", "Impostor")
    assert refused.exit_code == 1 and "core.reserved-id" in refused.stderr
    assert book_state(ac_book) == before


@pytest.mark.parametrize(
    ("actor", "code", "says"),
    [
        ("", 2, "--as ''"),
        ("  ", 2, "--as"),
        ("nobody", 2, "no such manager"),
        ("admin", 2, "no such manager"),
    ],
)
def test_an_empty_or_unknown_actor_is_refused(book, ac_book, actor, code, says):
    before = book_state(ac_book)
    for command in (("customer", "list"), ("customer", "show", "c-1", "--reveal")):
        refused = book("--as", actor, *command)
        assert refused.exit_code == code and says in refused.stderr
    assert book_state(ac_book) == before


def test_an_inactive_manager_reads_nothing_and_changes_nothing(book, ac_book):
    book("manager", "deactivate", "m1", check=True)
    before = book_state(ac_book)
    for command in (
        ("customer", "list"),
        ("customer", "show", "c-1"),
        ("visit", "log", "c-1", "--purpose", "care", "--channel", "phone"),
        ("care", "due"),
    ):
        refused = book("--as", "m1", *command)
        assert refused.exit_code == 1 and "core.inactive-manager" in refused.stderr, command
    assert book_state(ac_book) == before
    book("manager", "activate", "m1", check=True)
    assert book("--as", "m1", "customer", "list").exit_code == 0
    actions = [e["action"] for e in out_json(book("audit", "log", "--format", "json"))]
    assert actions[-2:] == ["manager.update", "manager.update"]


def test_the_claimed_date_is_recorded_and_a_far_one_flagged(book):
    real = dt.date.today()
    back = (real - dt.timedelta(days=40)).isoformat()
    book(
        "--today",
        real.isoformat(),
        "visit",
        "log",
        "c-1",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    book(
        "--today",
        back,
        "--as",
        "m1",
        "visit",
        "log",
        "c-1",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    *_, honest, backdated = out_json(book("--as", "s1", "audit", "log", "--format", "json"))
    assert honest["today"] == real.isoformat() and honest["flag"] is None
    assert backdated["today"] == back
    assert backdated["flag"].startswith(f"claimed {back}, 40 days before the real date")
    table = book("--as", "s1", "audit", "log", env={"COLUMNS": "200"}).stdout
    assert f"claimed {back}" in table


def test_the_flag_tolerance_is_a_setting(book):
    real = dt.date.today()
    book("config", "set", "core.claimed_date_days", "60", check=True)
    back = (real - dt.timedelta(days=40)).isoformat()
    book(
        "--today",
        back,
        "visit",
        "log",
        "c-1",
        "--purpose",
        "care",
        "--channel",
        "phone",
        check=True,
    )
    assert out_json(book("audit", "log", "--format", "json"))[-1]["flag"] is None
