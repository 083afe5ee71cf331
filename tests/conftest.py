"""Fixtures of our own suite; the shared ones come from accountcore.testing (pytest11)."""

from __future__ import annotations

import json
from typing import Any

import pytest


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
