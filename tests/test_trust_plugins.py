"""Plugins read, the core writes: context.book is read-only, and a hook that raises, returns
garbage, calls sys.exit or is interrupted leaves the book as it was and is named (exit 1)."""

from __future__ import annotations

import inspect

import pytest
from conftest import book_state

from accountcore import BookReader
from accountcore._store.reader import StoreReader

BODY = {
    "raises": "raise RuntimeError('rule table missing')",
    "exits": "import sys; sys.exit(0)",
    "interrupted": "raise KeyboardInterrupt",
    "writes": "context.book.add_care_actions([])",
    "returns garbage": "return ['not a care action']",
}

PLUGIN = """
from accountcore import hookimpl

@hookimpl
def {hook}(customers, context):
    {body}
"""


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
        "--birthday",
        "1980-11-23",
        check=True,
    )
    return team


def test_the_view_has_exactly_the_documented_reader():
    documented = {n for n, _ in inspect.getmembers(BookReader) if not n.startswith("_")}
    offered = {n for n, _ in inspect.getmembers(StoreReader) if not n.startswith("_")}
    assert offered == documented
    for name in documented:
        assert inspect.signature(getattr(StoreReader, name)) == inspect.signature(
            getattr(BookReader, name)
        )


@pytest.mark.parametrize("hook", ["care_due", "retention_signals"])
@pytest.mark.parametrize("fault", sorted(BODY))
def test_a_failing_hook_in_the_daily_batch_leaves_the_book_as_it_was(
    book, ac_book, tmp_path, hook, fault
):
    module = tmp_path / "faulty.py"
    module.write_text(PLUGIN.format(hook=hook, body=BODY[fault]))
    before = book_state(ac_book)
    result = book("--plugin", str(module), "care", "run")
    assert result.exit_code == 1, result.output
    assert f"plugin 'faulty' failed in hook '{hook}'" in result.stderr
    assert "Traceback" not in result.output
    assert book_state(ac_book) == before


def test_a_failing_retention_rule_stores_no_care_action(book, ac_book, tmp_path):
    module = tmp_path / "faulty.py"
    module.write_text(PLUGIN.format(hook="retention_signals", body=BODY["raises"]))
    assert book("--plugin", str(module), "care", "run").exit_code == 1
    listed = book("care", "list", "--format", "json", check=True).stdout
    assert listed.strip() == "[\n]"
    assert "care actions created" not in listed
    book("care", "run", check=True)
    assert '"core.birthday"' in book("care", "list", "--format", "json").stdout
