"""Getting a book out: customers, visits, agreements and complaints as files that import back.

An export holds the records the actor may see, streamed from the book. The
columns are those the import reads: core fields, ``PLUGIN.FIELD`` for each
loaded plugin's profile, and history rows naming their customer by external
id (or id, for a customer without one). Personal data is masked unless
``reveal``, which is recorded in the audit trail with the file and count.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from .._app import App
from .._io.sinks import open_sink
from .._model import Agreement, Complaint, Visit
from .._store import ComplaintFilter, CustomerFilter, VisitFilter
from . import audit, privacy, scope

__all__ = ["customer_columns", "export_records"]

CUSTOMER_CORE = (
    "id",
    "external_id",
    "name",
    "kind",
    "tier",
    "status",
    "manager",
    "birthday",
    "phone",
    "email",
    "address",
    "id_number",
    "consent",
    "contacts",
    "created_on",
)
_BATCH = 1000


def customer_columns(app: App) -> list[str]:
    """The columns of a customer export: core fields, then each loaded profile's fields."""
    profiles = [
        f"{plugin}.{f.name}"
        for plugin, cls in sorted(app.hooks.profiles.items())
        for f in attrs.fields(cls)
    ]
    return [*CUSTOMER_CORE, *profiles]


def _customer_record(data: dict[str, Any]) -> dict[str, Any]:
    record = dict(data)
    for plugin, fields in record.pop("profiles").items():
        if isinstance(fields, dict):
            record.update({f"{plugin}.{name}": value for name, value in fields.items()})
    return record


def _customers(app: App, reveal: bool) -> Iterator[dict[str, Any]]:
    # The stored plain data, not structured into Customers: an export only passes it on.
    where = CustomerFilter(managers=scope.visible_managers(app))
    personal = privacy.personal_fields(app.hooks.profiles)
    for batch in app.store.iter_customer_data(where):
        for data in batch:
            yield _customer_record(data if reveal else privacy.mask_customer_data(data, personal))


def _with_refs(app: App, records: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """History records as plain data, ``customer`` as his external id where he has one."""
    records = iter(records)
    while batch := list(itertools.islice(records, _BATCH)):
        customers = app.store.get_customers(record.customer for record in batch)
        for record in batch:
            data = app.converter.unstructure(record)
            owner = customers.get(record.customer)
            if owner is not None and owner.external_id:
                data["customer"] = owner.external_id
            yield data


def _agreements(app: App) -> Iterator[Agreement]:
    for agreement in app.store.iter_agreements(managers=scope.visible_managers(app)):
        yield attrs.evolve(agreement, status=agreement.status_on(app.today), findings=())


def _history(app: App, entity: str) -> tuple[list[str], Iterator[dict[str, Any]]]:
    visible = scope.visible_managers(app)
    if entity == "visit":
        columns = [f.name for f in attrs.fields(Visit)]
        records: Iterable[Any] = app.store.iter_visits(VisitFilter(customer_managers=visible))
    elif entity == "agreement":
        columns = [f.name for f in attrs.fields(Agreement) if f.name != "findings"]
        records = _agreements(app)
    else:
        columns = [f.name for f in attrs.fields(Complaint)]
        records = app.store.iter_complaints(ComplaintFilter(managers=visible))
    return columns, _with_refs(app, records)


def export_records(
    app: App, entity: str, output: Path | None, fmt: str, *, reveal: bool = False
) -> int:
    """Write the ``entity`` records the actor may see to ``output`` (None: stdout) as ``fmt``.

    Returns how many were written. ``reveal`` (customers only) writes personal
    data in full, and records the export in the audit trail.
    """
    if entity == "customer":
        columns, records = customer_columns(app), _customers(app, reveal)
    else:
        columns, records = _history(app, entity)
    sink = open_sink(output, fmt, columns)
    count = 0
    try:
        for count, record in enumerate(records, start=1):  # noqa: B007
            sink.write(record)
    finally:
        sink.close()
    if reveal:
        with app.store.transaction():
            audit.record(
                app,
                f"{entity}.export",
                "export",
                app.store.next_id("export"),
                after={"file": str(output or "stdout"), "format": fmt, "records": count},
                reason="personal data revealed (--reveal)",
            )
    return count
