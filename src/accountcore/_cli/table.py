"""A table that fits the terminal: columns sized from the first page, long text wrapped.

Rows are written as they come: the widths are set once, from the terminal's
width and the first page of rows, so a listing of a million rows never sits
in memory. A cell longer than its column wraps onto more lines (at spaces, or
inside a word that is wider than the column); nothing is cut.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["FIRST_PAGE", "terminal_width", "text_width", "wrap", "write_table"]

# Rows read before the widths are set.
FIRST_PAGE = 200
_GAP = "  "
# Ids (``c-17``, ``ca-3``) grow as a listing goes on: their column keeps this much more.
_ID = re.compile(r"[a-z]{1,4}-[0-9]+")
_ID_SLACK = 1
# The least width of a word column (its longest word, up to this), a name column and a
# free-text column, stage by stage as the terminal narrows; a date (10) is broken only
# when nothing else is left.
_STAGES = (
    (24, 24, 30),
    (16, 24, 24),
    (12, 20, 20),
    (12, 16, 20),
    (12, 12, 16),
    (12, 10, 12),
    (10, 8, 10),
    (10, 8, 8),
    (10, 6, 6),
)


def terminal_width() -> int:
    """``COLUMNS`` when given, else the terminal's width, else 80 (not a terminal)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    import shutil  # 4 ms at start-up, for the table formats only

    return shutil.get_terminal_size(fallback=(80, 24)).columns


def text_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide East Asian letters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _break_word(word: str, width: int) -> Iterator[str]:
    """``word`` in pieces of at most ``width``, cut after a ``.``, ``-`` or ``/`` where one fits."""
    while text_width(word) > width:
        cut = 0
        while cut < len(word) and text_width(word[: cut + 1]) <= width:
            cut += 1
        cut = max(cut, 1)
        soft = max(word.rfind(mark, 0, cut) for mark in ".-/_")
        if soft > 0:
            cut = soft + 1
        yield word[:cut]
        word = word[cut:]
    if word:
        yield word


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` columns, broken at spaces where it can be."""
    lines: list[str] = []
    for paragraph in text.replace("\t", " ").split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            pieces = list(_break_word(word, width)) or [""]
            lines.extend(pieces[:-1])
            line = pieces[-1]
        lines.append(line)
    return lines


def _longest_word(text: str) -> int:
    return max((text_width(word) for word in text.split()), default=0)


def _id_slack(cells: Sequence[str]) -> int:
    """Room for the ids past the first page to grow (``c-200`` then ``c-1000``) unbroken."""
    values = [cell for cell in cells if cell]
    return _ID_SLACK if values and all(_ID.fullmatch(cell) for cell in values) else 0


def _lines_width(cells: Sequence[str]) -> int:
    return max((text_width(line) for cell in cells for line in cell.split("\n")), default=0)


def _title_width(title: str) -> int:
    """The widest piece of a title cut after each underscore (``minimum_`` ``amount``)."""
    return max(text_width(piece) for piece in title.replace("_", "_ ").split())


def _value_width(cells: Sequence[str], kind: str) -> int:
    """What the values of a column need: a name whole, other values their longest word."""
    measure = text_width if kind == "whole" else _longest_word
    return max((measure(cell) for cell in cells), default=1)


def _least(natural: int, longest: int, kind: str, caps: tuple[int, int, int]) -> int:
    """How narrow a column may get at this stage: free text wraps, a name stays whole."""
    word, whole, text = caps
    if kind == "text":
        return min(natural, text)
    if kind == "whole":
        return min(natural, whole)
    return min(natural, max(1, min(word, longest)))


def _level(natural: Sequence[int], least: Sequence[int], room: int) -> list[int]:
    """Widths filled like water: narrow columns get all they take, wide ones share the rest."""
    low, high = 0, max(natural)
    while low < high:
        level = (low + high + 1) // 2
        if sum(min(n, max(m, level)) for n, m in zip(natural, least, strict=True)) <= room:
            low = level
        else:
            high = level - 1
    widths = [min(n, max(m, low)) for n, m in zip(natural, least, strict=True)]
    for index in range(len(widths)):
        if sum(widths) < room and widths[index] < natural[index]:
            widths[index] += 1
    return widths


def _widths(
    header: Sequence[str], page: Sequence[Sequence[str]], room: int, kinds: Sequence[str]
) -> list[int]:
    """Each column's width: its widest cell when all fit, else shared out to fill ``room``."""
    columns = list(zip(header, *page, strict=True))
    natural = [
        max(text_width(line) for cell in col for line in cell.split("\n")) + _id_slack(col[1:])
        for col in columns
    ]
    longest = [max(_longest_word(cell) for cell in col) + _id_slack(col[1:]) for col in columns]
    room -= len(_GAP) * (len(header) - 1)
    if sum(natural) <= room:
        return natural
    # Short of room, a title wider than its values wraps at its underscores first.
    natural = [
        max(_lines_width(col[1:]) + _id_slack(col[1:]), _title_width(title))
        for title, col in zip(header, columns, strict=True)
    ]
    longest = [min(n, w) for n, w in zip(natural, longest, strict=True)]
    # The narrower the terminal, the more gives way: long codes first, then names, then text.
    for caps in _STAGES:
        least = [_least(*col, caps) for col in zip(natural, longest, kinds, strict=True)]
        if sum(least) <= room:
            return _level(natural, least, room)
    # Then the titles give way: each column keeps only what its values need.
    least = [
        min(n, max(1, min(16 if kind == "whole" else 12, _value_width(col[1:], kind))))
        for n, kind, col in zip(natural, kinds, columns, strict=True)
    ]
    if sum(least) <= room:
        return _level(natural, least, room)
    # Too narrow a terminal for even that: equal shares, words broken where they must.
    return [max(1, room // len(header))] * len(header)


def _cell_lines(cell: str, width: int) -> list[str]:
    # An id is never broken: one longer than its column (the listing grew past the first
    # page's) runs into the gap, and the rest of its line moves over by what it took.
    if _ID.fullmatch(cell):
        return [cell]
    return wrap(cell, width)


def _lines(cells: Sequence[str], widths: Sequence[int]) -> Iterator[str]:
    wrapped = [_cell_lines(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in wrapped)
    for row in range(height):
        line, start = "", 0
        for column, (lines, width) in enumerate(zip(wrapped, widths, strict=True)):
            text = lines[row] if row < len(lines) else ""
            if column:
                line += " " * max(1, start - text_width(line))
            line += text
            start += width + len(_GAP)
        yield line.rstrip()


def write_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    echo: Callable[[str], None],
    *,
    kinds: Sequence[str] | None = None,
    width: int | None = None,
) -> int:
    """Echo ``rows`` (cells as text) under ``header`` as they come; the number of rows.

    ``kinds`` says how each column gives way on a narrow terminal: ``text``
    wraps first, ``whole`` (a name) stays whole longest, ``word`` (the
    default: ids, dates, codes) is broken only when nothing else is left.
    """
    rows = iter(rows)
    page = list(itertools.islice(rows, FIRST_PAGE))
    kinds = kinds or ["word"] * len(header)
    widths = _widths(header, page, width or terminal_width(), kinds)
    for line in _lines(header, widths):
        echo(line)
    echo(_GAP.join("-" * w for w in widths))
    count = 0
    for cells in itertools.chain(page, rows):
        for line in _lines(cells, widths):
            echo(line)
        count += 1
    return count
