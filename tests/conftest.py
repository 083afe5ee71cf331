"""Fixtures of our own suite; the shared ones come from accountcore.testing (pytest11)."""

from __future__ import annotations

import json
import os
import uuid
from typing import Any

import pytest

from accountcore.convert import make_converter
from accountcore.hooks import Hooks
from accountcore.plugins import make_plugin_manager
from accountcore.store import open_store


def out_json(result: Any) -> Any:
    """The JSON a command printed on stdout."""
    return json.loads(result.stdout)


@pytest.fixture
def team(ac_cli):
    """A book with a supervisor and two managers."""
    ac_cli("manager", "add", "s1", "--name", "Zhou Min", check=True)
    ac_cli("manager", "add", "m1", "--name", "Li Na", "--supervisor", "s1", check=True)
    ac_cli("manager", "add", "m2", "--name", "Ma Jun", "--supervisor", "s1", check=True)
    return ac_cli


@pytest.fixture
def customers(ac_cli) -> Any:
    """Read every customer of the book as JSON."""

    def read(*args: str) -> list[dict[str, Any]]:
        return out_json(ac_cli(*args, "customer", "list", "--format", "json", check=True))

    return read


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
