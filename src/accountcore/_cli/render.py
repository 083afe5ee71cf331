"""Output: a list or one record as a table, JSON or CSV.

Records come as the plain data the converter makes (dicts of str, numbers,
lists, dicts); JSON shows them as they are, CSV and tables flatten nested
objects into dotted columns (``profiles.telecom.msisdn``).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import click

from .._text import escape_controls

__all__ = ["FORMATS", "flatten", "render_list", "render_one", "render_value", "render_values"]

FORMATS = ("table", "json", "csv")
_MAX_CELL = 40


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as dotted keys; lists joined with ``;``."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, list | tuple):
            flat[name] = ";".join(_cell(item) for item in value)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return _json(value, sort_keys=True)
    if isinstance(value, list | tuple):
        return ";".join(_cell(item) for item in value)
    return escape_controls(str(value))


def _json(value: Any, **options: Any) -> str:
    """JSON that no terminal would obey: json escapes C0 controls, this escapes the rest."""
    return escape_controls(json.dumps(value, ensure_ascii=False, **options), keep_newlines=True)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    if _width(text) > _MAX_CELL:
        while _width(text) > _MAX_CELL - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


def _table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    cells = [[_cell(flatten(row).get(col, row.get(col))) for col in columns] for row in rows]
    widths = [
        min(_MAX_CELL, max([_width(col)] + [_width(r[i]) for r in cells]))
        for i, col in enumerate(columns)
    ]
    lines = ["  ".join(_fit(col, w) for col, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(_fit(c, w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    return "\n".join(lines)


def _csv(rows: Sequence[Mapping[str, Any]]) -> str:
    flat = [flatten(row) for row in rows]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in flat:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return out.getvalue().rstrip("\n")


def render_list(records: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Echo records: a table of ``columns``, a JSON list, or CSV with every field."""
    if fmt == "json":
        # Streamed: a long listing never sits in memory as one string.
        click.echo("[", nl=False)
        for index, record in enumerate(records):
            click.echo(("," if index else "") + "\n  ", nl=False)
            click.echo(_json(record), nl=False)
        click.echo("\n]")
        return
    rows = list(records)
    if fmt == "csv":
        text = _csv(rows)
        if text:
            click.echo(text)
        return
    if not rows:
        click.echo("(none)")
        return
    click.echo(_table(rows, columns))


def render_one(record: Mapping[str, Any], fmt: str) -> None:
    """Echo one record: ``field  value`` lines, a JSON object, or a one-row CSV."""
    if fmt == "json":
        click.echo(_json(record, indent=2))
    elif fmt == "csv":
        click.echo(_csv([record]))
    else:
        flat = flatten(record)
        width = max(map(len, flat), default=0)
        for key, value in flat.items():
            click.echo(f"{key.ljust(width)}  {_cell(value)}")


def render_values(converter: Any, values: Iterable[Any], fmt: str, columns: Sequence[str]) -> None:
    """Echo domain values as :func:`render_list` does, each as the converter makes it."""
    render_list((converter.unstructure(value) for value in values), fmt, columns)


def render_value(converter: Any, value: Any, fmt: str) -> None:
    """Echo one domain value as :func:`render_one` does, as the converter makes it."""
    render_one(converter.unstructure(value), fmt)
