"""Text is text: no terminal control codes in, none replayed out.

Names and other one-line fields hold no control character; free text
(notes, summaries, reasons) may also hold newlines and tabs. Output escapes
whatever could still reach a terminal (a book written by other means).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from ._errors import BadInput

__all__ = ["MULTILINE_FIELDS", "escape_controls", "refuse_controls", "refuse_controls_in"]

# C0 and C1 controls, DEL, the bidirectional overrides that reorder what a reader sees,
# and lone surrogates (bytes of a command line that were not UTF-8).
_OTHERS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"


@functools.cache
def _controls(multiline: bool) -> re.Pattern[str]:
    # Compiled when first needed: each is half a millisecond of start-up.
    if multiline:  # newlines and tabs are text
        return re.compile(f"[\x00-\x08\x0b-\x1f{_OTHERS}]")
    return re.compile(f"[\x00-\x1f{_OTHERS}]")


# Fields of free text, where a newline (and a tab) makes sense.
MULTILINE_FIELDS = frozenset(
    [
        "note",
        "notes",
        "summary",
        "outcome",
        "next_step",
        "agenda",
        "reason",
        "resolution",
        "reply",
        "text",
        "message",
        "details",
        "override_reason",
        "termination_reason",
    ]
)


def refuse_controls(text: str, where: str, *, multiline: bool = False) -> str:
    """``text`` unchanged, or BadInput naming ``where`` and the control character it holds."""
    found = _controls(multiline).search(text)
    if found is None:
        return text
    allowed = " (only newlines and tabs are allowed in free text)" if multiline else ""
    raise BadInput(
        f"{where}: holds the control character U+{ord(found.group()):04X} at position"
        f" {found.start() + 1}: remove it{allowed}"
    )


def refuse_controls_in(data: Any, where: str) -> None:
    """Refuse a control character in any text of plain ``data`` (nested dicts and lists)."""
    if isinstance(data, str):
        name = where.rsplit(".", 1)[-1]
        refuse_controls(data, where, multiline=name in MULTILINE_FIELDS)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            refuse_controls_in(value, f"{where}.{key}")
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            refuse_controls_in(item, f"{where}[{index}]")


def _escape(match: re.Match[str]) -> str:
    # The JSON form of an escape, so that JSON output stays JSON.
    return f"\\u{ord(match.group()):04x}"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with each control character written as an escape (``\\u001b``), for a terminal."""
    if text.isprintable():  # holds none of them (each is a control, format or surrogate)
        return text
    return _controls(keep_newlines).sub(_escape, text)
