"""A query's WHERE built a condition at a time, with the driver's placeholder."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["Conditions", "among"]


class Conditions:
    """The conditions of one query's WHERE and their parameters, in order."""

    def __init__(self, mark: str) -> None:
        self.mark = mark
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, params: Iterable[Any] = ()) -> None:
        """A condition written with :attr:`mark` for each of its ``params``."""
        self.clauses.append(sql)
        self.params.extend(params)

    def equal(self, column: str, value: Any) -> None:
        """``column`` holds ``value``, unless ``value`` is None (no condition then)."""
        if value is not None:
            self.add(f"{column} = {self.mark}", [value])

    def among(self, column: str, values: Iterable[Any]) -> None:
        """``column`` holds one of ``values``; none of them holds for no row."""
        sql, params = among(self.mark, column, values)
        self.add(sql, params)

    def sql(self) -> str:
        """The conditions joined by AND (``1 = 1`` when there is none)."""
        return " AND ".join(self.clauses) or "1 = 1"


def among(mark: str, column: str, values: Iterable[Any]) -> tuple[str, list[Any]]:
    """``column IN (...)`` over ``values`` sorted, and its parameters; empty holds for none."""
    names = sorted(values) or [""]
    return f"{column} IN ({', '.join(mark for _ in names)})", names
