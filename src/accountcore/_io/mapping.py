"""Import mappings: which column is which field, value aliases, date and money formats, defaults.

A mapping is a TOML file::

    [columns]                      # column in the file = field (an empty field ignores it)
    "Customer No." = "external_id"
    "Contract" = "telecom.contract"
    "Notes" = ""

    [values."telecom.contract"]    # value in the file = value accountcore knows
    "Month-to-month" = "month-to-month"

    [formats]
    date = "%d/%m/%Y"              # or a list of formats, tried in order
    decimal = ","                  # 1.234,50: decimal comma...
    thousands = "."                # ...and dots between thousands

    [defaults]                     # a field's value where the file has none
    manager = "m1"
    tier = "b"

Without a mapping, each column must be named as a field.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

from .._errors import BadInput

__all__ = ["ColumnPlan", "FieldKinds", "ImportMapping", "load_mapping"]

# What a field holds, for the formats: "date", "money", or anything else (taken as it is).
FieldKinds = Callable[[str], str | None]


@frozen
class ImportMapping:
    """A mapping file's content; the empty mapping names each column as its field."""

    columns: dict[str, str] = field(factory=dict)
    values: dict[str, dict[str, Any]] = field(factory=dict)
    date_formats: tuple[str, ...] = ()
    decimal: str = "."
    thousands: str = ""
    defaults: dict[str, Any] = field(factory=dict)
    source: str = "the mapping"


def _table(data: dict[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise BadInput(f"{path}: [{key}] must be a table of names and values")
    return value


def load_mapping(path: Path) -> ImportMapping:
    """Read a mapping file; BadInput names the file and what is wrong in it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"--mapping {path}: cannot be read ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"--mapping {path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"columns", "values", "formats", "defaults"}
    if unknown:
        raise BadInput(
            f"{path}: unknown section {', '.join(sorted(unknown))};"
            " a mapping has [columns], [values], [formats] and [defaults]"
        )
    columns = _table(data, "columns", path)
    for column, name in columns.items():
        if not isinstance(name, str):
            raise BadInput(f"{path}: [columns] {column!r} must name a field as text")
    values = _table(data, "values", path)
    for name, aliases in values.items():
        if not isinstance(aliases, dict):
            raise BadInput(f'{path}: [values."{name}"] must be a table of aliases')
    formats = _table(data, "formats", path)
    dates = formats.get("date", ())
    dates = (dates,) if isinstance(dates, str) else tuple(dates)
    for fmt in dates:
        if not isinstance(fmt, str) or "%" not in fmt:
            raise BadInput(f"{path}: [formats] date {fmt!r}: expected a format such as %d/%m/%Y")
    decimal, thousands = str(formats.get("decimal", ".")), str(formats.get("thousands", ""))
    if len(decimal) != 1 or decimal == thousands:
        raise BadInput(f"{path}: [formats] decimal must be one character, unlike thousands")
    return ImportMapping(
        columns=dict(columns),
        values={name: dict(aliases) for name, aliases in values.items()},
        date_formats=dates,
        decimal=decimal,
        thousands=thousands,
        defaults=_table(data, "defaults", path),
        source=str(path),
    )


class ColumnPlan:
    """How each column of one file becomes a field under a mapping.

    Built once per file: a mapping that names a column the file lacks, or a
    column (or default) that names no field, is a BadInput before any row is read.
    """

    def __init__(
        self,
        mapping: ImportMapping,
        columns: list[str],
        kinds: FieldKinds,
        unknown: Callable[[str], str],
        where: str,
    ) -> None:
        missing = [column for column in mapping.columns if column not in columns]
        if missing:
            raise BadInput(
                f"{mapping.source}: column {missing[0]!r} is not in {where}"
                f" (its columns: {', '.join(columns)})"
            )
        self.fields: dict[str, str] = {}
        for column in columns:
            name = mapping.columns.get(column, column)
            if not name:
                continue
            if kinds(name) is None:
                via = f" (mapped by {mapping.source})" if column in mapping.columns else ""
                raise BadInput(f"{where}:1: column {column!r}{via}: {unknown(name)}")
            if name in self.fields.values():
                raise BadInput(f"{where}:1: column {column!r}: a second column for {name}")
            self.fields[column] = name
        for name in (*mapping.defaults, *mapping.values):
            if kinds(name) is None:
                raise BadInput(f"{mapping.source}: {name!r}: {unknown(name)}")
        self._mapping = mapping
        self._kind_of, self._unknown = kinds, unknown
        self._known = set(columns)
        self._kinds = {name: kinds(name) for name in self.fields.values()}
        self._kinds.update({name: kinds(name) for name in mapping.defaults})

    def _late_columns(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Columns first seen in this row (a JSON Lines record may have keys the first lacks)."""
        problems = []
        for column in values:
            if column in self._known:
                continue
            name = self._mapping.columns.get(column, column)
            if name and self._kind_of(name) is None:
                problems.append((column, self._unknown(name)))
                continue
            self._known.add(column)
            if name:
                self.fields[column] = name
                self._kinds[name] = self._kind_of(name)
        return problems

    @property
    def names(self) -> set[str]:
        """The fields a row of this file may set (its columns', and the defaults)."""
        return set(self.fields.values()) | set(self._mapping.defaults)

    def apply(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """A row's fields (an empty cell is no value) and its problems as ``(column, problem)``."""
        mapping = self._mapping
        result: dict[str, Any] = {}
        problems = (
            self._late_columns(values)
            if len(values) > len(self._known) or any(column not in self._known for column in values)
            else []
        )
        for column, name in self.fields.items():
            value = values.get(column)
            if isinstance(value, str):
                value = value.strip()
                if not value:
                    continue
            if value is None:
                continue
            aliases = mapping.values.get(name)
            if aliases and isinstance(value, str) and value in aliases:
                value = aliases[value]
            kind = self._kinds[name]
            try:
                if kind == "date" and mapping.date_formats and isinstance(value, str):
                    value = _date(value, mapping.date_formats)
                elif kind == "money" and isinstance(value, str):
                    value = _money(value, mapping.decimal, mapping.thousands)
            except ValueError as exc:
                problems.append((column, str(exc)))
                continue
            result[name] = value
        for name, default in mapping.defaults.items():
            result.setdefault(name, default)
        return result, problems


def _date(text: str, formats: tuple[str, ...]) -> str:
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        example = dt.date(2021, 3, 15).strftime(formats[0])
        raise ValueError(
            f"{text!r} is not a date as {' or '.join(formats)} (such as {example})"
        ) from None


def _money(text: str, decimal: str, thousands: str) -> str:
    if thousands:
        text = text.replace(thousands, "")
    if decimal != ".":
        if "." in text:
            raise ValueError(f"{text!r} is not an amount with {decimal!r} before the decimals")
        text = text.replace(decimal, ".")
    text = text.replace(" ", "")
    return text
