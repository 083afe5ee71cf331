""".xlsx files through openpyxl, imported only when a spreadsheet is read or written.

Read-only and write-only modes stream a sheet row by row, so a large
workbook never sits in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .._errors import BadInput
from .sources import Row, Source, cell_text

__all__ = ["XlsxWriter", "open_xlsx"]


def open_xlsx(path: Path, sheet: str | None) -> Source:
    """The first sheet of the workbook at ``path`` (or ``sheet``) as a source of rows."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise BadInput(
            f"{path}: not an .xlsx spreadsheet ({exc}); save it from Excel or LibreOffice"
            " as .xlsx, or export it as .csv"
        ) from None
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise BadInput(f"--sheet {sheet!r}: {path} has sheets {', '.join(book.sheetnames)}")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    cells = ws.iter_rows(values_only=True)
    header = next(cells, None)
    if header is None or not any(value is not None for value in header):
        book.close()
        raise BadInput(f"{path}:{ws.title}:1: the sheet is empty: its first row names the columns")
    columns = [str(value).strip() if value is not None else "" for value in header]
    while columns and not columns[-1]:
        columns.pop()
    for index, column in enumerate(columns):
        if not column or column in columns[:index]:
            what = "has no name" if not column else f"{column!r} appears twice"
            book.close()
            raise BadInput(f"{path}:{ws.title}:1: column {index + 1} {what} in the header")

    def rows() -> Iterator[Row]:
        for number, values in enumerate(cells, start=2):
            texts = [cell_text(value) for value in values]
            if not any(value not in (None, "") for value in texts):
                continue
            where = f"{path}:{ws.title}:{number}"
            extra = [value for value in texts[len(columns) :] if value not in (None, "")]
            problem = f"row has values beyond the {len(columns)} named columns" if extra else None
            yield Row(where, dict(zip(columns, texts, strict=False)), problem)

    return Source(f"{path}", columns, rows(), book.close)


class XlsxWriter:
    """A workbook written row by row (write-only mode), every cell as text."""

    def __init__(self, path: Path, columns: Sequence[str], title: str = "export") -> None:
        import openpyxl

        self._path = path
        self._book = openpyxl.Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title)
        self._sheet.append(list(columns))

    def write_rows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Append rows of cells."""
        for row in rows:
            self._sheet.append(["" if value is None else value for value in row])

    def close(self) -> None:
        """Save the workbook."""
        self._book.save(self._path)
