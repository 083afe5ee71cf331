"""Service agreements in SQL."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..._model import Agreement
from .base import SqlBase

__all__ = ["AgreementTable"]

_COLUMNS = (
    "id",
    "customer",
    "product",
    "manager",
    "status",
    "start",
    "end",
    "amount",
    "sealed",
    "terms",
    "findings",
    "signed_on",
    "override_reason",
    "terminated_on",
    "termination_reason",
)
_JSON = frozenset({"terms", "findings"})
_FIELDS = ", ".join(f'"{c}"' for c in _COLUMNS)
_SELECT = f"SELECT {_FIELDS} FROM agreements"


class AgreementTable(SqlBase):
    """The ``agreements`` table."""

    def _agreement_row(self, agreement: Agreement) -> list[Any]:
        data = self._conv.unstructure(agreement)
        data["sealed"] = int(data["sealed"])
        return [
            json.dumps(data[c], ensure_ascii=False, sort_keys=True) if c in _JSON else data[c]
            for c in _COLUMNS
        ]

    def _agreement(self, row: Any) -> Agreement:
        data = {c: json.loads(v) if c in _JSON else v for c, v in zip(_COLUMNS, row, strict=True)}
        data["sealed"] = bool(data["sealed"])
        return self._conv.structure({k: v for k, v in data.items() if v is not None}, Agreement)

    def add_agreement(self, agreement: Agreement) -> None:
        """Store a new agreement (its id is ``a-N``)."""
        columns = ", ".join(("seq", *(f'"{c}"' for c in _COLUMNS)))
        marks = ", ".join("?" * (len(_COLUMNS) + 1))
        seq = int(agreement.id.rsplit("-", 1)[1])
        self._execute(
            f"INSERT INTO agreements ({columns}) VALUES ({marks})",
            [seq, *self._agreement_row(agreement)],
        )

    def update_agreement(self, agreement: Agreement) -> None:
        """Replace the stored agreement with the same id."""
        row = self._agreement_row(agreement)
        assignments = ", ".join(f'"{c}" = ?' for c in _COLUMNS[1:])
        self._execute(f"UPDATE agreements SET {assignments} WHERE id = ?", [*row[1:], row[0]])

    def get_agreement(self, agreement_id: str) -> Agreement | None:
        """The agreement with this id, or None."""
        row = self._execute(_SELECT + " WHERE id = ?", (agreement_id,)).fetchone()
        return self._agreement(row) if row else None

    def agreements_of(self, customer_id: str) -> list[Agreement]:
        """The customer's agreements, oldest first."""
        rows = self._execute(_SELECT + " WHERE customer = ? ORDER BY seq", (customer_id,))
        return [self._agreement(row) for row in rows]

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id (for batched rules)."""
        ids = list(customer_ids)
        found: dict[str, list[Agreement]] = {customer_id: [] for customer_id in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._execute(_SELECT + f" WHERE customer IN ({marks}) ORDER BY seq", chunk)
            for row in rows:
                agreement = self._agreement(row)
                found[agreement.customer].append(agreement)
        return found

    def iter_agreements(
        self,
        *,
        customer: str | None = None,
        status: str | None = None,
        managers: frozenset[str] | None = None,
        batch_size: int = 1000,
    ) -> Iterator[Agreement]:
        """Agreements in id order, filtered, streamed from the book a batch at a time.

        ``managers`` keeps the agreements of the customers now under their names
        (a customer's agreements follow him when he changes hands).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if customer is not None:
            clauses.append("customer = ?")
            params.append(customer)
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if managers is not None:
            names = sorted(managers) or [""]
            marks = ", ".join("?" * len(names))
            clauses.append(f"customer IN (SELECT id FROM customers WHERE manager IN ({marks}))")
            params.extend(names)
        condition = "".join(f"{clause} AND " for clause in clauses)
        after = -1
        while True:
            rows = self._execute(
                f"SELECT seq, {_FIELDS} FROM agreements WHERE {condition}seq > ?"
                " ORDER BY seq LIMIT ?",
                [*params, after, batch_size],
            ).fetchall()
            for row in rows:
                yield self._agreement(row[1:])
            if len(rows) < batch_size:
                return
            after = rows[-1][0]
