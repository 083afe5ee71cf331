"""A team book on the real PostgreSQL server: its own database and roles, dropped after.

Names start with ``t16_`` and a random part, so runs (and other suites on the
same server) never meet.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

from click.testing import CliRunner

from accountcore._cli import cli

SERVER = "postgresql://{user}@127.0.0.1:5432/{db}"


class TeamBook:
    """One database; the superuser ``postgres`` owns it and administers the book."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.roles: list[str] = []
        self.admin = SERVER.format(user="postgres", db=name)

    def role(self, manager: str) -> str:
        """The role name for a manager, remembered for dropping."""
        role = f"{self.name}_{manager}".replace(".", "_").replace("-", "_")
        self.roles.append(role)
        return role

    def url(self, role: str) -> str:
        """The book as that role connects to it."""
        return SERVER.format(user=role, db=self.name)

    def run(self, *args: str, book: str | None = None) -> Any:
        """The CLI in this process (click's runner), on the book as ``book`` (the admin)."""
        return CliRunner().invoke(cli, ["--book", book or self.admin, *args])

    def ok(self, *args: str, book: str | None = None) -> str:
        """Run a command that must succeed; its output."""
        result = self.run(*args, book=book)
        assert result.exit_code == 0, (args, result.output, result.exception)
        return result.output

    def psql(self, role: str, sql: str) -> subprocess.CompletedProcess[str]:
        """``psql`` as ``role`` on the book's database, as a manager would run it."""
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", role, "-d", self.name, "-Atc", sql],
            capture_output=True,
            text=True,
            check=False,
        )

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Run SQL as the superuser; the rows."""
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as con:
            cursor = con.execute(sql, params or None)
            return cursor.fetchall() if cursor.description else []


def server(sql: str) -> None:
    """Run SQL on the server's ``test`` database as the superuser (databases, roles)."""
    import psycopg

    with psycopg.connect(SERVER.format(user="postgres", db="test"), autocommit=True) as con:
        con.execute(sql)


def today() -> dt.date:
    """The server's date and the app's: the tests run on the real today."""
    return dt.date.today()


def python(code: str, *args: str) -> subprocess.Popen[str]:
    """A Python process of this environment running ``code``."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
