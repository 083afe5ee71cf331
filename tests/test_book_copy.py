"""`book copy`: a book whole between SQLite and PostgreSQL, verified, both ways."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from team_book import TeamBook

from accountcore._cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def listing(book: str, *command: str) -> list[str]:
    result = run("--book", book, *command, "--format", "json")
    assert result.exit_code == 0, result.output
    return sorted(json.dumps(item, sort_keys=True) for item in json.loads(result.output))


@pytest.mark.postgres
def test_the_demo_book_copied_to_postgresql_and_back_is_equal(tmp_path, pg_book: TeamBook):
    demo, back = str(tmp_path / "demo.db"), str(tmp_path / "back.db")
    assert run("--book", demo, "demo").exit_code == 0
    there = run("book", "copy", "--from", demo, "--to", pg_book.admin)
    assert there.exit_code == 0, there.output
    assert "audit trail intact" in there.output
    assert run("book", "copy", "--from", pg_book.admin, "--to", back).exit_code == 0
    for command in (("customer", "list"), ("agreement", "list"), ("audit", "log")):
        assert listing(demo, *command) == listing(back, *command), command
        assert listing(demo, *command) == listing(pg_book.admin, *command), command
    with sqlite3.connect(demo) as a, sqlite3.connect(back) as b:
        for table in ("audit_events", "sequences", "care_actions", "visits", "complaints"):
            sql = f"SELECT * FROM {table} ORDER BY 1"
            assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), table
    # The copy goes on where the original stopped: the next id is not one the book gave.
    added = run("--book", back, "manager", "add", "m9", "--name", "Nine")
    assert added.exit_code == 0
    assert "audit trail intact" in run("--book", back, "audit", "verify").output


def test_a_copy_into_a_book_that_holds_records_is_refused(tmp_path):
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for book, manager in ((first, "m1"), (second, "m2")):
        assert run("--book", book, "init").exit_code == 0
        assert run("--book", book, "manager", "add", manager, "--name", manager).exit_code == 0
    result = run("book", "copy", "--from", first, "--to", second)
    assert result.exit_code == 1
    assert "core.copy-into-empty" in result.output
    managers = json.loads(run("--book", second, "manager", "list", "--format", "json").output)
    assert [manager["id"] for manager in managers] == ["m2"]


def test_a_managers_role_may_not_copy_a_book(tmp_path):
    source = str(tmp_path / "a.db")
    assert run("--book", source, "demo").exit_code == 0
    result = run("--as", "m1", "book", "copy", "--from", source, "--to", str(tmp_path / "b.db"))
    assert result.exit_code == 1 and "core.admin-only" in result.output


def test_a_copy_into_an_sqlite_file_makes_the_same_book(tmp_path):
    source, target = str(tmp_path / "a.db"), str(tmp_path / "copy.db")
    assert run("--book", source, "demo").exit_code == 0
    result = run("book", "copy", "--from", source, "--to", target)
    assert result.exit_code == 0, result.output
    assert listing(source, "customer", "list") == listing(target, "customer", "list")
