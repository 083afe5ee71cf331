"""Pytest fixtures for testing accountcore and its plugins (a ``pytest11`` plugin).

Installed with accountcore, so any plugin's tests can use them without an
import. Each test gets its own book, app and plugin manager:

- ``ac_today``: the date the book, the app and the CLI run on (2026-11-23);
  override the fixture to change it;
- ``ac_plugins``: which installed plugins load besides the core: None (the
  default) for every one; override it with entry-point or distribution names
  to load only those, as a plugin's own tests do (``return ["insurance"]``);
- ``ac_plugin_modules``: plugins to load from a module name or a ``.py`` file,
  as ``--plugin`` does (default none);
- ``ac_book``: the path of a fresh, initialised SQLite book (a copy of an
  empty book migrated once per test session, so a test never pays for the
  migrations);
- ``ac_book_once``: build a book once per session and give later tests a copy
  (``ac_book_once(build)``), for fixtures that fill a book many tests read;
- ``ac_app``: an :class:`accountcore._app.App` on that book with those
  plugins, acting as the administrator (``ac_app.hooks`` calls the hooks,
  ``ac_app.settings`` holds each plugin's settings);
- ``ac_cli``: run the CLI in-process on that book with those plugins and
  ``--today`` (``ac_cli("customer", "list")``), returning click's ``Result``;
  ``check=True`` fails the test on a non-zero exit;
- ``ac_install_plugin``: make a plugin module installed under an entry point of
  the ``accountcore`` group, as ``pip install`` would, for this test only;
- ``ac_customer``: build a customer value (not stored) with profiles given as
  plain data, checked by the plugins' profile classes:
  ``ac_customer(tier="vip", telecom={"lines": 4})``;
- ``ac_run_rules``: run the rules of the loaded plugins on one customer on one
  day, as the core calls them: ``ac_run_rules(customer, on=day)`` returns a
  :class:`RuleRun` (findings, care actions, retention signals, visit interval);
  ``signing="PRODUCT"`` checks a draft agreement for that product instead of
  the periodic customer check;
- ``ac_selected``: the ids of the book's customers a list of
  ``CustomerSelection`` values holds (a plugin's ``visit_policy_candidates``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from attrs import frozen

from ._model import Agreement, CareAction, Customer, Finding, RetentionSignal

__all__ = ["DEFAULT_TODAY", "RuleRun"]

DEFAULT_TODAY = dt.date(2026, 11, 23)

# Environment a developer's shell may set that would leak into the CLI's runs.
_LEAKY_ENV = (
    "ACCOUNTCORE_USER",
    "ACCOUNTCORE_DISABLE_PLUGINS",
    "ACCOUNTCORE_PLUGINS",
    "ACCOUNTCORE_AUDIT_KEY",
)


@pytest.fixture
def ac_today() -> dt.date:
    """The date the book and the CLI run on."""
    return DEFAULT_TODAY


@pytest.fixture
def ac_plugins() -> Sequence[str] | None:
    """The installed plugins to load besides the core; None loads every one.

    Override it in a plugin's ``conftest.py`` to test that plugin alone::

        @pytest.fixture
        def ac_plugins():
            return ["insurance"]
    """
    return None


@pytest.fixture
def ac_plugin_modules() -> Sequence[str]:
    """Plugins loaded from a module name or a ``.py`` file (``--plugin``), after the others."""
    return ()


def _others(keep: Sequence[str] | None) -> tuple[str, ...]:
    """The installed plugins that ``keep`` leaves out, to disable them."""
    if keep is None:
        return ()
    from ._plugins.manager import installed_plugins, normalize_name

    wanted = {normalize_name(name) for name in keep}
    return tuple(
        name
        for name, dist in installed_plugins()
        if not wanted & {normalize_name(name), normalize_name(dist or "")}
    )


@pytest.fixture
def _ac_options(ac_plugins: Sequence[str] | None, ac_plugin_modules: Sequence[str]) -> Any:
    return {"disabled": _others(ac_plugins), "plugin_modules": tuple(ac_plugin_modules)}


@pytest.fixture(scope="session")
def _ac_template_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite book at the newest schema version, made once per session (per worker)."""
    from ._convert import make_converter
    from ._store import open_store
    from ._store.sql.base import migrations

    version = migrations()[-1][0]
    path = tmp_path_factory.mktemp("ac_template") / f"book-v{version:04d}.db"
    open_store(str(path), make_converter(), create=True).close()
    # Closing the last connection checkpoints the WAL: the book is the one file.
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def ac_book(tmp_path: Path, _ac_template_book: Path) -> Path:
    """A fresh, initialised SQLite book in the test's temporary folder."""
    path = tmp_path / "book.db"
    shutil.copyfile(_ac_template_book, path)
    return path


@pytest.fixture(scope="session")
def _ac_built_books(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[Any, ...], Path]:
    """The books ``ac_book_once`` built in this session, by builder, plugins and day."""
    return {}


def _copy_book(source: Path, target: Path) -> None:
    # SQLite's backup, not a file copy: a connection still open on either side is safe.
    with closing(sqlite3.connect(source)) as read, closing(sqlite3.connect(target)) as write:
        read.backup(write)


@pytest.fixture
def ac_book_once(
    ac_book: Path,
    ac_today: dt.date,
    _ac_options: dict[str, Any],
    _ac_built_books: dict[tuple[Any, ...], Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Callable[[], object]], bool]:
    """Fill ``ac_book`` with ``build()`` once per session; later tests get a copy of that book.

    For a fixture many tests read: ``ac_book_once(build)`` runs ``build`` the
    first time (the plugins, the day and the builder's qualified name make the
    key) and keeps the book it leaves; a later call with the same key copies
    that book over ``ac_book`` instead of running ``build``. ``build`` must only
    write the book (through ``ac_cli`` or ``ac_app``) and depend on nothing else
    than the plugins and the day. Returns whether ``build`` ran.
    """

    def once(build: Callable[[], object]) -> bool:
        key = (
            build.__module__,
            build.__qualname__,
            ac_today,
            tuple(_ac_options["disabled"]),
            tuple(_ac_options["plugin_modules"]),
        )
        if key in _ac_built_books:
            _copy_book(_ac_built_books[key], ac_book)
            return False
        build()
        kept = tmp_path_factory.mktemp("ac_built") / "book.db"
        _copy_book(ac_book, kept)
        _ac_built_books[key] = kept
        return True

    return once


@pytest.fixture
def ac_app(ac_book: Path, ac_today: dt.date, _ac_options: dict[str, Any]) -> Iterator[Any]:
    """An App on the fresh book, with the selected plugins, acting as the administrator."""
    from ._app import App

    app = App(str(ac_book), today=ac_today, **_ac_options)
    yield app
    app.close()


@pytest.fixture
def ac_cli(ac_book: Path, ac_today: dt.date, _ac_options: dict[str, Any]) -> Callable[..., Any]:
    """Run ``accountcore --book BOOK --today TODAY ARGS...`` in-process.

    The selected plugins load (the others are given as ``--disable-plugin``).
    Global options in ``args`` come after these and win: ``ac_cli("--today",
    "2027-01-02", "agenda")``. ``env`` adds environment variables.
    """
    from click.testing import CliRunner

    from ._cli import cli

    base = ["--book", str(ac_book), "--today", ac_today.isoformat()]
    for name in _ac_options["disabled"]:
        base += ["--disable-plugin", name]
    for module in _ac_options["plugin_modules"]:
        base += ["--plugin", module]

    def run(*args: str, check: bool = False, env: dict[str, str] | None = None) -> Any:
        runner = CliRunner()
        environment: dict[str, str | None] = dict.fromkeys(_LEAKY_ENV)
        environment.update(env or {})
        result = runner.invoke(cli, [*base, *args], env=environment, catch_exceptions=False)
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
    returns the module's (unique) name. Apps built after the call see it.
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


@pytest.fixture
def ac_customer(ac_app: Any) -> Callable[..., Customer]:
    """Build a :class:`Customer` (not stored), its fields and profiles as plain data.

    ``ac_customer("c-2", tier="vip", birthday="1960-03-01", wealth={"aum":
    "800000"})``: keywords naming a loaded profile are that profile's fields
    (or an instance of its class), the others are the customer's fields. A
    value a profile class refuses fails as it would on ``--set``.
    """

    def build(
        customer_id: str = "c-1",
        *,
        name: str = "Chen Jing",
        kind: str = "individual",
        tier: str = "b",
        manager: str = "m1",
        **values: Any,
    ) -> Customer:
        conv = ac_app.converter
        names = set(ac_app.hooks.profiles)
        plain = {key: conv.unstructure(value) for key, value in values.items()}
        profiles = {key: value for key, value in plain.items() if key in names}
        fields = {key: value for key, value in plain.items() if key not in names}
        data = {"id": customer_id, "name": name, "kind": kind, "tier": tier, "manager": manager}
        return conv.structure({**data, **fields, "profiles": profiles}, Customer)

    return build


@frozen
class RuleRun:
    """What the rules of the loaded plugins found on one customer on one day.

    ``findings`` come from ``check_customer`` (or ``check_agreement`` on a
    draft with ``signing``); ``care`` from ``care_due``; ``signals`` from
    ``retention_signals``; ``interval`` is ``(days, plugin)`` from
    ``visit_policy`` (None when no plugin answers).
    """

    findings: list[Finding]
    care: list[CareAction]
    signals: list[RetentionSignal]
    interval: tuple[int, str] | None

    @property
    def rules(self) -> set[str]:
        """Every rule id found: findings, care actions and retention reasons."""
        reasons = {reason.rule for signal in self.signals for reason in signal.reasons}
        return {f.rule for f in self.findings} | {a.rule for a in self.care} | reasons

    def finding(self, rule: str) -> Finding:
        """The one finding of ``rule`` (an AssertionError naming what was found otherwise)."""
        matching = [f for f in self.findings if f.rule == rule]
        assert len(matching) == 1, f"{rule}: found {[f.rule for f in self.findings]}"
        return matching[0]

    def action(self, rule: str) -> CareAction:
        """The one care action of ``rule``."""
        matching = [a for a in self.care if a.rule == rule]
        assert len(matching) == 1, f"{rule}: found {[a.rule for a in self.care]}"
        return matching[0]


@pytest.fixture
def ac_run_rules(ac_app: Any) -> Callable[..., RuleRun]:
    """Run the loaded plugins' rules on one customer on one day (``on``, default ``ac_today``).

    ``plugin`` keeps one plugin's answers; ``signing="wealth.trust"`` checks a
    draft agreement for that product (more of the draft's fields as keywords:
    ``amount="1000000"``, ``terms={...}``) instead of the customer check. The
    customer need not be stored; the book's records of him (agreements,
    visits) are what the rules read.
    """

    def run(
        customer: Customer,
        *,
        on: dt.date | None = None,
        plugin: str | None = None,
        signing: str | None = None,
        **draft: Any,
    ) -> RuleRun:
        app = ac_app if on is None else ac_app.evolve(today=on)
        try:
            hooks = app.hooks
            if signing is None:
                findings = hooks.check_customer(customer)
            else:
                agreement = app.converter.structure(
                    {
                        "id": "draft",
                        "customer": customer.id,
                        "product": signing,
                        "manager": customer.manager,
                        "start": app.today.isoformat(),
                        **draft,
                    },
                    Agreement,
                )
                findings = hooks.check_agreement(customer, agreement, hooks.products[signing])
            result = RuleRun(
                findings,
                hooks.care_due([customer]),
                hooks.retention_signals([customer]),
                hooks.visit_interval(customer),
            )
        finally:
            if app is not ac_app:
                app.close()
        if plugin is None:
            return result
        interval = result.interval if result.interval and result.interval[1] == plugin else None
        return RuleRun(
            [f for f in result.findings if f.plugin == plugin],
            [a for a in result.care if a.plugin == plugin],
            [s for s in result.signals if s.plugin == plugin],
            interval,
        )

    return run


@pytest.fixture
def ac_selected(ac_app: Any) -> Callable[..., set[str]]:
    """The ids of the book's customers that any of these selections holds, as the core reads them.

    ``ac_selected(visit_policy_candidates(...))`` checks that a plugin's
    candidates hold every customer its ``visit_policy`` answers for.
    """
    from ._store import CustomerFilter

    def selected(selections: Any) -> set[str]:
        chosen = CustomerFilter(any_of=tuple(selections))
        return {c.id for batch in ac_app.store.iter_customers(chosen) for c in batch}

    return selected
