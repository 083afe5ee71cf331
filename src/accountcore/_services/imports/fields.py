"""What the fields of an imported record hold, and a failed structuring as ``(field, problem)``.

The kinds drive the mapping's formats: a ``date`` field takes the mapping's
date formats, a ``money`` field its decimal and thousands separators.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from ..._convert import describe_error

__all__ = ["field_problems", "kinds_of", "profile_kinds"]


def _kind(tp: Any) -> str:
    args = [arg for arg in typing.get_args(tp) if arg is not type(None)]
    if args and len(args) == 1 and typing.get_origin(tp) is not tuple:
        tp = args[0]
    if tp is dt.date:
        return "date"
    if tp is Decimal:
        return "money"
    return "text"


def kinds_of(cls: type, skip: Iterable[str] = ()) -> dict[str, str]:
    """The kind of each field of the attrs class ``cls`` (but ``skip``)."""
    hints = typing.get_type_hints(cls)
    left_out = set(skip)
    return {f.name: _kind(hints[f.name]) for f in attrs.fields(cls) if f.name not in left_out}


def profile_kinds(profiles: dict[str, type]) -> dict[str, str]:
    """``PLUGIN.FIELD`` -> kind, for every field of every loaded plugin's profile."""
    return {
        f"{plugin}.{name}": kind
        for plugin, cls in sorted(profiles.items())
        for name, kind in kinds_of(cls).items()
    }


def field_problems(exc: BaseException, where: str = "record") -> list[tuple[str, str]]:
    """A structuring error as ``(field, problem)`` pairs, ``where.`` taken off each field."""
    problems = []
    for part in describe_error(exc, where).split("; "):
        name, _, problem = part.partition(": ")
        name = name.removeprefix(f"{where}.")
        problems.append((name if name != where else "row", problem or part))
    return problems
