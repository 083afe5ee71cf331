"""Fixtures of our own suite; the shared ones come from accountcore.testing (pytest11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
import uuid
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from accountcore._convert import make_converter
from accountcore._plugins.hooks import Hooks
from accountcore._plugins.manager import make_plugin_manager
from accountcore._store import open_store


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


def run_ac(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``accountcore`` command as a process, without ACCOUNTCORE_* variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ACCOUNTCORE_")}
    command = [str(Path(sys.executable).parent / "accountcore"), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)


# Packages the tests pip-install into this venv are uninstalled afterwards. A run
# killed before its clean-up leaves one pointing at a deleted folder: removed here.
TEST_DISTRIBUTIONS = ("accountcore-insurance", "accountcore-scaffolded")


def _installed_from(name: str) -> Path | None:
    try:
        url = json.loads(metadata.distribution(name).read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        return None
    return Path(unquote(urlparse(url.get("url", "file:///")).path))


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True, capture_output=True)


@pytest.fixture(scope="session", autouse=True)
def _no_stale_test_installs():
    for name in TEST_DISTRIBUTIONS:
        source = _installed_from(name)
        if source is not None and not source.exists():
            _pip("uninstall", "-y", "-q", name)


@pytest.fixture
def pip_install():
    """Install a package folder into this venv, editable, offline; uninstalled after the test."""
    installed: list[str] = []

    def install(path: Path) -> str:
        name = tomllib.loads((path / "pyproject.toml").read_text())["project"]["name"]
        assert name in TEST_DISTRIBUTIONS, f"add {name} to TEST_DISTRIBUTIONS"
        _pip("install", "-q", "--no-deps", "--no-build-isolation", "-e", str(path))
        installed.append(name)
        return name

    yield install
    for name in installed:
        _pip("uninstall", "-y", "-q", name)


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
