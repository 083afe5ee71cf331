"""Importing agreements signed in the old system: kept as they were, re-checked by the plugins.

An agreement keeps its start, end and status as of its dates (an active one
past its end reads expired). Every plugin's ``check_agreement`` looks at it
as a re-check: its findings are stored on the agreement and reported, never
blocking, since it was signed already. ``end`` defaults to the end of the
product's term; ``signed_on`` to its start (or today, if it starts later).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any

import attrs

from ..._errors import BadInput
from ..._io.sources import Row
from ..._model import Agreement, AgreementStatus, Customer
from ...dates import term_end
from ..agreements import parse_amount
from ..products import get_product
from .history import HistoryImporter

__all__ = ["AgreementImporter"]


class AgreementImporter(HistoryImporter):
    """Agreement rows (customer, product, start, end, status, amount, terms...)."""

    entity = "agreement"
    record_class = Agreement
    prefix = "a"
    responsibility = "signing"
    computed = ("id", "findings")

    def data(self, fields: dict[str, Any], customer: Customer) -> dict[str, Any]:
        """The agreement's data: the customer's manager, the product's term, a status by date."""
        data = {"manager": customer.manager, **fields}
        if isinstance(data.get("terms"), str):
            try:
                data["terms"] = json.loads(data["terms"])
            except ValueError:
                data["terms"] = {"": data["terms"]}
        product = self.app.hooks.products.get(str(data.get("product")))
        start = data.get("start")
        if "end" not in data and product is not None and product.term_months and start:
            with contextlib.suppress(ValueError):  # structuring names a bad start
                data["end"] = term_end(dt.date.fromisoformat(str(start)), product.term_months)
        today = self.app.today.isoformat()
        status = data.get("status")
        if status is None:
            status = "terminated" if data.get("terminated_on") else "active"
        if status in ("active", "signed", "expired") and start:
            # Stored as signed; the status on a day comes from the dates (Agreement.status_on).
            data["status"] = "signed" if str(start) > today else "active"
        else:
            data["status"] = status
        if "signed_on" not in data and start:
            data["signed_on"] = min(str(start), today)
        return data

    def rules(self, record: Any, customer: Customer) -> list[tuple[str, str]]:
        """What an agreement keeps even from the past: a product, dates in order, an amount."""
        problems = []
        try:
            get_product(self.app, record.product)
        except BadInput as exc:
            problems.append(("product", str(exc)))
        if record.start is None:
            problems.append(("start", "empty: an imported agreement needs its start date"))
        if record.status is AgreementStatus.DRAFT:
            problems.append(
                ("status", "a draft is never stored: import signed, active, expired or terminated")
            )
        if record.end is not None and record.start is not None and record.end < record.start:
            problems.append(("end", f"{record.end} is before its start ({record.start})"))
        if record.status is AgreementStatus.TERMINATED and record.terminated_on is None:
            problems.append(("terminated_on", "empty: a terminated agreement says when it ended"))
        if record.amount is not None:
            try:
                parse_amount(self.app, record.amount)
            except BadInput as exc:
                problems.append(("amount", str(exc).removeprefix("--amount ")))
        return problems

    def complete(self, record: Any, customer: Customer) -> Any:
        """The agreement with every plugin's findings, as a re-check (never blocking)."""
        product = get_product(self.app, record.product)
        findings = tuple(
            attrs.evolve(finding, customer=customer.id, product=product.code)
            for finding in self.app.hooks.check_agreement(customer, record, product)
        )
        return attrs.evolve(record, findings=findings)

    def notes(self, record: Any, row: Row) -> tuple[str, ...]:
        """One line per finding of the re-check."""
        return tuple(
            f"{row.where}: finding {f.rule} ({f.severity.value}): {f.message}"
            for f in record.findings
        )

    def finish(self, record: Any) -> Any:
        """The findings name the agreement once it has its id."""
        return attrs.evolve(
            record, findings=tuple(attrs.evolve(f, agreement=record.id) for f in record.findings)
        )

    def store(self, records: list[Any]) -> None:
        """Store the agreements."""
        for record in records:
            self.app.store.add_agreement(record)

    def action(self, record: Any) -> str:
        """``agreement.sign``, as for an agreement signed here (the reason says imported)."""
        return "agreement.sign"
