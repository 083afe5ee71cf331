"""Scope on every kind of record: manager, deputy inside and outside the period,
supervisor, another team's supervisor and the administrator."""

import pytest
from conftest import out_json


@pytest.fixture
def records(team, ac_book_once):
    """c-1 (m1's) with an agreement, a visit, a complaint and a birthday care action."""

    def build():
        team("manager", "add", "s2", "--name", "Other Boss", check=True)
        team(
            "customer",
            "add",
            "--name",
            "Chen",
            "--kind",
            "individual",
            "--tier",
            "vip",
            "--manager",
            "m1",
            "--birthday",
            "1980-11-23",
            "--phone",
            "13800138000",
            "--set",
            "telecom.real_name_verified=true",
            check=True,
        )
        team(
            "customer",
            "add",
            "--name",
            "Zhao",
            "--kind",
            "individual",
            "--tier",
            "b",
            "--manager",
            "m2",
            check=True,
        )
        team("agreement", "sign", "c-1", "telecom.broadband", check=True)
        team(
            "visit",
            "log",
            "c-1",
            "--on",
            "2026-11-20",
            "--purpose",
            "return",
            "--channel",
            "phone",
            check=True,
        )
        team(
            "complaint",
            "open",
            "c-1",
            "--channel",
            "phone",
            "--severity",
            "low",
            "--summary",
            "slow broadband",
            check=True,
        )
        team("care", "run", check=True)
        team(
            "delegate",
            "m1",
            "m2",
            "--start",
            "2026-12-01",
            "--end",
            "2026-12-14",
            "--reason",
            "annual leave",
            check=True,
        )

    ac_book_once(build)
    actions = out_json(team("care", "list", "--customer", "c-1", "--format", "json"))
    [birthday] = [a for a in actions if a["rule"] == "core.birthday"]
    return team, birthday["id"]


def shows(cli, actor, today):
    """Which of c-1's records the actor may open on ``today``."""
    prefix = (["--as", actor] if actor else []) + ["--today", today]
    commands = {
        "customer": ["customer", "show", "c-1"],
        "agreement": ["agreement", "show", "a-1"],
        "visit": ["visit", "show", "v-1"],
        "complaint": ["complaint", "show", "cp-1"],
    }
    opened = {}
    for kind, command in commands.items():
        result = cli(*prefix, *command, "--format", "json")
        assert result.exit_code in (0, 1), (actor, kind, result.output)
        opened[kind] = result.exit_code == 0
    return opened


def listed(cli, actor, today):
    """Which kinds of c-1's records the actor's listings include on ``today``."""
    prefix = ["--as", actor, "--today", today]
    lists = {
        "customer": ["customer", "list"],
        "agreement": ["agreement", "list"],
        "visit": ["visit", "list"],
        "complaint": ["complaint", "list"],
        "care": ["care", "list"],
    }
    found = {}
    for kind, command in lists.items():
        rows = out_json(cli(*prefix, *command, "--format", "json", check=True))
        found[kind] = any(row.get("customer", row.get("id")) == "c-1" for row in rows)
    return found


EVERYTHING = dict.fromkeys(("customer", "agreement", "visit", "complaint"), True)
NOTHING = dict.fromkeys(("customer", "agreement", "visit", "complaint"), False)


@pytest.mark.parametrize(
    ("actor", "today", "expected"),
    [
        ("m1", "2026-11-23", EVERYTHING),  # his own customer
        ("m2", "2026-11-23", NOTHING),  # before the delegation
        ("m2", "2026-12-01", EVERYTHING),  # the deputy, first day
        ("m2", "2026-12-14", EVERYTHING),  # the deputy, last day
        ("m2", "2026-12-15", NOTHING),  # the day after
        ("s1", "2026-11-23", EVERYTHING),  # m1's supervisor
        ("s2", "2026-11-23", NOTHING),  # another team's supervisor
        (None, "2026-11-23", EVERYTHING),  # the administrator
    ],
)
def test_who_opens_which_record(records, actor, today, expected):
    cli, _ = records
    assert shows(cli, actor, today) == expected


@pytest.mark.parametrize(
    ("actor", "today", "sees"),
    [
        ("m1", "2026-11-23", True),
        ("m2", "2026-11-23", False),
        ("m2", "2026-12-03", True),
        ("m2", "2026-12-20", False),
        ("s1", "2026-11-23", True),
        ("s2", "2026-11-23", False),
    ],
)
def test_listings_follow_the_same_scope(records, actor, today, sees):
    cli, _ = records
    assert listed(cli, actor, today) == dict.fromkeys(
        ("customer", "agreement", "visit", "complaint", "care"), sees
    )


def test_closing_work_is_refused_outside_scope_and_nothing_written(records):
    cli, action = records
    before = len(out_json(cli("audit", "log", "--format", "json")))
    for command in (
        ["care", "done", action, "--note", "called"],
        ["complaint", "resolve", "cp-1", "--resolution", "fixed"],
        ["visit", "log", "c-1", "--on", "2026-11-22", "--purpose", "care", "--channel", "phone"],
        ["agreement", "terminate", "a-1", "--reason", "asked"],
    ):
        result = cli("--as", "m2", *command)
        assert result.exit_code == 1, (command, result.output)
    assert len(out_json(cli("audit", "log", "--format", "json"))) == before
