"""One table mapper: a domain class in a SQL table, through the one cattrs converter.

A :class:`Table` names the columns (the attribute names, id first), which of
them hold JSON and which booleans, and whether the table keeps the id's
number in a ``seq`` column for ordering and keyset pagination. It writes the
SQL for the dialect's placeholder and turns a value into a row and back.
"""

from __future__ import annotations

import functools
import importlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from ..._errors import BookError

if TYPE_CHECKING:
    import cattrs

__all__ = ["Table", "seq_of"]

T = TypeVar("T")


def seq_of(id_: str) -> int:
    """The number of an id ``PREFIX-N``: its order in the book."""
    return int(id_.rsplit("-", 1)[1])


def _quoted(column: str, alias: str = "") -> str:
    # Quoted: some columns ("on", "end", "start") are words SQL keeps for itself.
    return f'{alias}."{column}"' if alias else f'"{column}"'


@attrs.frozen
class Table(Generic[T]):
    """How values of ``cls`` are kept in the table ``name``."""

    name: str
    record: str  # the class's name in accountcore._model, imported when a row is first read
    noun: str  # for messages: "customer c-7 in book.db cannot be read"
    columns: tuple[str, ...]  # attribute and column names, the id first
    json_columns: frozenset[str] = frozenset()
    boolean_columns: frozenset[str] = frozenset()
    seq: bool = True
    _json_at: tuple[int, ...] = attrs.field(init=False)
    _booleans_at: tuple[int, ...] = attrs.field(init=False)
    # Found with the class: a NULL column gives the attribute's default; these have
    # none, so NULL is None.
    _nullable: frozenset[str] = attrs.field(init=False, factory=frozenset, eq=False, repr=False)
    _cls: type[T] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        at = {column: index for index, column in enumerate(self.columns)}
        object.__setattr__(self, "_json_at", tuple(at[c] for c in sorted(self.json_columns)))
        object.__setattr__(self, "_booleans_at", tuple(at[c] for c in sorted(self.boolean_columns)))

    @property
    def cls(self) -> type[T]:
        """The class of the values, imported when first needed: a command builds what it reads."""
        if self._cls is None:
            cls = getattr(importlib.import_module("accountcore._model"), self.record)
            fields = attrs.fields_dict(cls)
            nullable = {c for c in self.columns if fields[c].default is attrs.NOTHING}
            object.__setattr__(self, "_nullable", frozenset(nullable))
            object.__setattr__(self, "_cls", cls)
            return cls
        return self._cls

    # SQL ------------------------------------------------------------------------

    def fields(self, alias: str = "") -> str:
        """The columns, quoted (and prefixed with ``alias``), for a SELECT."""
        return ", ".join(_quoted(column, alias) for column in self.columns)

    def select(self, alias: str = "", *, with_seq: bool = False) -> str:
        """``SELECT columns FROM table [alias]``; ``with_seq`` puts ``seq`` first."""
        seq = f"{_quoted('seq', alias)}, " if with_seq else ""
        return f"SELECT {seq}{self.fields(alias)} FROM {self.name}{' ' + alias if alias else ''}"

    def insert(self, mark: str) -> str:
        """The INSERT of one row (as :meth:`row` gives it), with the driver's placeholder."""
        return _insert_sql(self, mark)

    def update(self, mark: str) -> str:
        """The UPDATE of every column by id, for the parameters :meth:`update_row` gives."""
        return _update_sql(self, mark)

    # Values -----------------------------------------------------------------------

    def row(self, converter: cattrs.Converter, value: T) -> list[Any]:
        """The parameters of :meth:`insert` for ``value``: ``seq`` (if kept), then the columns."""
        data = converter.unstructure(value)
        row = [data[column] for column in self.columns]
        for index in self._json_at:
            if row[index] is not None:
                row[index] = json.dumps(row[index], ensure_ascii=False, sort_keys=True)
        for index in self._booleans_at:
            row[index] = int(row[index])
        if self.seq:
            row.insert(0, seq_of(row[0]))
        return row

    def update_row(self, converter: cattrs.Converter, value: T) -> list[Any]:
        """The parameters of :meth:`update` for ``value``: the other columns, then the id."""
        row = self.row(converter, value)[1 if self.seq else 0 :]
        return [*row[1:], row[0]]

    def data(self, row: Sequence[Any]) -> dict[str, Any]:
        """The plain data a row of :meth:`fields` holds, as :meth:`row` wrote it, unchecked.

        The fields come in the class's order, as the converter gives them.
        """
        cells = list(row)
        for index in self._json_at:
            text = cells[index]
            if text is not None:
                # An empty list is most of them (no consent refused): not worth a parse.
                cells[index] = [] if text == "[]" else _decode(text)
        for index in self._booleans_at:
            if cells[index] is not None:
                cells[index] = bool(cells[index])
        return {column: cells[index] for column, index in _field_order(self)}

    def value(self, converter: cattrs.Converter, row: Sequence[Any], location: str) -> T:
        """The value a row of :meth:`fields` holds; :class:`BookError` if it cannot be read.

        The row's shape and types are checked as it is structured, not the classes'
        validators again: what the book holds passed them when it was written, and
        they were two fifths of reading a customer's profiles back.
        """
        cls = self.cls
        data = {
            column: cell
            for column, cell in zip(self.columns, row, strict=True)
            if cell is not None or column in self._nullable
        }
        for column in self.json_columns:
            if data.get(column) is not None:
                data[column] = json.loads(data[column])
        for column in self.boolean_columns:
            if column in data:
                data[column] = bool(data[column])
        checking = not attrs.validators.get_disabled()
        attrs.validators.set_disabled(True)
        try:
            return converter.structure(data, cls)
        except Exception as exc:
            from ..._convert import describe_error

            raise BookError(
                f"{self.noun} {data.get(self.columns[0])} in {location} cannot be read:"
                f" {describe_error(exc, self.noun)}"
            ) from exc
        finally:
            attrs.validators.set_disabled(not checking)


_decode = json.JSONDecoder().decode


@functools.cache
def _field_order(table: Table[Any]) -> tuple[tuple[str, int], ...]:
    """Each column and its place in a row, in the order of the class's fields."""
    fields = [field.name for field in attrs.fields(table.cls)]
    order = [name for name in fields if name in table.columns]
    order += [column for column in table.columns if column not in fields]
    return tuple((column, table.columns.index(column)) for column in order)


@functools.cache
def _insert_sql(table: Table[Any], mark: str) -> str:
    columns = ("seq", *table.columns) if table.seq else table.columns
    names = ", ".join(_quoted(column) for column in columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({', '.join(mark for _ in columns)})"


@functools.cache
def _update_sql(table: Table[Any], mark: str) -> str:
    assignments = ", ".join(f"{_quoted(column)} = {mark}" for column in table.columns[1:])
    return f"UPDATE {table.name} SET {assignments} WHERE {_quoted(table.columns[0])} = {mark}"
