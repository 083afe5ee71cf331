"""A customer's stored plain data, in the order the converter gives it.

The book keeps contacts and profiles as JSON with sorted keys; a listing or a
``show`` that passes the stored data on (no converter, no structuring) puts
their fields back in their classes' order first, so that its output is the
converter's, field for field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

__all__ = ["ordered_customer_data"]


def ordered_customer_data(
    profiles: Mapping[str, type],
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A customer's stored plain data (JSON kept with sorted keys) put in the order the
    converter gives: contacts and each profile with a loaded class in their fields' order.
    """
    from ._model import Contact

    contact = [field.name for field in attrs.fields(Contact)]
    orders = {name: [field.name for field in attrs.fields(cls)] for name, cls in profiles.items()}

    def ordered(data: dict[str, Any]) -> dict[str, Any]:
        if isinstance(data.get("contacts"), list):
            data["contacts"] = [_in_order(item, contact) for item in data["contacts"]]
        if isinstance(data.get("profiles"), dict):
            data["profiles"] = {
                name: _in_order(profile, orders.get(name))
                for name, profile in data["profiles"].items()
            }
        return data

    return ordered


def _in_order(data: Any, order: list[str] | None) -> Any:
    if order is None or not isinstance(data, dict):
        return data
    if len(data) == len(order):  # every field stored (a contact's): one pass
        try:
            return {key: data[key] for key in order}
        except KeyError:
            pass
    result = {key: data[key] for key in order if key in data}
    result.update((key, value) for key, value in data.items() if key not in result)
    return result
