"""Signing through the hooks: a third-party rule, a rule that raises, on_event after the commit."""

import sys

import pytest
from conftest import out_json

from accountcore._app import App
from accountcore._services.agreements import sign_agreement

HOUSE_RULES = """
from accountcore import Finding, Severity, hookimpl

SEEN = []

@hookimpl
def check_agreement(customer, agreement, product):
    if customer.name.startswith("Blocked"):
        return [Finding("house.watchlist", Severity.BLOCK, "on the watchlist", "House policy")]
    return []

@hookimpl
def on_event(event, context):
    # What the book holds when the plugin is told: the signing is committed.
    SEEN.append((event.action, [a.id for a in context.book.agreements_of("c-1")]))
"""

RAISING = """
from accountcore import hookimpl

@hookimpl
def {hook}({args}):
    raise RuntimeError("rule table missing")
"""


@pytest.fixture
def book(team, ac_book_once):
    def build():
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
        team(
            "customer",
            "add",
            "--name",
            "Blocked Co.",
            "--kind",
            "corporate",
            "--tier",
            "b",
            "--manager",
            "m1",
            check=True,
        )

    ac_book_once(build)
    return team


def plugin(tmp_path, name, source):
    path = tmp_path / f"{name}.py"
    path.write_text(source)
    return str(path)


def test_every_plugin_sees_every_agreement_and_may_block_it(book, tmp_path):
    house = plugin(tmp_path, "house_rules", HOUSE_RULES)
    result = book(
        "--plugin",
        house,
        "agreement",
        "sign",
        "c-2",
        "wealth.cash",
        "--dry-run",
        "--format",
        "json",
    )
    rules = {f["rule"]: f["plugin"] for f in out_json(result)}
    assert rules["house.watchlist"] == "house_rules"
    assert "wealth.suitability" in rules  # no wealth profile: risk_level missing
    refused = book("--plugin", house, "agreement", "sign", "c-2", "wealth.cash")
    assert refused.exit_code == 1 and "house.watchlist" in refused.stderr


@pytest.mark.parametrize(
    ("hook", "args"),
    [("check_agreement", "customer, agreement, product"), ("register_products", "")],
)
def test_a_rule_that_raises_names_its_plugin_and_nothing_is_signed(book, tmp_path, hook, args):
    broken = plugin(tmp_path, "broken_rules", RAISING.format(hook=hook, args=args))
    result = book("--plugin", broken, "agreement", "sign", "c-1", "telecom.broadband")
    assert result.exit_code == 1
    assert f"plugin 'broken_rules' failed in hook '{hook}'" in result.stderr
    assert "rule table missing" in result.stderr
    assert out_json(book("agreement", "list", "--format", "json")) == []


def test_on_event_is_called_after_the_commit(book, tmp_path, ac_book, ac_today):
    house = plugin(tmp_path, "house_events", HOUSE_RULES)
    book("customer", "update", "c-1", "--set", "telecom.real_name_verified=true", check=True)
    app = App(str(ac_book), today=ac_today, plugin_modules=[house])
    outcome = sign_agreement(app, "c-1", "telecom.broadband")
    assert outcome.problems == ()
    assert sys.modules["house_events"].SEEN == [("agreement.sign", ["a-1"])]
    app.close()


def test_an_on_event_failure_leaves_the_signing_standing(book, tmp_path):
    broken = plugin(tmp_path, "broken_events", RAISING.format(hook="on_event", args="event"))
    book("customer", "update", "c-1", "--set", "telecom.real_name_verified=true", check=True)
    result = book("--plugin", broken, "agreement", "sign", "c-1", "telecom.broadband")
    assert result.exit_code == 0, result.output
    assert "plugin 'broken_events' failed in hook 'on_event'" in result.stderr
    assert "it stands" in result.stderr
    assert [a["id"] for a in out_json(book("agreement", "list", "--format", "json"))] == ["a-1"]
