"""Builds the pluggy plugin manager: entry points, disabled plugins, load problems.

There is no module-global manager: :func:`make_plugin_manager` builds a new
one each time, so every test and every command gets its own.

Plugins load in a documented order: the core's own rules (``core``) first,
then installed plugins in the order of their entry-point names, then plugins
given by module path for development. Hooks are called in that order.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pluggy

from .. import hookspecs
from .._errors import PluginLoadError
from .entrypoints import EntryPoint, find_entry_points

__all__ = [
    "ENTRY_POINT_GROUP",
    "LoadedPlugins",
    "PluginInfo",
    "installed_plugins",
    "make_plugin_manager",
    "normalize_name",
]

ENTRY_POINT_GROUP = "accountcore"
# pluggy's ordering and wrapping options: the facade calls plugins one by one in plugin order.
_UNHONOURED = ("tryfirst", "trylast", "wrapper", "hookwrapper")


def normalize_name(name: str) -> str:
    """A distribution or plugin name compared the way packaging compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


class PluginInfo(NamedTuple):
    """What is known of one plugin: where it comes from and whether it loaded."""

    name: str
    distribution: str | None
    version: str | None
    module: str
    status: str  # "loaded", "failed" or "disabled"
    hooks: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def loaded(self) -> bool:
        """Whether the plugin is registered and its hooks are called."""
        return self.status == "loaded"


class LoadedPlugins(NamedTuple):
    """A plugin manager with the plugins that loaded, and a report on every plugin seen.

    ``traced``: pluggy's monitoring logs each hook call (ACCOUNTCORE_TRACE_PLUGINS=1).
    """

    pm: pluggy.PluginManager
    infos: tuple[PluginInfo, ...]
    order: tuple[str, ...] = ()
    traced: bool = False

    @property
    def problems(self) -> list[str]:
        """One message per plugin that failed to load, naming it and what to do."""
        return [_problem_message(info) for info in self.infos if info.status == "failed"]


def _problem_message(info: PluginInfo) -> str:
    origin = f" ({info.distribution} {info.version})" if info.distribution else ""
    return (
        f"plugin {info.name!r}{origin} skipped: {'; '.join(info.problems)}"
        f" (disable it with --disable-plugin {info.name})"
    )


def _hook_problems(pm: pluggy.PluginManager, plugin: Any) -> tuple[list[str], list[str]]:
    """The hooks a plugin implements, and what is wrong with them (unknown names, arguments)."""
    hooks, problems = [], []
    for attr in dir(plugin):
        opts = pm.parse_hookimpl_opts(plugin, attr)
        if opts is None:
            continue
        hooks.append(attr)
        marked = [option for option in _UNHONOURED if opts.get(option)]
        if marked:
            problems.append(
                f"hook {attr!r} is marked {', '.join(marked)}: accountcore calls each plugin's"
                " hooks one plugin at a time, in plugin order, and honours no tryfirst,"
                " trylast, wrapper or hookwrapper; remove the option"
            )
        spec = getattr(pm.hook, attr, None)
        if spec is None or spec.spec is None:
            import difflib  # only for a misspelt hook

            known = [name for name in dir(hookspecs) if pm.parse_hookspec_opts(hookspecs, name)]
            close = difflib.get_close_matches(attr, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"unknown hook {attr!r}{hint}")
            continue
        function = getattr(plugin, attr)
        try:
            argnames = list(inspect.signature(function).parameters)
        except (TypeError, ValueError):
            continue
        if inspect.ismethod(function) or (argnames and argnames[0] == "self"):
            argnames = argnames[1:]
        wrong = [name for name in argnames if name not in spec.spec.argnames]
        if wrong:
            allowed = ", ".join(spec.spec.argnames) or "none"
            problems.append(
                f"hook {attr!r} takes unknown argument(s) {', '.join(map(repr, wrong))}"
                f" (the hook offers: {allowed})"
            )
    return hooks, problems


def _load_module(spec: str) -> Any:
    """Import a development plugin given as a module name or a path to a .py file."""
    if spec.endswith(".py") or os.sep in spec:
        from importlib.util import module_from_spec, spec_from_file_location

        path = Path(spec)
        module_spec = spec_from_file_location(path.stem, path)
        if module_spec is None or module_spec.loader is None:
            raise ImportError(f"cannot load a module from {spec}")
        module = module_from_spec(module_spec)
        sys.modules[path.stem] = module
        module_spec.loader.exec_module(module)
        return module
    return importlib.import_module(spec)


def _entry_points() -> list[EntryPoint]:
    return sorted(find_entry_points(ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def installed_plugins() -> list[tuple[str, str | None]]:
    """``(entry-point name, distribution name)`` of every installed plugin, none imported."""
    return [(ep.name, ep.distribution) for ep in _entry_points()]


def _trace(pm: pluggy.PluginManager) -> None:
    import logging  # only when tracing: logging is a few ms of every start-up

    log = logging.getLogger("accountcore._plugins.manager")

    def before(hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        names = ", ".join(impl.plugin_name for impl in impls)
        log.debug("call %s [%s] with %s", hook_name, names, sorted(kwargs))

    def after(
        outcome: Any, hook_name: str, impls: Sequence[Any], kwargs: Mapping[str, Any]
    ) -> None:
        if outcome.exception is not None:
            log.debug("%s raised %r", hook_name, outcome.exception)
        else:
            log.debug("%s returned %.300r", hook_name, outcome.get_result())

    pm.add_hookcall_monitoring(before, after)


def make_plugin_manager(
    disabled: Iterable[str] = (),
    modules: Iterable[str] = (),
    *,
    entry_points: bool = True,
    strict: bool = False,
    builtin: bool = True,
) -> LoadedPlugins:
    """Build a plugin manager with the core's rules and every plugin that loads.

    ``disabled`` names plugins (entry-point names) or distributions that are
    not even imported. ``modules`` adds plugins by module name or file path.
    A plugin that fails to import, or whose hooks do not match the contract,
    is skipped and reported; with ``strict`` it raises :class:`PluginLoadError`.
    """
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    off = {normalize_name(name) for name in disabled if name}
    infos: list[PluginInfo] = []

    def register(name: str, plugin: Any, distribution: str | None, version: str | None) -> None:
        hooks, problems = _hook_problems(pm, plugin)
        module = getattr(plugin, "__name__", type(plugin).__name__)
        if not problems:
            try:
                pm.register(plugin, name=name)
            except (pluggy.PluginValidationError, ValueError) as exc:
                problems.append(str(exc).replace("\n", " "))
        status = "failed" if problems else "loaded"
        infos.append(
            PluginInfo(name, distribution, version, module, status, tuple(hooks), tuple(problems))
        )

    if builtin:
        from .. import _builtin as core_rules

        register(
            "core",
            core_rules,
            "accountcore",
            _core_version(),
        )
    for ep in _entry_points() if entry_points else []:
        dist_name, version = ep.distribution, ep.version
        if normalize_name(ep.name) in off or (dist_name and normalize_name(dist_name) in off):
            infos.append(PluginInfo(ep.name, dist_name, version, ep.value, "disabled"))
            continue
        if any(info.name == ep.name for info in infos):
            problem = f"another plugin is already named {ep.name!r}"
            infos.append(
                PluginInfo(ep.name, dist_name, version, ep.value, "failed", (), (problem,))
            )
            continue
        try:
            plugin = ep.load()
        except Exception as exc:
            problem = f"import of {ep.value} failed: {type(exc).__name__}: {exc}"
            infos.append(
                PluginInfo(ep.name, dist_name, version, ep.value, "failed", (), (problem,))
            )
            continue
        register(ep.name, plugin, dist_name, version)
    for spec in modules:
        name = Path(spec).stem if spec.endswith(".py") else spec
        if normalize_name(name) in off:
            infos.append(PluginInfo(name, None, None, spec, "disabled"))
            continue
        try:
            plugin = _load_module(spec)
        except Exception as exc:
            problem = f"import of {spec} failed: {type(exc).__name__}: {exc}"
            infos.append(PluginInfo(name, None, None, spec, "failed", (), (problem,)))
            continue
        register(name, plugin, None, None)
    traced = os.environ.get("ACCOUNTCORE_TRACE_PLUGINS") == "1"
    if traced:
        _trace(pm)
    order = tuple(info.name for info in infos if info.loaded)
    loaded = LoadedPlugins(pm, tuple(infos), order, traced)
    if strict and loaded.problems:
        raise PluginLoadError("; ".join(loaded.problems))
    return loaded


def _core_version() -> str:
    from .. import __version__

    return __version__
