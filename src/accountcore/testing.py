"""Pytest fixtures for testing accountcore and its plugins (a ``pytest11`` plugin).

Installed with accountcore, so any plugin's tests can use them:

- ``ac_today``: the date the fixtures run on (2026-11-23; override the fixture
  to change it);
- ``ac_book``: the path of a fresh, initialised SQLite book;
- ``ac_app``: an :class:`accountcore.app.App` on that book, with the installed
  plugins loaded through their entry points;
- ``ac_cli``: run the CLI in-process on that book (``ac_cli("customer", "list")``),
  returning click's ``Result``; ``check=True`` fails the test on a non-zero exit;
- ``ac_install_plugin``: make a plugin module installed under an entry point of
  the ``accountcore`` group, as ``pip install`` would, for this test only.
"""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DEFAULT_TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ac_today() -> dt.date:
    """The date the book and the CLI run on."""
    return DEFAULT_TODAY


@pytest.fixture
def ac_book(tmp_path: Path, ac_today: dt.date) -> Path:
    """A fresh, initialised SQLite book in the test's temporary folder."""
    from .app import App

    path = tmp_path / "book.db"
    app = App(str(path), today=ac_today)
    app.create_book()
    app.close()
    return path


@pytest.fixture
def ac_app(ac_book: Path, ac_today: dt.date) -> Iterator[Any]:
    """An App on the fresh book, acting as the administrator."""
    from .app import App

    app = App(str(ac_book), today=ac_today)
    yield app
    app.close()


@pytest.fixture
def ac_cli(ac_book: Path, ac_today: dt.date) -> Callable[..., Any]:
    """Run ``accountcore --book BOOK --today TODAY ARGS...`` in-process."""
    from click.testing import CliRunner

    from .cli import cli

    def run(*args: str, check: bool = False, env: dict[str, str] | None = None) -> Any:
        runner = CliRunner()
        base = ["--book", str(ac_book), "--today", ac_today.isoformat()]
        result = runner.invoke(cli, [*base, *args], env=env, catch_exceptions=False)
        if check and result.exit_code != 0:
            pytest.fail(
                f"accountcore {' '.join(args)} exited {result.exit_code}:\n"
                f"{result.output}{getattr(result, 'stderr', '')}"
            )
        return result

    return run


@pytest.fixture
def ac_install_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """Install a plugin module under an ``accountcore`` entry point, for this test.

    ``ac_install_plugin("insurance", source)`` writes ``source`` as a module
    and a distribution ``accountcore-insurance`` whose entry point names it;
    returns the module's (unique) name.
    """
    site = tmp_path / "site-packages"
    site.mkdir(exist_ok=True)
    monkeypatch.syspath_prepend(str(site))
    count = 0

    def install(name: str, source: str, *, distribution: str | None = None) -> str:
        nonlocal count
        count += 1
        module = f"acc_test_{name.replace('-', '_')}_{count}_{abs(hash(str(tmp_path))) % 10**8}"
        (site / f"{module}.py").write_text(textwrap.dedent(source))
        dist = distribution or f"accountcore-{name}"
        info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[accountcore]\n{name} = {module}\n")
        sys.modules.pop(module, None)
        return module

    return install
