"""Plugin settings: each class's defaults, then the book's overrides (``config set``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import cattrs

__all__ = ["overrides_by_plugin", "structure_settings"]


def overrides_by_plugin(config: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The book's config ``{"PLUGIN.FIELD": value}`` grouped as ``{plugin: {field: value}}``."""
    grouped: dict[str, dict[str, Any]] = {}
    for key, value in config.items():
        plugin, _, name = key.partition(".")
        grouped.setdefault(plugin, {})[name] = value
    return grouped


def structure_settings(converter: cattrs.Converter, cls: type, overrides: Mapping[str, Any]) -> Any:
    """An instance of the settings class ``cls``: its defaults with ``overrides`` applied.

    Raises what the converter raises for a value the class refuses.
    """
    data = converter.unstructure(cls())
    data.update(overrides)
    return converter.structure(data, cls)
