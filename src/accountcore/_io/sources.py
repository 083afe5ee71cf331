"""Reading rows from a file, streamed: CSV (delimiter sniffed), JSON Lines, and .xlsx.

A :class:`Source` holds the header (the columns, in file order) and yields
:class:`Row` values one at a time, so a file of any size is read in flat
memory. A row that cannot be read (too many fields, bad JSON) is yielded with
its ``problem`` set, for the import to report with the others; a file that
cannot be read at all (empty, not text, not a spreadsheet) is a BadInput.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from attrs import field, frozen

from .._errors import BadInput

__all__ = ["FORMATS", "Row", "Source", "format_of", "open_source"]

FORMATS = ("csv", "jsonl", "xlsx")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
}
_DELIMITERS = ",;\t|"
# Long text fields (an address, a complaint) from a legacy export are welcome.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@frozen
class Row:
    """One record of the file: where it is, its values by column, or why it cannot be read."""

    where: str
    values: dict[str, Any] = field(factory=dict)
    problem: str | None = None


def format_of(path: Path) -> str:
    """The format a file's name says (csv, jsonl or xlsx); BadInput for another suffix."""
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise BadInput(
            f"{path}: cannot tell the format from {path.suffix or 'no suffix'!r};"
            " name the file .csv, .jsonl or .xlsx"
        )
    return found


class Source:
    """An open file of rows: ``columns`` is its header, iterating yields its rows."""

    def __init__(self, name: str, columns: list[str], rows: Iterator[Row], closer: Any) -> None:
        self.name = name
        self.columns = columns
        self._rows = rows
        self._closer = closer

    def __iter__(self) -> Iterator[Row]:
        return self._rows

    def close(self) -> None:
        """Release the file."""
        self._closer()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_source(
    path: Path,
    *,
    fmt: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> Source:
    """Open ``path`` for reading rows; the format comes from its suffix unless ``fmt`` names it."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    fmt = fmt or format_of(path)
    if fmt == "xlsx":
        from .spreadsheet import open_xlsx

        return open_xlsx(path, sheet)
    if sheet is not None:
        raise BadInput(f"--sheet {sheet}: only an .xlsx file has sheets")
    _ensure_text(path)
    handle = path.open(encoding=encoding or "utf-8-sig", newline="")
    try:
        if fmt == "jsonl":
            return _jsonl(path, handle)
        return _csv(path, handle, delimiter)
    except BaseException:
        handle.close()
        raise


def _ensure_text(path: Path) -> None:
    with path.open("rb") as raw:
        head = raw.read(8192)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        kind = "a spreadsheet (an .xlsx?)" if head.startswith(b"PK") else "binary data"
        raise BadInput(f"{path}: not a text file, it holds {kind}; import a .csv, .jsonl or .xlsx")


def _decoding(path: Path, encoding: str, exc: UnicodeDecodeError) -> BadInput:
    # Text is decoded a buffer at a time: the line is found again, one line at a time.
    line = 0
    with path.open("rb") as raw:
        for line, data in enumerate(raw, start=1):  # noqa: B007
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                break
    return BadInput(
        f"{path}:{line}: not {exc.encoding} text ({exc.reason});"
        " give the file's encoding with --encoding, such as --encoding gb18030"
    )


def _first_line(path: Path, handle: TextIO) -> str:
    try:
        line = handle.readline()
    except UnicodeDecodeError as exc:
        raise _decoding(path, handle.encoding, exc) from None
    if not line.strip():
        raise BadInput(f"{path}: the file is empty: its first line must name the columns")
    return line


def _sniff(line: str, delimiter: str | None) -> str:
    if delimiter is not None:
        if delimiter in ("\\t", "tab"):
            return "\t"
        if len(delimiter) != 1:
            raise BadInput(f"--delimiter {delimiter!r}: expected one character, such as ';'")
        return delimiter
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _check_header(path: Path, columns: list[str]) -> list[str]:
    columns = [column.strip() for column in columns]
    seen: set[str] = set()
    for column in columns:
        if not column:
            raise BadInput(f"{path}:1: a column has no name: every column needs one in the header")
        if column in seen:
            raise BadInput(f"{path}:1: column {column!r} appears twice in the header")
        seen.add(column)
    return columns


def _csv(path: Path, handle: TextIO, delimiter: str | None) -> Source:
    header = _first_line(path, handle)
    sep = _sniff(header, delimiter)
    columns = _check_header(path, next(csv.reader([header], delimiter=sep)))
    reader = csv.reader(handle, delimiter=sep)

    def rows() -> Iterator[Row]:
        line = 2
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise _decoding(path, handle.encoding, exc) from None
            except csv.Error as exc:
                raise BadInput(f"{path}:{line}: not readable as CSV ({exc})") from None
            where = f"{path}:{line}"
            line = reader.line_num + 2
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                yield Row(
                    where,
                    dict(zip(columns, cells, strict=False)),
                    f"row has {len(cells)} fields, the header has {len(columns)}",
                )
                continue
            yield Row(where, dict(zip(columns, cells, strict=True)))

    return Source(str(path), columns, rows(), handle.close)


def _jsonl(path: Path, handle: TextIO) -> Source:
    first = _first_line(path, handle)
    columns: list[str] = []

    def parse(text: str, line: int) -> Row:
        where = f"{path}:{line}"
        try:
            data = json.loads(text)
        except ValueError as exc:
            return Row(where, {}, f"not a JSON object ({exc})")
        if not isinstance(data, dict):
            return Row(where, {}, f"expected a JSON object, got {type(data).__name__}")
        values = _flat(data)
        columns.extend(key for key in values if key not in columns)
        return Row(where, values)

    head = parse(first, 1)

    def rows() -> Iterator[Row]:
        yield head
        line = 1
        while True:
            try:
                text = handle.readline()
            except UnicodeDecodeError as exc:
                raise _decoding(path, handle.encoding, exc) from None
            if not text:
                return
            line += 1
            if text.strip():
                yield parse(text, line)

    return Source(str(path), columns, rows(), handle.close)


def _flat(data: dict[str, Any]) -> dict[str, Any]:
    """A record's ``profiles`` object as ``PLUGIN.FIELD`` keys, as CSV columns name them."""
    values = {key: value for key, value in data.items() if key != "profiles"}
    profiles = data.get("profiles")
    if isinstance(profiles, dict):
        for plugin, fields in profiles.items():
            if isinstance(fields, dict):
                values.update({f"{plugin}.{name}": value for name, value in fields.items()})
    elif profiles is not None:
        values["profiles"] = profiles
    return values


def cell_text(value: Any) -> Any:
    """A spreadsheet cell as import reads it: dates as ISO, whole numbers without ``.0``."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value
