"""Plugin profiles on a customer file, checked by each plugin's class."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._app import App
from .._convert import describe_error
from .._errors import BadInput
from . import privacy

__all__ = ["apply_profile_values", "parse_assignment", "parse_field"]


def parse_field(text: str) -> tuple[str, str]:
    """``PLUGIN.FIELD`` as ``(plugin, field)``; BadInput when it has no dot."""
    plugin, dot, name = text.partition(".")
    if not dot or not plugin or not name:
        raise BadInput(f"{text!r}: expected PLUGIN.FIELD, such as telecom.msisdn")
    return plugin, name


def parse_assignment(text: str) -> tuple[str, str, str]:
    """``PLUGIN.FIELD=VALUE`` as ``(plugin, field, value)``."""
    target, equals, value = text.partition("=")
    if not equals:
        raise BadInput(
            f"--set {text!r}: expected PLUGIN.FIELD=VALUE, such as telecom.msisdn=13800138000"
        )
    plugin, name = parse_field(target.strip())
    return plugin, name, value.strip()


def apply_profile_values(
    app: App,
    profiles: Mapping[str, Any],
    values: Iterable[tuple[str, str, Any]],
    unset: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    """New profiles: ``profiles`` with each ``(plugin, field, value)`` set and each field unset.

    Each changed profile is structured through its plugin's class, so a value
    the class rejects (or a field it lacks) is a BadInput naming the field.
    An empty value is refused: ``unset`` clears a field, and its default is
    then checked by the class like any value.
    """
    classes = app.hooks.profiles
    changes: dict[str, dict[str, Any]] = {}
    for plugin, name, value in values:
        if value == "":
            raise BadInput(
                f"--set {plugin}.{name}=: no value given; clear a field with"
                f" --unset {plugin}.{name}"
            )
        changes.setdefault(plugin, {})[name] = value
    for plugin, name in unset:
        changes.setdefault(plugin, {})[name] = None
    result = dict(profiles)
    for plugin, fields in changes.items():
        cls = classes.get(plugin)
        if cls is None:
            known = ", ".join(sorted(classes)) or "none (no plugin with a profile is loaded)"
            raise BadInput(
                f"unknown profile {plugin!r} in {plugin}.{next(iter(fields))}:"
                f" installed profiles are {known}"
            )
        known_fields = [f.name for f in attrs.fields(cls)]
        for name in fields:
            if name not in known_fields:
                raise BadInput(
                    f"{plugin}.{name}: the {plugin} profile has no field {name!r};"
                    f" its fields are {', '.join(known_fields)}"
                )
        current = result.get(plugin)
        data = app.converter.unstructure(current) if current is not None else {}
        if not isinstance(data, dict):
            data = {}
        data.update(fields)
        data = {key: value for key, value in data.items() if value is not None}
        if not data:
            result.pop(plugin, None)
            continue
        try:
            result[plugin] = app.converter.structure(data, cls)
        except Exception as exc:
            personal = privacy.personal_fields({plugin: cls})[plugin]
            message = privacy.redact(
                describe_error(exc, plugin, cls),
                [(kind, data.get(name)) for name, kind in personal.items()],
            )
            raise BadInput(f"invalid profile: {message}") from exc
    return result
