"""Service agreements in SQL."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .base import SqlBase, among
from .table import Table

if TYPE_CHECKING:
    from ..._model import Agreement

__all__ = ["AGREEMENTS", "AgreementTable"]

AGREEMENTS: Table[Agreement] = Table(
    "agreements",
    "Agreement",
    "agreement",
    (
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
    ),
    json_columns=frozenset({"terms", "findings"}),
    boolean_columns=frozenset({"sealed"}),
)


class AgreementTable(SqlBase):
    """The ``agreements`` table."""

    def add_agreement(self, agreement: Agreement) -> None:
        """Store a new agreement (its id is ``a-N``)."""
        self._add(AGREEMENTS, [agreement])

    def add_agreements(self, agreements: list[Agreement]) -> None:
        """Store many new agreements at once."""
        self._add(AGREEMENTS, agreements)

    def update_agreement(self, agreement: Agreement) -> None:
        """Replace the stored agreement with the same id."""
        self._replace(AGREEMENTS, agreement)

    def get_agreement(self, agreement_id: str) -> Agreement | None:
        """The agreement with this id, or None."""
        return self._get(AGREEMENTS, "id", agreement_id)

    def agreements_of(self, customer_id: str) -> list[Agreement]:
        """The customer's agreements, oldest first."""
        return self.agreements_of_many([customer_id])[customer_id]

    def agreements_of_many(self, customer_ids: Iterable[str]) -> dict[str, list[Agreement]]:
        """The agreements of a batch of customers, by customer id (for batched rules)."""
        return self._by_customer(AGREEMENTS, customer_ids)

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
        conditions = self._conditions()
        conditions.equal("customer", customer)
        conditions.equal("status", status)
        if managers is not None:
            theirs, names = among(self.mark, "manager", managers)
            conditions.add(f"customer IN (SELECT id FROM customers WHERE {theirs})", names)
        for page in self._pages(AGREEMENTS, conditions, batch_size):
            yield from page
