"""Counts as nested mappings of numbers: added up per team and scope, then shares derived."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["Counts", "added", "bump", "share"]

# {"made": 3, "by_purpose": {"development": 1}}: numbers, or counts nested by a breakdown.
Counts = dict[str, Any]


def bump(counts: Counts, keys: Sequence[str], amount: float) -> None:
    """Add ``amount`` at the nested ``keys`` of ``counts``, making the levels it lacks."""
    *path, last = keys
    level = counts
    for key in path:
        level = level.setdefault(key, {})
    level[last] = level.get(last, 0) + amount


def added(parts: Iterable[Counts]) -> Counts:
    """The sum of counts, key by key, at every level (a key one part lacks counts 0)."""
    total: Counts = {}
    for part in parts:
        _add_into(total, part)
    return total


def _add_into(total: Counts, part: Counts) -> None:
    for key, value in part.items():
        if isinstance(value, dict):
            _add_into(total.setdefault(key, {}), value)
        else:
            total[key] = total.get(key, 0) + value


def share(part: float, whole: float) -> float | None:
    """``part / whole`` rounded to 3 places, or None when ``whole`` is 0."""
    return round(part / whole, 3) if whole else None
