"""Retention models in SQL: one row per training, as JSON; the latest not dropped is in use."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from .base import SqlBase

__all__ = ["RetentionModelTable"]


class RetentionModelTable(SqlBase):
    """The ``retention_models`` table."""

    def add_retention_model(self, trained_on: dt.date, model: dict[str, Any]) -> int:
        """Store a newly trained model; returns its version (1, 2, ...)."""
        row = self._execute("SELECT MAX(version) FROM retention_models").fetchone()
        version = (row[0] or 0) + 1
        m = self.mark
        self._execute(
            f"INSERT INTO retention_models (version, trained_on, model) VALUES ({m}, {m}, {m})",
            (version, trained_on.isoformat(), json.dumps(model, sort_keys=True)),
        )
        return version

    def current_retention_model(self) -> tuple[int, dict[str, Any]] | None:
        """``(version, model)`` of the model in use, or None when there is none."""
        row = self._execute(
            "SELECT version, model FROM retention_models WHERE dropped_on IS NULL"
            " ORDER BY version DESC LIMIT 1"
        ).fetchone()
        return None if row is None else (int(row[0]), json.loads(row[1]))

    def drop_retention_models(self, day: dt.date) -> int:
        """Mark every model in use dropped on ``day``; returns how many were."""
        cursor = self._execute(
            f"UPDATE retention_models SET dropped_on = {self.mark} WHERE dropped_on IS NULL",
            (day.isoformat(),),
        )
        return int(cursor.rowcount)
