"""The application object: one book, one actor, one day, one set of plugins.

The CLI builds an :class:`App` from its global options; tests and scripts
build their own. Everything is built when first needed, so a command that
does not touch the book never opens it, and one that needs no plugin never
imports one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._context import Context
from ._errors import BadInput, NoBook, NotFound, Refused
from ._plugins.hooks import Hooks
from ._plugins.manager import LoadedPlugins, make_plugin_manager
from ._store import Store, is_postgres_url, open_store
from ._store.reader import BatchCache, StoreReader

if TYPE_CHECKING:
    import cattrs

    from ._services.scope import Identity

__all__ = [
    "ADMINISTRATOR",
    "AUDIT_KEY_ENV",
    "DISABLED_PLUGINS_KEY",
    "RESERVED_IDS",
    "App",
    "default_book",
    "load_audit_key",
]

ADMINISTRATOR = "admin"
# Ids no manager may take: they name the administrator or the system in the audit trail.
RESERVED_IDS = frozenset({ADMINISTRATOR, "administrator", "root", "system", "core"})
AUDIT_KEY_ENV = "ACCOUNTCORE_AUDIT_KEY"
AUDIT_KEY_FILE = "audit.key"
_MIN_KEY_LENGTH = 16
# The book's config entry naming plugins disabled for every command on it
# (a field of the core's settings, so `config show` shows it).
DISABLED_PLUGINS_KEY = "core.disabled_plugins"


def default_book() -> str:
    """The book used when neither ``--book`` nor ``ACCOUNTCORE_BOOK`` names one."""
    import click

    return str(Path(click.get_app_dir("accountcore")) / "book.db")


def load_audit_key() -> bytes | None:
    """The audit key: ``ACCOUNTCORE_AUDIT_KEY``, else the ``audit.key`` file in the user's
    accountcore folder, else None (an unkeyed chain).

    A key shorter than 16 characters is refused: it would be guessed.
    """
    import os

    import click

    text = os.environ.get(AUDIT_KEY_ENV)
    where = AUDIT_KEY_ENV
    if not text:
        path = Path(click.get_app_dir("accountcore")) / AUDIT_KEY_FILE
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"cannot read the audit key {path}: {exc}") from exc
    if len(text) < _MIN_KEY_LENGTH:
        raise BadInput(
            f"the audit key in {where} is shorter than {_MIN_KEY_LENGTH} characters:"
            " use a long random secret, such as the output of"
            " `python -c 'import secrets; print(secrets.token_hex())'`"
        )
    return text.encode()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class App:
    """Wires a book, the plugins, the hooks facade and the converter together."""

    def __init__(
        self,
        book: str,
        *,
        today: dt.date,
        actor: str | None = None,
        disabled: Iterable[str] = (),
        plugin_modules: Iterable[str] = (),
        strict_plugins: bool = False,
        entry_points: bool = True,
        now: Callable[[], dt.datetime] = _utc_now,
        warn: Callable[[str], None] | None = None,
        audit_key: bytes | None = None,
    ) -> None:
        if actor is not None and not actor.strip():
            raise BadInput(
                "--as '': give a manager's id, or leave --as out to act as the administrator"
            )
        self.book = book
        self.today = today
        # What --as claims; on a PostgreSQL book the server's role decides (see identity).
        self.claimed_actor = actor
        self.disabled = tuple(disabled)
        self.plugin_modules = tuple(plugin_modules)
        self.strict_plugins = strict_plugins
        self.entry_points = entry_points
        self.now = now
        self._warn = warn
        self.audit_key = audit_key
        self.reports: list[str] = []
        # What the hooks of one batch read of the book, shared by every plugin's context.
        self.batch_cache = BatchCache()

    def report(self, problem: str) -> None:
        """A problem that stops nothing (a plugin failing after a commit): kept, and warned."""
        self.reports.append(problem)
        if self._warn is not None:
            self._warn(problem)

    @property
    def actor(self) -> str | None:
        """The manager who acts (whose scope applies), or None for the administrator."""
        return self.identity.actor

    @property
    def stands_in(self) -> bool:
        """Whether the administrator acts on the manager's behalf (audited as such)."""
        return self.identity.stands_in

    @property
    def real_today(self) -> dt.date:
        """The real date (the clock's, in local time), whatever ``--today`` claims."""
        return self.now().astimezone().date()

    @property
    def looking_ahead(self) -> bool:
        """Whether ``today`` is beyond the real date: a look ahead, which records nothing."""
        return self.today > self.real_today

    @cached_property
    def identity(self) -> Identity:
        """Who acts: ``--as`` on an SQLite book; on a PostgreSQL book, the manager mapped to
        the connection's role, or the administrator (the book's owner) and whom he acts for.
        """
        from ._services.scope import identify

        if is_postgres_url(self.book):
            try:
                _ = self.store  # opening the book learns who is connected
            except NoBook:  # no book yet: whoever creates it will own it
                return identify(self.claimed_actor, None, self.book)
            return self.__dict__["identity"]
        return identify(self.claimed_actor, None, self.book)

    def _identified(self, store: Store) -> Store:
        from ._services.scope import identify

        try:
            self.__dict__["identity"] = identify(self.claimed_actor, store.login(), store.location)
        except BaseException:
            store.close()
            raise
        self.__dict__["store"] = store
        return store

    @property
    def acting(self) -> str:
        """Who acts: the ``--as`` manager, or the book's administrator."""
        return self.actor or ADMINISTRATOR

    @cached_property
    def book_disabled(self) -> tuple[str, ...]:
        """The plugins the book's config disables, read raw before any plugin is loaded.

        The converter needs the plugins' profile classes, so the book cannot be
        opened before they load: this one entry is read without the converter.
        """
        from ._store import peek_config

        names = peek_config(self.book, DISABLED_PLUGINS_KEY)
        if isinstance(names, str):  # as the converter reads it: comma-separated names
            names = [name.strip() for name in names.split(",")]
        if not isinstance(names, list):
            return ()
        return tuple(name for name in names if isinstance(name, str) and name)

    @cached_property
    def plugins(self) -> LoadedPlugins:
        """The loaded plugins, less those disabled by option or by the book's config.

        Load problems are reported through ``warn``.
        """
        loaded = make_plugin_manager(
            (*self.disabled, *self.book_disabled),
            self.plugin_modules,
            entry_points=self.entry_points,
            strict=self.strict_plugins,
        )
        if self._warn is not None:
            for problem in loaded.problems:
                self._warn(problem)
        return loaded

    @cached_property
    def hooks(self) -> Hooks:
        """The typed facade over the plugins' hooks."""
        return Hooks(self.plugins, self.context)

    @cached_property
    def converter(self) -> cattrs.Converter:
        """The converter, knowing every loaded plugin's profile class."""
        from ._convert import make_converter

        return make_converter(self.hooks.profiles)

    def _build_converter(self) -> cattrs.Converter:
        return self.converter

    @cached_property
    def store(self) -> Store:
        """The book, opened (and migrated) on first use; a missing book is an error."""
        store = open_store(self.book, self._build_converter)
        store.audit_key = self.audit_key
        self._identified(store)
        try:
            self._check_actor(store)
        except BaseException:
            self.__dict__.pop("store", None)
            store.close()
            raise
        return store

    def _check_actor(self, store: Store) -> None:
        """Refuse an ``--as`` that names no manager of the book, or an inactive one."""
        if self.actor is None:
            return
        manager = store.get_manager(self.actor)
        if manager is None:
            raise NotFound(
                f"--as {self.actor}: no such manager in {store.location}"
                " (see `accountcore manager list`)"
            )
        if not manager.active:
            raise Refused(
                f"--as {self.actor}: this manager is inactive and may read nothing and change"
                f" nothing (the administrator may `accountcore manager activate {self.actor}`)",
                rule="core.inactive-manager",
            )

    def create_book(self) -> Store:
        """Create the book if it is missing (``init``), and open it."""
        store = open_store(self.book, self._build_converter, create=True)
        store.audit_key = self.audit_key
        return self._identified(store)

    @cached_property
    def settings(self) -> dict[str, Any]:
        """Each plugin's settings: its class's defaults, then the book's overrides."""
        from ._settings import overrides_by_plugin, structure_settings

        overrides = overrides_by_plugin(self.store.get_config())
        result: dict[str, Any] = {}
        for plugin, cls in self.hooks.settings_classes.items():
            try:
                result[plugin] = structure_settings(self.converter, cls, overrides.get(plugin, {}))
            except Exception as exc:
                from ._convert import describe_error

                raise BadInput(
                    f"the book's settings for {plugin} are invalid:"
                    f" {describe_error(exc, plugin, cls)}; fix them with `accountcore config set`"
                    " or `accountcore config unset`"
                ) from exc
        return result

    @cached_property
    def _contexts(self) -> dict[str, Context]:
        return {}

    def context(self, plugin: str) -> Context:
        """The context given to ``plugin``'s hooks (one per plugin: hooks run per batch)."""
        if plugin not in self._contexts:
            self._contexts[plugin] = Context(
                today=self.today,
                settings=self.settings.get(plugin),
                book=StoreReader(self.store, self.batch_cache),
            )
        return self._contexts[plugin]

    def close(self) -> None:
        """Close the book if it was opened."""
        self.__dict__.pop("_contexts", None)
        store = self.__dict__.pop("store", None)
        if store is not None:
            store.close()

    def evolve(self, **changes: Any) -> App:
        """A new app with some options changed (nothing loaded is shared)."""
        options: dict[str, Any] = {
            "today": self.today,
            "actor": self.claimed_actor,
            "disabled": self.disabled,
            "plugin_modules": self.plugin_modules,
            "strict_plugins": self.strict_plugins,
            "entry_points": self.entry_points,
            "now": self.now,
            "warn": self._warn,
            "audit_key": self.audit_key,
        }
        book = changes.pop("book", self.book)
        options.update(changes)
        return App(book, **options)

    def on_day(self, day: dt.date) -> App:
        """This app as of ``day``, sharing its open book, plugins and settings (to look ahead).

        Close this app, not the one returned: the book is the same.
        """
        _ = self.store, self.settings  # opened and read once, for both
        other = self.evolve(today=day)
        for name in ("plugins", "converter", "store", "identity", "settings", "book_disabled"):
            if name in self.__dict__:
                other.__dict__[name] = self.__dict__[name]
        return other
