"""Customers named beside their ids in every listing of their records."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .render import render_list

__all__ = ["render_named", "with_names"]

# Records named per lookup: one query a page, never one a row.
_PAGE = 500


def _named(record: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    named: dict[str, Any] = {}
    for key, value in record.items():
        named[key] = value
        if key == "customer":
            named["customer_name"] = names.get(value) if isinstance(value, str) else None
    return named


def with_names(app: Any, records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
    """Each record with ``customer_name`` right after its ``customer`` id."""
    from .._services.customers import customer_names

    records = iter(records)
    while page := list(itertools.islice(records, _PAGE)):
        ids = {r["customer"] for r in page if isinstance(r.get("customer"), str)}
        names = customer_names(app, ids)
        yield from (_named(record, names) for record in page)


def render_named(app: Any, values: Iterable[Any], fmt: str, columns: Sequence[str]) -> None:
    """Echo domain values as ``render_values`` does, each customer named beside his id."""
    records = (app.converter.unstructure(value) for value in values)
    render_list(with_names(app, records), fmt, columns)
