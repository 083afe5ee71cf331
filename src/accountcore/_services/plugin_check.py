"""`plugins check`: is every installed plugin fit to load, without a book.

Load problems (an import that fails, an unknown hook, an argument a hook does
not offer) come from the plugin manager; then each loaded plugin's catalogue
hooks are called on their own and their answers checked: products whose code
does not start with their industry or clashes with another plugin's, profile
and settings classes the converter cannot write and read back.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable
from typing import Any

import attrs
from attrs import frozen

from .._app import App
from .._context import BookReader, Context
from .._convert import describe_error, make_converter
from .._errors import PluginError
from .._plugins.answers import WrongAnswer, answer_values
from .._plugins.hooks import Hooks
from .._plugins.manager import make_plugin_manager

__all__ = ["PluginCheck", "check_plugins"]


@frozen
class PluginCheck:
    """One plugin's verdict: ``status`` is loaded, failed or disabled (not checked).

    ``warnings`` name what loads but likely does not do what its author meant
    (a ``visit_policy`` its ``visit_policy_candidates`` never lets be asked).
    """

    name: str
    distribution: str | None
    version: str | None
    status: str
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether nothing is wrong with the plugin (a disabled one is not checked)."""
        return not self.problems


def check_plugins(app: App) -> list[PluginCheck]:
    """Check every plugin the app would load (installed, and ``--plugin`` modules), in order.

    The book is never opened: plugins disabled by ``--disable-plugin`` are
    reported as disabled, those the book disables are checked like any other.
    Every problem of every plugin is reported, not only the first.
    """
    loaded = make_plugin_manager(app.disabled, app.plugin_modules, entry_points=app.entry_points)
    hooks = Hooks(loaded)
    problems: dict[str, list[str]] = {info.name: list(info.problems) for info in loaded.infos}
    catalogue = _Catalogue(hooks, problems)
    for plugin in loaded.order:
        catalogue.check(plugin)
    catalogue.check_classes()
    warnings = {
        plugin: _visit_policy_warnings(hooks, catalogue, plugin, app.today)
        for plugin in loaded.order
    }
    return [
        PluginCheck(
            info.name,
            info.distribution,
            info.version,
            info.status,
            tuple(problems[info.name]),
            tuple(warnings.get(info.name, ())),
        )
        for info in loaded.infos
    ]


class _NoBook:
    """The book of a context built without one: `plugins check` opens no book."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("`plugins check` opens no book")


def _visit_policy_warnings(
    hooks: Hooks, catalogue: _Catalogue, plugin: str, today: dt.date
) -> list[str]:
    """A ``visit_policy`` whose ``visit_policy_candidates`` answers no selection is never asked."""
    if not all(
        plugin in hooks.implementers(hook) for hook in ("visit_policy", "visit_policy_candidates")
    ):
        return []
    settings = catalogue.settings.get(plugin)
    book = typing.cast(BookReader, _NoBook())
    context = Context(today=today, settings=settings() if settings else None, book=book)
    try:
        answers = hooks.call("visit_policy_candidates", plugin, context=context)
    except PluginError:
        return []  # it reads the book: nothing to say without one
    if answers and all(not _as_list(answer) for answer in answers):
        return [
            "hook 'visit_policy_candidates' returns no selection, so its 'visit_policy' is"
            " never asked: return None to be asked about every customer, or selections"
            " holding the customers it answers for"
        ]
    return []


class _Catalogue:
    """What the loaded plugins register, gathered plugin by plugin to find clashes."""

    def __init__(self, hooks: Hooks, problems: dict[str, list[str]]) -> None:
        self.hooks = hooks
        self.problems = problems
        self.products: dict[str, str] = {}
        self.profiles: dict[str, tuple[str, type]] = {}
        self.settings: dict[str, type] = {}

    def _answers(self, plugin: str, hook: str) -> list[Any]:
        try:
            return [answer for answer in self.hooks.call(hook, plugin) if answer is not None]
        except PluginError as exc:
            error = exc.error
            self.problems[plugin].append(f"hook {hook!r} raised {type(error).__name__}: {error}")
            return []

    def check(self, plugin: str) -> None:
        self._products(plugin)
        self._responsibilities(plugin)
        self._profile(plugin)
        self._settings(plugin)

    def _values(self, plugin: str, hook: str) -> list[Any]:
        """The plugin's valid answers to ``hook`` (:data:`ANSWERS`); a wrong one is a problem."""
        values: list[Any] = []
        for answer in self._answers(plugin, hook):
            try:
                values.extend(answer_values(hook, answer))
            except WrongAnswer as exc:
                self.problems[plugin].append(f"hook {hook!r} {exc}")
        return values

    def _products(self, plugin: str) -> None:
        own: set[str] = set()
        for product in self._values(plugin, "register_products"):
            code = product.code
            if not product.industry or not code.startswith(f"{product.industry}."):
                self.problems[plugin].append(
                    f"product code {code!r} does not start with its industry"
                    f" ({product.industry!r}): name it {product.industry or 'INDUSTRY'}.something"
                )
            if code in own:
                self.problems[plugin].append(f"product code {code!r} is registered twice")
                continue
            own.add(code)
            owner = self.products.setdefault(code, plugin)
            if owner != plugin:
                self.problems[plugin].append(
                    f"product code {code!r} clashes: plugin {owner!r} registers it too"
                )

    def _responsibilities(self, plugin: str) -> None:
        self._values(plugin, "register_responsibilities")

    def _profile(self, plugin: str) -> None:
        for name, cls in self._values(plugin, "register_profile"):
            if name in self.profiles:
                self.problems[plugin].append(
                    f"profile {name!r} clashes: plugin {self.profiles[name][0]!r} registers it too"
                )
                continue
            self.profiles[name] = (plugin, cls)

    def _settings(self, plugin: str) -> None:
        for cls in self._values(plugin, "register_settings"):
            self.settings[plugin] = cls

    def check_classes(self) -> None:
        """Round-trip a default instance of every profile and settings class."""
        conv = make_converter({name: cls for name, (_, cls) in self.profiles.items()})
        for name, (plugin, cls) in self.profiles.items():
            self.problems[plugin].extend(_round_trip(conv, cls, f"profile {name!r}"))
        for plugin, cls in self.settings.items():
            self.problems[plugin].extend(_round_trip(conv, cls, "settings"))


def _as_list(answer: Any) -> list[Any]:
    try:
        return list(answer)
    except TypeError:
        return [answer]


def _round_trip(conv: Any, cls: type, what: str) -> list[str]:
    """What stops a default ``cls()`` from going to JSON and back through the converter."""
    label = f"{what} class {cls.__name__}"
    try:
        attrs.resolve_types(cls)
    except Exception as exc:
        return [f"{label}: its annotations cannot be resolved ({type(exc).__name__}: {exc})"]
    fields = [f for f in attrs.fields(cls) if f.init]
    missing = [f.name for f in fields if f.default is attrs.NOTHING]
    if missing:
        return [
            f"{label}: field(s) without a default: {', '.join(missing)}"
            " (give every field a default: files and settings are filled in over time)"
        ]
    unsupported = sorted({name for f in fields for name in _unsupported(conv, f.type, set())})
    if unsupported:
        return [
            f"{label}: the converter cannot read {', '.join(unsupported)}"
            " (use str, int, bool, Decimal, date, an Enum, an attrs class or a tuple of them)"
        ]
    steps: list[tuple[str, Callable[[Any], Any]]] = [
        ("building a default instance", lambda _: cls()),
        ("writing it", conv.unstructure),
        ("storing it as JSON", lambda data: json.loads(json.dumps(data))),
        ("reading it back", lambda data: conv.structure(data, cls)),
    ]
    value: Any = None
    for step, run in steps:
        try:
            value = run(value)
        except Exception as exc:
            return [f"{label}: {step} failed: {describe_error(exc, cls.__name__)}"]
    if value != cls():
        return [f"{label}: reads back as {value!r}, not as its default {cls()!r}"]
    return []


def _unsupported(conv: Any, tp: Any, seen: set[Any]) -> list[str]:
    """The types within ``tp`` (unions, generics, nested attrs classes) the converter lacks."""
    if tp in seen:
        return []
    seen.add(tp)
    if isinstance(tp, str):
        return [repr(tp)]
    args = typing.get_args(tp)
    if args:
        return [
            name
            for arg in args
            if arg is not type(None) and arg is not Ellipsis
            for name in _unsupported(conv, arg, seen)
        ]
    if attrs.has(tp):
        return [name for f in attrs.fields(tp) for name in _unsupported(conv, f.type, seen)]
    try:
        conv.get_structure_hook(tp)
    except Exception:
        return [getattr(tp, "__name__", repr(tp))]
    return []
