"""The daily batch's retention signals in SQL: the latest run, ranked, read without scoring."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .base import SqlBase
from .table import seq_of

if TYPE_CHECKING:
    from ..._model import RetentionSignal

__all__ = ["RetentionScoreTable"]

_SCALE = 10_000  # scores are rounded to 4 places: stored as whole ten-thousandths


class RetentionScoreTable(SqlBase):
    """The ``retention_runs`` and ``retention_scores`` tables."""

    def clear_retention_scores(self) -> None:
        """Forget the stored run and its signals (a new run is being stored)."""
        self._execute("DELETE FROM retention_runs")
        self._execute("DELETE FROM retention_scores")

    def add_retention_scores(self, signals: Sequence[RetentionSignal]) -> None:
        """Store merged signals of the run being stored (each customer once)."""
        rows = [
            (
                signal.customer,
                seq_of(signal.customer),
                round(signal.score * _SCALE),
                json.dumps([[r.rule, r.weight, r.text, r.plugin] for r in signal.reasons]),
            )
            for signal in signals
        ]
        m = self.mark
        self._execute_many(
            "INSERT INTO retention_scores (customer, position, score, reasons)"
            f" VALUES ({m}, {m}, {m}, {m})",
            rows,
        )

    def set_retention_run(self, day: dt.date, basis: str, signals: int) -> None:
        """Record the run whose signals are stored: its day and what it scored with."""
        m = self.mark
        self._execute("DELETE FROM retention_runs")
        self._execute(
            f"INSERT INTO retention_runs (day, basis, signals) VALUES ({m}, {m}, {m})",
            (day.isoformat(), basis, signals),
        )

    def retention_run(self) -> tuple[dt.date, str] | None:
        """``(day, basis)`` of the stored run, or None when no run is stored."""
        row = self._execute("SELECT day, basis FROM retention_runs").fetchone()
        return None if row is None else (dt.date.fromisoformat(row[0]), row[1])

    def iter_retention_scores(
        self,
        managers: frozenset[str] | None,
        min_score: float = 0.0,
        limit: int | None = None,
    ) -> Iterator[RetentionSignal]:
        """The stored signals of customers of ``managers`` (None: all) who have not churned,
        scoring ``min_score`` or more, highest first (ties in customer order), streamed.

        The manager is the customer's now, as scoring him now would give.
        """
        conditions = self._conditions()
        conditions.add("c.status <> 'churned'")
        # The least whole score at or above min_score (a hair below it, as floats go).
        least = math.ceil(min_score * _SCALE - 1e-6)
        conditions.add(f"s.score >= {self.mark}", [least])
        if managers is not None:
            conditions.among("c.manager", managers)
        sql = (
            "SELECT s.customer, s.score, s.reasons, c.manager FROM retention_scores s"
            f" JOIN customers c ON c.id = s.customer WHERE {conditions.sql()}"
            " ORDER BY s.score DESC, s.position"
        )
        params = list(conditions.params)
        if limit is not None:
            sql += f" LIMIT {self.mark}"
            params.append(limit)
        from ..._model import Reason, RetentionSignal

        for customer, score, reasons, manager in self._stream(sql, params):
            yield RetentionSignal(
                customer,
                score / _SCALE,
                tuple(Reason(*reason) for reason in json.loads(reasons)),
                manager=manager,
            )
