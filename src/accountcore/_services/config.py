"""Plugin settings per book: each plugin's defaults, and the overrides a firm sets.

A key is ``PLUGIN.FIELD``; a value is checked by the plugin's settings class
through the converter before it is stored, and stored as the plain data the
converter makes of it. Every change is audited.
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import frozen

from .._app import App
from .._convert import describe_error
from .._errors import BadInput
from .._settings import overrides_by_plugin, structure_settings
from . import audit, scope
from .profiles import parse_field

__all__ = ["Setting", "list_settings", "set_setting", "unset_setting"]


@frozen
class Setting:
    """One setting of one plugin: its value on this book and its default.

    ``note`` is set for an override the book keeps but no loaded plugin reads.
    """

    key: str
    plugin: str
    field: str
    value: Any
    default: Any
    overridden: bool
    note: str = ""


def _class_of(app: App, plugin: str) -> type:
    classes = app.hooks.settings_classes
    if plugin not in classes:
        known = ", ".join(sorted(classes)) or "none"
        raise BadInput(
            f"unknown plugin {plugin!r}: the plugins with settings are {known}"
            " (see `accountcore config show`)"
        )
    return classes[plugin]


def _overrides(app: App, plugin: str) -> dict[str, Any]:
    return overrides_by_plugin(app.store.get_config()).get(plugin, {})


def list_settings(app: App, plugin: str | None = None) -> list[Setting]:
    """Every setting of every plugin (or of ``plugin``), then overrides no plugin reads."""
    classes = app.hooks.settings_classes
    if plugin is not None:
        _class_of(app, plugin)
    stored = app.store.get_config()
    settings = []
    for name, cls in sorted(classes.items()):
        if plugin is not None and name != plugin:
            continue
        defaults = app.converter.unstructure(cls())
        for field in attrs.fields(cls):
            key = f"{name}.{field.name}"
            default = defaults.get(field.name)
            overridden = key in stored
            value = stored[key] if overridden else default
            settings.append(Setting(key, name, field.name, value, default, overridden))
    for key, value in sorted(stored.items()):
        owner, _, field_name = key.partition(".")
        if plugin is not None and owner != plugin:
            continue
        if owner in classes and field_name in attrs.fields_dict(classes[owner]):
            continue
        note = "no such setting" if owner in classes else "its plugin is not loaded"
        settings.append(Setting(key, owner, field_name, value, None, True, note))
    return settings


def set_setting(app: App, key: str, text: str) -> Setting:
    """Override ``PLUGIN.FIELD`` on this book with ``text``, checked by the plugin's class.

    BadInput (nothing stored) for an unknown plugin or field, or a value the
    class refuses (the message names the field). Audited as ``config.set``.
    """
    scope.ensure_administrator(app, f"change the book-wide setting {key}")
    plugin, name = parse_field(key)
    cls = _class_of(app, plugin)
    fields = attrs.fields_dict(cls)
    if name not in fields:
        raise BadInput(
            f"{key}: the {plugin} settings have no field {name!r}; its fields are"
            f" {', '.join(fields)}"
        )
    with app.store.transaction():
        overrides = _overrides(app, plugin)
        try:
            settings = structure_settings(app.converter, cls, {**overrides, name: text})
        except Exception as exc:
            raise BadInput(f"invalid setting: {describe_error(exc, plugin, cls)}") from exc
        value = app.converter.unstructure(settings)[name]
        app.store.set_config(key, value)
        audit.record(
            app,
            "config.set",
            "config",
            key,
            before={"value": overrides[name]} if name in overrides else None,
            after={"value": value},
        )
    default = app.converter.unstructure(cls())[name]
    return Setting(key, plugin, name, value, default, True)


def unset_setting(app: App, key: str) -> bool:
    """Remove the book's override of ``key``, back to the default; False when there was none.

    An override the book keeps for a plugin no longer installed can be removed
    too. Audited as ``config.unset``.
    """
    scope.ensure_administrator(app, f"change the book-wide setting {key}")
    plugin, name = parse_field(key)
    with app.store.transaction():
        stored = app.store.get_config()
        if key not in stored:
            cls = _class_of(app, plugin)
            if name not in attrs.fields_dict(cls):
                raise BadInput(f"{key}: the {plugin} settings have no field {name!r}")
            return False
        app.store.set_config(key, None)
        audit.record(app, "config.unset", "config", key, before={"value": stored[key]})
    return True
