"""What is installed: each plugin, where it comes from, what it implements and offers."""

from __future__ import annotations

from attrs import frozen

from ..app import App

__all__ = ["PluginReport", "describe_plugins"]


@frozen
class PluginReport:
    """One plugin as `plugins list` shows it."""

    name: str
    distribution: str | None
    version: str | None
    module: str
    status: str
    hooks: tuple[str, ...]
    products: tuple[str, ...]
    problems: tuple[str, ...]


def describe_plugins(app: App) -> list[PluginReport]:
    """Every plugin seen, in load order: loaded, failed (with its problems) or disabled."""
    products = app.hooks.products.values()
    return [
        PluginReport(
            info.name,
            info.distribution,
            info.version,
            info.module,
            info.status,
            info.hooks,
            tuple(sorted(p.code for p in products if p.plugin == info.name)),
            info.problems,
        )
        for info in app.plugins.infos
    ]
