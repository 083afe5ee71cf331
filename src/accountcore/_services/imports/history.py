"""What the history imports share: rows naming a customer, structured into one record each.

A history row names its customer by id (``c-N``) or by external id, in its
``customer`` column; the actor must be allowed the record's duty on that
customer. Each record kind says how a row becomes its plain data
(:meth:`HistoryImporter.data`), which rules it keeps (:meth:`rules`) and how
it is stored and audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import attrs

from ..._app import App
from ..._io.mapping import ColumnPlan
from ..._io.sources import Row
from ..._model import Customer
from .. import audit, scope
from .engine import Accepted, Checked, ImportOptions, Rejected
from .fields import field_problems, kinds_of
from .lookups import Managers, resolve_customers

__all__ = ["HistoryImporter"]


class HistoryImporter:
    """Rows of one kind of history record (visits, agreements, complaints) for known customers."""

    entity: ClassVar[str]
    record_class: ClassVar[type]
    prefix: ClassVar[str]
    responsibility: ClassVar[str]
    # Fields the service sets: a column of one (as an export writes) is read and left out.
    computed: ClassVar[tuple[str, ...]] = ("id",)

    def __init__(self, app: App) -> None:
        self.app = app
        self._kinds = kinds_of(self.record_class)
        self.managers = Managers(app)

    def kind_of(self, name: str) -> str | None:
        """What ``name`` holds, or None when the record has no such field."""
        return self._kinds.get(name)

    def unknown(self, name: str) -> str:
        """Why ``name`` is not a field of the record."""
        fields = ", ".join(name for name in self._kinds if name not in self.computed)
        return f"unknown field {name!r}: a {self.entity}'s fields are {fields}"

    def start(self, plan: ColumnPlan, options: ImportOptions) -> None:
        """A history file must say whose records it holds."""
        from ..._errors import BadInput

        if "customer" not in plan.names:
            raise BadInput(
                f"the file has no customer column: each {self.entity} names its customer"
                " by id (c-N) or external id"
            )

    def data(self, fields: dict[str, Any], customer: Customer) -> dict[str, Any]:
        """The record's plain data from a row's fields (its customer already found)."""
        raise NotImplementedError

    def rules(self, record: Any, customer: Customer) -> list[tuple[str, str]]:
        """The service's rules the record breaks, as ``(field, problem)``."""
        return []

    def complete(self, record: Any, customer: Customer) -> Any:
        """The accepted record with what the service adds (a re-check's findings)."""
        return record

    def notes(self, record: Any, row: Row) -> tuple[str, ...]:
        """What to report about an accepted record (a re-check's findings)."""
        return ()

    def check(self, rows: Sequence[tuple[Row, dict[str, Any]]]) -> list[Checked]:
        """Check a chunk: its customers in one lookup, then each row."""
        refs = [str(fields["customer"]) for _, fields in rows if fields.get("customer") is not None]
        customers = resolve_customers(self.app, refs)
        return [self._check_row(row, fields, customers) for row, fields in rows]

    def _check_row(
        self, row: Row, fields: dict[str, Any], customers: dict[str, Customer]
    ) -> Checked:
        ref = fields.get("customer")
        if ref is None:
            return Rejected(row, (("customer", "empty: say whose record it is"),))
        customer = customers.get(str(ref))
        if customer is None:
            return Rejected(row, (("customer", f"no customer has id or external id {str(ref)!r}"),))
        why = self.managers.customer_problem(customer, self.responsibility)
        if why is not None:
            return Rejected(row, (("customer", why),))
        given = {k: v for k, v in fields.items() if k not in self.computed}
        data = self.data({**given, "customer": customer.id}, customer)
        problems: list[tuple[str, str]] = []
        manager = data.get("manager")
        if manager is not None and manager != customer.manager:
            why = self.managers.problem(str(manager), self.responsibility)
            if why is not None:
                problems.append(("manager", why))
        try:
            record: Any = self.app.converter.structure(
                {"id": f"{self.prefix}-0", **data}, self.record_class
            )
        except Exception as exc:
            problems.extend(field_problems(exc, self.entity))
            return Rejected(row, tuple(problems))
        problems.extend(self.rules(record, customer))
        if problems:
            return Rejected(row, tuple(problems))
        record = self.complete(record, customer)
        notes = self.notes(record, row)
        return Accepted(row, record, notes=notes, findings=len(notes))

    def store(self, records: list[Any]) -> None:
        """Store new records."""
        raise NotImplementedError

    def action(self, record: Any) -> str:
        """The audit action of an imported record (as the service would record its creation)."""
        raise NotImplementedError

    def finish(self, record: Any) -> Any:
        """The record once its id is known (findings naming it...)."""
        return record

    def write(self, accepted: Sequence[Accepted]) -> int:
        """Store the chunk's records, numbered, with one audit event each."""
        app = self.app
        ids = app.store.next_ids(self.prefix, len(accepted))
        records = [
            self.finish(attrs.evolve(item.record, id=new_id))
            for item, new_id in zip(accepted, ids, strict=True)
        ]
        self.store(records)
        customers = app.store.get_customers(r.customer for r in records)
        audit.record_many(
            app,
            [
                audit.Change(
                    self.action(record),
                    self.entity,
                    record.id,
                    after=record,
                    on_behalf_of=scope.on_behalf_of(app, customers[record.customer]),
                    reason=f"imported from {item.row.where}",
                )
                for item, record in zip(accepted, records, strict=True)
            ],
        )
        return len(records)
