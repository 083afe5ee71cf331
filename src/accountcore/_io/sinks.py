"""Writing records to a file, streamed: CSV, JSON Lines, or .xlsx.

Records are plain data (what the converter makes); CSV and .xlsx cells are
text: a list is joined with commas (a list of objects is JSON), a boolean is
``true`` or ``false``, nothing is an empty cell. JSON Lines keeps the values
as they are.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

__all__ = ["Sink", "open_sink", "text_cell"]


def text_cell(value: Any) -> str:
    """A value as one CSV or spreadsheet cell; import reads it back as the same value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if any(isinstance(item, Mapping) for item in value):
            return json.dumps(list(value), ensure_ascii=False, sort_keys=True)
        return ",".join(text_cell(item) for item in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class Sink(Protocol):
    """Where records go, one at a time."""

    def write(self, record: Mapping[str, Any]) -> None:
        """Write one record (keys are columns)."""

    def close(self) -> None:
        """Finish the file."""


class _CsvSink:
    def __init__(self, handle: IO[str], columns: Sequence[str], owned: bool) -> None:
        self._handle, self._owned = handle, owned
        self._columns = list(columns)
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(self._columns)

    def write(self, record: Mapping[str, Any]) -> None:
        self._writer.writerow([text_cell(record.get(column)) for column in self._columns])

    def close(self) -> None:
        if self._owned:
            self._handle.close()
        else:
            self._handle.flush()


class _JsonlSink:
    def __init__(self, handle: IO[str], columns: Sequence[str], owned: bool) -> None:
        self._handle, self._owned = handle, owned
        self._columns = list(columns)

    def write(self, record: Mapping[str, Any]) -> None:
        data = {c: record[c] for c in self._columns if record.get(c) is not None}
        self._handle.write(json.dumps(data, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._owned:
            self._handle.close()
        else:
            self._handle.flush()


class _XlsxSink:
    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        from .spreadsheet import XlsxWriter

        self._columns = list(columns)
        self._writer = XlsxWriter(path, self._columns)

    def write(self, record: Mapping[str, Any]) -> None:
        self._writer.write_rows([[text_cell(record.get(c)) for c in self._columns]])

    def close(self) -> None:
        self._writer.close()


def open_sink(path: Path | None, fmt: str, columns: Sequence[str]) -> Sink:
    """A writer of ``columns`` to ``path`` (None: standard output; not for .xlsx)."""
    if fmt == "xlsx":
        if path is None:
            from .._errors import BadInput

            raise BadInput("--format xlsx needs --output FILE.xlsx: a workbook is not text")
        return _XlsxSink(path, columns)
    handle: IO[str] = sys.stdout if path is None else path.open("w", encoding="utf-8", newline="")
    owned = path is not None
    if fmt == "jsonl":
        return _JsonlSink(handle, columns, owned)
    return _CsvSink(handle, columns, owned)
