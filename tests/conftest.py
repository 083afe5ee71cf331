"""Fixtures of our own suite; the shared ones come from accountcore.testing (pytest11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import team_book

from accountcore._convert import make_converter
from accountcore._plugins.hooks import Hooks
from accountcore._plugins.manager import make_plugin_manager
from accountcore._store import open_store


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first: spread over the workers at the start, they do not trail at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def out_json(result: Any) -> Any:
    """The JSON a command printed on stdout."""
    return json.loads(result.stdout)


@pytest.fixture
def team(ac_cli, ac_book_once):
    """A book with a supervisor and two managers."""

    def build():
        ac_cli("manager", "add", "s1", "--name", "Zhou Min", check=True)
        ac_cli("manager", "add", "m1", "--name", "Li Na", "--supervisor", "s1", check=True)
        ac_cli("manager", "add", "m2", "--name", "Ma Jun", "--supervisor", "s1", check=True)

    ac_book_once(build)
    return ac_cli


@pytest.fixture
def customers(ac_cli) -> Any:
    """Read every customer of the book as JSON."""

    def read(*args: str) -> list[dict[str, Any]]:
        return out_json(ac_cli(*args, "customer", "list", "--format", "json", check=True))

    return read


BIN = Path(sys.executable).parent


def run_ac(*args: str, cwd: Path | None = None, bin: Path = BIN) -> subprocess.CompletedProcess:
    """Run the ``accountcore`` command of ``bin`` as a process, without ACCOUNTCORE_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCOUNTCORE_")}
    command = [str(bin / "accountcore"), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)


class Venv:
    """A throw-away venv that sees this one's packages: tests pip-install into it, not here.

    Installing into the suite's own venv would show the package to every test
    running at the same time in another worker (``plugins list`` would name it).
    """

    def __init__(self, root: Path) -> None:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
        self.bin = root / "bin"
        self.python = self.bin / "python"
        own = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
        site = Path(
            subprocess.run(
                [self.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
        # A .pth line that imports runs at start-up: this venv's site folders (with
        # their own .pth files, the editable installs) come after the new venv's.
        lines = "".join(f"import site; site.addsitedir({path!r})\n" for path in sorted(own))
        (site / "_outer_venv.pth").write_text(lines)
        # The console script, as pip writes it, on this interpreter.
        script = self.bin / "accountcore"
        script.write_text(
            f"#!{self.python}\nimport sys\nfrom accountcore._cli import main\nsys.exit(main())\n"
        )
        script.chmod(0o755)

    def install(self, path: Path) -> None:
        """Install the package folder ``path`` here, editable, offline."""
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "--python", str(self.python), "install"),
                *("-q", "--no-deps", "--no-build-isolation", "--disable-pip-version-check"),
                *("-e", str(path)),
            ],
            check=True,
            capture_output=True,
        )


@pytest.fixture
def venv(tmp_path_factory) -> Venv:
    """A venv of this test's own to pip-install packages into (see :class:`Venv`)."""
    return Venv(tmp_path_factory.mktemp("venv") / "env")


# The store contract: `store` is a fresh book on each adapter in turn.

POSTGRES = os.environ.get("ACCOUNTCORE_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def profiles():
    return Hooks(make_plugin_manager()).profiles


@pytest.fixture
def converter(profiles):
    return make_converter(profiles)


def _postgres_location():
    psycopg = pytest.importorskip("psycopg")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES, autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {POSTGRES}: {exc}")
    return f"{POSTGRES}?options=-csearch_path%3D{schema}", schema


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def location(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "book.db")
        return
    url, schema = _postgres_location()
    yield url
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(location, converter):
    opened = open_store(location, converter, create=True)
    yield opened
    opened.close()


def book_state(path: Path) -> list[str]:
    """Everything an SQLite book holds, as SQL: compare before and after a refusal."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


# A team book on the PostgreSQL server (tests/team_book.py): its own database and roles.


@pytest.fixture
def pg_book() -> Iterator[team_book.TeamBook]:
    """A new database on the server, dropped with the roles the test made."""
    psycopg = pytest.importorskip("psycopg")
    name = f"t16_{uuid.uuid4().hex[:10]}"
    try:
        team_book.server(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server on 127.0.0.1:5432: {exc}")
    book = team_book.TeamBook(name)
    yield book
    team_book.server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    for role in book.roles:
        team_book.server(f"DROP ROLE IF EXISTS {role}")


@pytest.fixture
def pg_team(pg_book: team_book.TeamBook) -> team_book.TeamBook:
    """A book with a supervisor s1 over m1, and m2; each with a role and a customer."""
    pg_book.ok("init")
    for manager, extra in (("s1", []), ("m1", ["--supervisor", "s1"]), ("m2", [])):
        login = ["--login", pg_book.role(manager)]
        pg_book.ok("manager", "add", manager, "--name", manager.upper(), *extra, *login)
    for manager, phone in (("s1", "13800000001"), ("m1", "13800000002"), ("m2", "13800000003")):
        customer = ["--name", f"{manager} customer", "--kind", "individual", "--tier", "a"]
        pg_book.ok("customer", "add", *customer, "--manager", manager, "--phone", phone)
    return pg_book
