"""Output: a list or one record as a table, JSON or CSV.

Records come as the plain data the converter makes (dicts of str, numbers,
lists, dicts); JSON shows them as they are, CSV and tables flatten nested
objects into dotted columns (``profiles.telecom.msisdn``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import click

from .._text import MULTILINE_FIELDS, escape_controls

__all__ = ["FORMATS", "flatten", "render_list", "render_one", "render_value", "render_values"]

FORMATS = ("table", "json", "csv")
# Column titles that say less than their field's name, where a table is short of room.
_TITLES = {"customer_name": "name", "customer_id": "customer", "created_by": "from"}
# Columns of free text beyond the notes and summaries; columns a reader scans, kept whole.
_FREE_TEXT = frozenset(["why", "title", "reasons", "problems", "description", "hooks", "flag"])
_WHOLE = frozenset(["name", "customer_name"])
_JSON_PAGE = 100  # records a JSON listing writes at once


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


def _kind(column: str) -> str:
    """How a column gives way on a narrow terminal (see :func:`write_table`)."""
    field = column.rsplit(".", 1)[-1]
    if field in MULTILINE_FIELDS or field in _FREE_TEXT:
        return "text"
    return "whole" if field in _WHOLE else "word"


def _table_cells(record: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    flat = flatten(record)
    return [_table_text(flat.get(col, record.get(col))) for col in columns]


def _table_text(value: Any) -> str:
    # Free text keeps its line breaks in a table: the cell wraps there.
    if isinstance(value, str):
        return escape_controls(value, keep_newlines=True)
    return _cell(value)


def _csv_rows(records: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """CSV lines with every field any record has; the records spill to disk past a page."""
    # A CSV's only: start-up stays light for every other command.
    import csv
    import io
    import tempfile

    from .table import FIRST_PAGE

    records = iter(records)
    page = [flatten(record) for record in itertools.islice(records, FIRST_PAGE)]
    columns: dict[str, None] = {}
    for row in page:
        columns.update(dict.fromkeys(row))
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        # The header comes first and names every column, so the rows past the first page
        # wait on disk (not in memory) until the last one has said which columns it has.
        for record in records:
            row = flatten(record)
            columns.update(dict.fromkeys(row))
            spill.write(json.dumps({key: _cell(value) for key, value in row.items()}) + "\n")
        if not columns:
            return
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")

        def line(row: Mapping[str, str]) -> str:
            out.seek(0)
            out.truncate()
            writer.writerow(row)
            return out.getvalue().rstrip("\n")

        yield line(dict(zip(columns, columns, strict=True)))
        for row in page:
            yield line({key: _cell(value) for key, value in row.items()})
        spill.seek(0)
        for text in spill:
            yield line(json.loads(text))


def render_list(records: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    """Echo records as they come: a table of ``columns``, a JSON list, or CSV with every field.

    No format holds the listing in memory: JSON and tables are written a record
    at a time (a table sizes its columns from the terminal and a first page),
    CSV keeps what is past its first page on disk until the header is known.
    """
    if fmt == "json":
        _echo_json_list(records)
        return
    if fmt == "csv":
        for text in _csv_rows(records):
            click.echo(text)
        return
    records = iter(records)
    first = next(records, None)
    if first is None:
        click.echo("(none)")
        return
    rows = (_table_cells(record, columns) for record in itertools.chain([first], records))
    from .table import write_table

    titles = [_TITLES.get(col, col) for col in columns]
    write_table(titles, rows, click.echo, kinds=[_kind(col) for col in columns])


def _echo_json_list(records: Iterable[Mapping[str, Any]]) -> None:
    """A JSON list, one record a line, written a page at a time (not a write per record)."""
    texts = (_json(record) for record in records)
    first = next(texts, None)
    if first is None:
        click.echo("[\n]")
        return
    click.echo(f"[\n  {first}", nl=False)
    while page := list(itertools.islice(texts, _JSON_PAGE)):
        click.echo("".join(f",\n  {text}" for text in page), nl=False)
    click.echo("\n]")


def render_one(record: Mapping[str, Any], fmt: str) -> None:
    """Echo one record: ``field  value`` lines, a JSON object, or a one-row CSV."""
    if fmt == "json":
        click.echo(_json(record, indent=2))
    elif fmt == "csv":
        for text in _csv_rows([record]):
            click.echo(text)
    else:
        from .table import terminal_width, wrap

        flat = flatten(record)
        width = max(map(len, flat), default=0)
        room = max(20, terminal_width() - width - 2)
        for key, value in flat.items():
            lines = wrap(_table_text(value), room)
            click.echo(f"{key.ljust(width)}  {lines[0]}".rstrip())
            for more in lines[1:]:
                click.echo(f"{'':{width}}  {more}".rstrip())


def render_values(converter: Any, values: Iterable[Any], fmt: str, columns: Sequence[str]) -> None:
    """Echo domain values as :func:`render_list` does, each as the converter makes it."""
    render_list((converter.unstructure(value) for value in values), fmt, columns)


def render_value(converter: Any, value: Any, fmt: str) -> None:
    """Echo one domain value as :func:`render_one` does, as the converter makes it."""
    render_one(converter.unstructure(value), fmt)
