"""What is installed, and which plugins a book disables.

Each plugin: where it comes from, its place in the load order, what it
implements and offers. A plugin disabled in the book's config
(``core.disabled_plugins``) is not even imported by any command on that book.
"""

from __future__ import annotations

from attrs import frozen

from .._app import DISABLED_PLUGINS_KEY, App
from .._errors import BadInput, PluginError
from .._plugins.manager import installed_plugins, normalize_name
from . import audit
from .scope import ensure_administrator

__all__ = ["PluginReport", "describe_plugins", "disable_plugin", "enable_plugin"]


@frozen
class PluginReport:
    """One plugin as `plugins list` shows it.

    ``order`` is its place in the order hooks are called (1 for the core),
    None when it is not loaded; ``note`` says why a plugin is disabled.
    """

    order: int | None
    name: str
    distribution: str | None
    version: str | None
    module: str
    status: str
    hooks: tuple[str, ...]
    products: tuple[str, ...]
    problems: tuple[str, ...]
    note: str = ""


def describe_plugins(app: App) -> list[PluginReport]:
    """Every plugin seen, in load order: loaded, failed (with its problems) or disabled.

    A plugin whose ``register_products`` raises is reported with that problem;
    the others are still described.
    """
    order = {name: index for index, name in enumerate(app.plugins.order, start=1)}
    book_off = {normalize_name(name) for name in app.book_disabled}
    reports = []
    for info in app.plugins.infos:
        products: tuple[str, ...] = ()
        problems = info.problems
        if info.loaded:
            try:
                products = tuple(sorted(p.code for p in app.hooks.products_of(info.name)))
            except PluginError as exc:
                problems = (*problems, str(exc))
        note = ""
        if info.status == "disabled":
            names = {normalize_name(info.name), normalize_name(info.distribution or "")}
            note = (
                f"disabled in the book's config: `accountcore plugins enable {info.name}`"
                if names & book_off
                else "disabled for this command (--disable-plugin)"
            )
        reports.append(
            PluginReport(
                order.get(info.name),
                info.name,
                info.distribution,
                info.version,
                info.module,
                info.status,
                info.hooks,
                products,
                problems,
                note,
            )
        )
    return reports


def _known_name(name: str) -> str:
    """The installed plugin ``name`` names (entry point or distribution); BadInput otherwise."""
    wanted = normalize_name(name)
    if wanted in {"core", "accountcore"}:
        raise BadInput("the core cannot be disabled: it is accountcore itself")
    installed = installed_plugins()
    for entry_point, distribution in installed:
        if wanted in {normalize_name(entry_point), normalize_name(distribution or "")}:
            return entry_point
    names = ", ".join(sorted(ep for ep, _ in installed)) or "none"
    raise BadInput(f"no installed plugin is named {name!r}: installed plugins are {names}")


def _set_disabled(app: App, names: tuple[str, ...], action: str, plugin: str) -> tuple[str, ...]:
    before = app.book_disabled
    with app.store.transaction():
        app.store.set_config(DISABLED_PLUGINS_KEY, list(names) or None)
        audit.record(
            app,
            action,
            "config",
            DISABLED_PLUGINS_KEY,
            before={"value": list(before), "plugin": plugin},
            after={"value": list(names) or None, "plugin": plugin},
        )
    return names


def disable_plugin(app: App, name: str) -> tuple[str, ...]:
    """Disable an installed plugin for every command on the book; returns the disabled list.

    The plugin is never imported while doing so, so a plugin too broken to load
    can still be switched off. Audited as ``plugin.disable``; the administrator's.
    """
    ensure_administrator(app, f"disable the plugin {name} for the whole book")
    entry_point = _known_name(name)
    if entry_point in app.book_disabled:
        return app.book_disabled
    # Work on an app that does not load the plugin being disabled.
    quiet = app.evolve(disabled=(*app.disabled, entry_point))
    try:
        names = tuple(sorted({*quiet.book_disabled, entry_point}))
        return _set_disabled(quiet, names, "plugin.disable", entry_point)
    finally:
        quiet.close()


def enable_plugin(app: App, name: str) -> tuple[str, ...]:
    """Enable again a plugin the book's config disables; returns the disabled list.

    Audited as ``plugin.enable``; BadInput when the book does not disable it. The
    administrator's.
    """
    ensure_administrator(app, f"enable the plugin {name} for the whole book")
    wanted = normalize_name(name)
    kept = tuple(n for n in app.book_disabled if normalize_name(n) != wanted)
    if kept == app.book_disabled:
        listed = ", ".join(app.book_disabled) or "none"
        raise BadInput(f"the book does not disable {name!r} (it disables: {listed})")
    return _set_disabled(app, kept, "plugin.enable", name)
