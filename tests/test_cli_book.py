"""The book: created by init, found by every other command, refused when it is not a book."""

import sqlite3

import pytest
from click.testing import CliRunner

from accountcore import __version__
from accountcore._cli import cli


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"accountcore {__version__}"


def test_init_creates_a_wal_book_and_is_idempotent(tmp_path):
    book = tmp_path / "sub" / "b.db"
    first = run("--book", str(book), "init")
    assert first.exit_code == 0, first.output
    assert "schema version " in first.stdout
    assert run("--book", str(book), "init").exit_code == 0
    with sqlite3.connect(book) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("SELECT value FROM meta WHERE key='application'").fetchone()[0] == (
            "accountcore"
        )


def test_book_from_environment(tmp_path):
    book = tmp_path / "env.db"
    assert run("init", env={"ACCOUNTCORE_BOOK": str(book)}).exit_code == 0
    assert book.exists()


def test_missing_book_is_named_with_what_to_do(tmp_path):
    book = tmp_path / "none.db"
    result = run("--book", str(book), "manager", "list")
    assert result.exit_code == 2
    assert f"no book at {book}" in result.stderr
    assert "init" in result.stderr
    assert not book.exists()


def test_directory_is_not_a_book(tmp_path):
    result = run("--book", str(tmp_path), "customer", "list")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_a_text_file_is_not_a_book_and_stays_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just notes\n" * 100)
    for command in (["init"], ["customer", "list"]):
        result = run("--book", str(path), *command)
        assert result.exit_code == 2
        assert "not an accountcore book" in result.stderr
    assert path.read_text() == "not a database, just notes\n" * 100


def test_another_sqlite_database_is_not_a_book(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE things (x)")
    result = run("--book", str(path), "init")
    assert result.exit_code == 2
    assert "not an accountcore book" in result.stderr
    with sqlite3.connect(path) as con:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert tables == {"things"}


def test_a_book_from_a_newer_accountcore_is_refused(ac_book):
    with sqlite3.connect(ac_book) as con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    result = run("--book", str(ac_book), "customer", "list")
    assert result.exit_code == 2
    assert "newer than this accountcore" in result.stderr


@pytest.mark.slow
def test_help_lists_commands_without_importing_plugins():
    import subprocess
    import sys

    code = (
        "import sys; sys.argv=['accountcore','--help']\n"
        "from accountcore._cli import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "loaded = [m for m in sys.modules if m.startswith(('accountcore_', 'cattrs'))]\n"
        "print('LOADED', loaded)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "customer" in out and "manager" in out
    assert "LOADED []" in out


def test_an_older_book_is_upgraded_when_opened(ac_book):
    with sqlite3.connect(ac_book) as con:
        con.execute("DROP TABLE agreements")
        con.execute("DELETE FROM meta WHERE key = 'migration.0002'")
    assert run("--book", str(ac_book), "customer", "list").exit_code == 0
    with sqlite3.connect(ac_book) as con:
        assert con.execute("SELECT COUNT(*) FROM agreements").fetchone() == (0,)
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version[0]) >= 2


def test_a_book_from_before_migrations_were_recorded_one_by_one_opens(ac_book):
    with sqlite3.connect(ac_book) as con:
        con.execute("DELETE FROM meta WHERE key LIKE 'migration.%'")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        # A book at version 2 had only the tables of migrations 1 and 2.
        con.execute("DROP TABLE visits")
        con.execute("DROP TABLE delegations")
        con.execute("ALTER TABLE audit_events DROP COLUMN reason")
        con.execute("DROP TABLE care_actions")  # 0004
        con.execute("DROP TABLE complaints")
        con.execute("ALTER TABLE customers DROP COLUMN churned_on")  # 0012
        con.execute("DROP TABLE retention_models")
        con.execute("DROP TRIGGER audit_events_no_update")  # 0008
        con.execute("DROP TRIGGER audit_events_no_delete")
        con.execute("ALTER TABLE audit_events DROP COLUMN claimed_today")
        con.execute("ALTER TABLE audit_events DROP COLUMN keyed")
        con.execute("DROP TABLE logins")  # 0011
        con.execute("DROP TABLE retention_runs")  # 0016
        con.execute("DROP TABLE retention_scores")
    assert run("--book", str(ac_book), "delegation", "list").exit_code == 0
    with sqlite3.connect(ac_book) as con:
        assert con.execute("SELECT COUNT(*) FROM delegations").fetchone() == (0,)


def test_help_lists_every_command_with_its_short_help():
    from click.testing import CliRunner

    from accountcore._cli import COMMANDS, cli

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = {
        line.split()[0]: " ".join(line.split()[1:])
        for line in result.output.split("Commands:")[1].splitlines()
        if line.startswith("  ") and line.split()
    }
    assert set(COMMANDS) <= set(listed)
    for name, (_, short) in COMMANDS.items():
        assert listed[name] and short.startswith(listed[name].rstrip(".")), name
