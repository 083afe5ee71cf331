"""The book's own keeping in SQL: the id sequences and the settings overrides."""

from __future__ import annotations

import json
from typing import Any

from .base import SqlBase

__all__ = ["BookKeeping"]


class BookKeeping(SqlBase):
    """The ``sequences`` and ``config`` tables."""

    def next_id(self, prefix: str) -> str:
        """A new id ``PREFIX-N``; numbers are never reused."""
        return self.next_ids(prefix, 1)[0]

    def next_ids(self, prefix: str, count: int) -> list[str]:
        """``count`` new ids ``PREFIX-N`` in a row; numbers are never reused."""
        m = self.mark
        with self.transaction():
            row = self._execute(f"SELECT last FROM sequences WHERE name = {m}", (prefix,))
            found = row.fetchone()
            last = found[0] if found else 0
            if found:
                sql = f"UPDATE sequences SET last = {m} WHERE name = {m}"
            else:
                sql = f"INSERT INTO sequences (last, name) VALUES ({m}, {m})"
            self._execute(sql, (last + count, prefix))
        return [f"{prefix}-{number}" for number in range(last + 1, last + count + 1)]

    def get_config(self) -> dict[str, Any]:
        """The book's settings overrides, ``{"plugin.field": value}``."""
        return {k: json.loads(v) for k, v in self._execute("SELECT key, value FROM config")}

    def set_config(self, key: str, value: Any) -> None:
        """Set one override; None removes it."""
        with self.transaction():
            m = self.mark
            self._execute(f"DELETE FROM config WHERE key = {m}", (key,))
            if value is not None:
                sql = f"INSERT INTO config (key, value) VALUES ({m}, {m})"
                self._execute(sql, (key, json.dumps(value)))
